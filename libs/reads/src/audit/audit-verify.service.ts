import { Inject, Injectable } from '@nestjs/common';
import { EventStore, HashChainReport, VerifyHashChainsOptions, verifyHashChains } from '@okr/event-store';
import { EVENT_STORE } from '@okr/platform';

/** GET /api/audit/verify: the tenant's hash-chain report, `ok` when no link is broken, and how long it took. */
export interface AuditVerifyAnswer extends HashChainReport {
  ok: boolean;
  seconds: number;
}

/**
 * Verifies the hash chains of a tenant's streams (see verifyHashChains): reads the event store itself, page by
 * page, never the read models or the cached stream states, so a change made to the stored events behind the
 * application's back is seen.
 */
@Injectable()
export class AuditVerifyService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** `onProgress` is called after each page of the log (the analyst CLI's progress bar). */
  async verify(tenantId: string, onProgress?: VerifyHashChainsOptions['onProgress']): Promise<AuditVerifyAnswer> {
    const started = performance.now();
    const report = await verifyHashChains(this.store, { tenantId, onProgress });
    const seconds = Math.round(performance.now() - started) / 1000;
    return { ok: report.firstBroken === null, ...report, seconds };
  }
}
