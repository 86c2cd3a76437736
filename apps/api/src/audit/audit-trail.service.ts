import { Inject, Injectable, Optional } from '@nestjs/common';
import { BUDGET } from '@okr/budget';
import { InvalidInputError } from '@okr/domain';
import { EventStore, StoredEvent } from '@okr/event-store';
import { FoldedEvent, HistoryEntry, HistoryFolder, RecordingNameBook, describe } from '@okr/history';
import { EVENT_STORE } from '@okr/platform';
import { decodeHistoryCursor, encodeHistoryCursor } from '../history/history-cursor';
import { HistoryNames } from '../history/history-names';

/** How many events one audit request reads from the log at most (tests pass a small one). */
export const AUDIT_SCAN_BUDGET = Symbol('AUDIT_SCAN_BUDGET');

export interface AuditFilter {
  actorId?: string;
  /** One stream (entity) only. */
  streamId?: string;
  /** Inclusive. */
  from?: string;
  /** Exclusive. */
  to?: string;
  types?: readonly string[];
}

export interface AuditPage {
  items: HistoryEntry[];
  /** Continue from here; present whenever the log was not read to its end, even when `items` is not full. */
  nextCursor: string | null;
  /** Position of the last event this request read (the page covers the log up to there). */
  scannedUpTo: number;
}

/**
 * The tenant-wide audit trail, oldest first: the log read from the cursor on, filtered, at most
 * `limit` entries and at most the scan budget of events per request. Every entry has full from → to
 * changes: each matching event's stream is read up to it and folded (one read per stream per page).
 */
@Injectable()
export class AuditTrail {
  private readonly budget: number;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly names: HistoryNames,
    @Optional() @Inject(AUDIT_SCAN_BUDGET) budget?: number,
  ) {
    this.budget = budget ?? BUDGET.logReads.auditScanEvents;
  }

  async page(tenantId: string, filter: AuditFilter, limit: number, cursor?: string): Promise<AuditPage> {
    const from = filter.from === undefined ? -Infinity : Date.parse(filter.from);
    const to = filter.to === undefined ? Infinity : Date.parse(filter.to);
    if (from >= to) throw new InvalidInputError('audit.empty_window', 'from must be before to', 'from');
    const types = filter.types && filter.types.length > 0 ? new Set(filter.types) : undefined;
    const matches = (e: StoredEvent) => {
      if (e.metadata.tenantId !== tenantId) return false;
      if (filter.actorId !== undefined && e.metadata.actorId !== filter.actorId) return false;
      if (filter.streamId !== undefined && e.streamId !== filter.streamId) return false;
      if (types && !types.has(e.type)) return false;
      const at = Date.parse(e.metadata.recordedAt);
      return at >= from && at < to;
    };

    let after = cursor === undefined ? 0 : decodeHistoryCursor(cursor, 'asc').position;
    const matched: StoredEvent[] = [];
    let scanned = 0;
    let endOfLog = false;
    scan: while (scanned < this.budget) {
      const wanted = Math.min(BUDGET.logReads.auditPageEvents, this.budget - scanned);
      const batch = await this.store.readAll({ after, maxCount: wanted });
      for (const event of batch) {
        scanned++;
        after = event.position;
        if (matches(event)) {
          matched.push(event);
          if (matched.length === limit) break scan;
        }
      }
      if (batch.length < wanted) {
        endOfLog = true;
        break;
      }
    }

    const folded = await this.foldUpTo(matched);
    const wantedNames = new RecordingNameBook();
    for (const f of folded) describe(f, wantedNames);
    const names = await this.names.lookup(tenantId, wantedNames);
    return {
      items: folded.map((f) => describe(f, names)),
      nextCursor: endOfLog ? null : encodeHistoryCursor({ order: 'asc', position: after }),
      scannedUpTo: after,
    };
  }

  /** Each event folded on its own stream's earlier events: one read per stream, up to its last matching event. */
  private async foldUpTo(events: readonly StoredEvent[]): Promise<FoldedEvent[]> {
    const lastRevision = new Map<string, number>();
    for (const e of events) lastRevision.set(e.streamId, Math.max(lastRevision.get(e.streamId) ?? -1, e.revision));
    const folder = new HistoryFolder();
    const byPosition = new Map<number, FoldedEvent>();
    await Promise.all(
      [...lastRevision].map(async ([streamId, revision]) => {
        const stream = await this.store.readStream(streamId, { maxCount: revision + 1 });
        for (const e of stream) byPosition.set(e.position, folder.apply(e));
      }),
    );
    return events.map((e) => byPosition.get(e.position) ?? folder.apply(e));
  }
}
