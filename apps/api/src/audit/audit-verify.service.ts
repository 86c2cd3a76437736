import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { EventStore, HashChainReport, HashChainSegmentSource, VerifyHashChainsOptions, verifyHashChains } from '@okr/event-store';
import { EVENT_STORE } from '../infrastructure/event-store.token';
import { AUDIT_VERIFY_SETTINGS, AuditVerifySettings } from './audit-verify-settings';
import { HashChainSegmentWorkers } from './hash-chain-segment-workers';

/** GET /api/audit/verify: the tenant's hash-chain report, `ok` when no link is broken, and how long it took. */
export interface AuditVerifyAnswer extends HashChainReport {
  ok: boolean;
  seconds: number;
}

/**
 * Verifies the hash chains of a tenant's streams (see verifyHashChains): reads the event store itself, page by
 * page, never the read models or the cached stream states, so a change made to the stored events behind the
 * application's back is seen. On the embedded event store a long verification checks the later half of the log in
 * a worker thread meanwhile (HashChainSegmentWorkers): the same report, on two cores.
 */
@Injectable()
export class AuditVerifyService {
  private readonly segments?: HashChainSegmentSource;
  private readonly parallelFrom?: number;
  private readonly logger = new Logger('AuditVerify');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(AUDIT_VERIFY_SETTINGS) settings: AuditVerifySettings | null = null,
  ) {
    if (settings?.segmentWorker) {
      this.segments = new HashChainSegmentWorkers(settings.segmentWorker.eventStoreFile);
      this.parallelFrom = settings.segmentWorker.from;
    }
  }

  /** `onProgress` is called after each page of the log (the analyst CLI's progress bar). */
  async verify(tenantId: string, onProgress?: VerifyHashChainsOptions['onProgress']): Promise<AuditVerifyAnswer> {
    const started = performance.now();
    const report = await verifyHashChains(this.store, {
      tenantId,
      onProgress,
      segments: this.segments,
      parallel: { from: this.parallelFrom },
      onSegmentFailure: (error) =>
        this.logger.warn(
          `Verifying half of the log in a worker failed (${error instanceof Error ? error.message : String(error)}); verified on this thread instead`,
        ),
    });
    const seconds = Math.round(performance.now() - started) / 1000;
    return { ok: report.firstBroken === null, ...report, seconds };
  }
}
