import { BUDGET } from '@okr/budget';
import { EventStore, SqliteEventStore } from '@okr/event-store';

/**
 * True when the store holds OKR data: any cycle scheduled (in any tenant). A store with only the tenant
 * and its administrator counts as empty. On the embedded store this is one indexed query, so start-up
 * stays fast on large stores; other stores are scanned.
 */
export async function storeHasOkrData(store: EventStore): Promise<boolean> {
  if (store instanceof SqliteEventStore) {
    return store.database.prepare(`SELECT 1 FROM events WHERE type = 'CycleScheduled' LIMIT 1`).get() !== undefined;
  }
  const page = BUDGET.logReads.okrDataProbePageEvents;
  for (let after = 0; ;) {
    const events = await store.readAll({ after, maxCount: page });
    if (events.some((e) => e.type === 'CycleScheduled')) return true;
    if (events.length < page) return false;
    after = events[events.length - 1].position;
  }
}
