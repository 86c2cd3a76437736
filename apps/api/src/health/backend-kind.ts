import { EventStore, EventStoreDbEventStore, HashChainedEventStore, InMemoryEventStore, SqliteEventStore } from '@okr/event-store';
import { InMemoryReadModelStore, MongoReadModelStore, ReadModelStore, SqliteReadModelStore } from '@okr/read-model';

/** What the event store is, as /api/health names it. */
export function eventStoreKind(store: EventStore): string {
  if (store instanceof HashChainedEventStore) return eventStoreKind(store.inner);
  if (store instanceof SqliteEventStore) return 'sqlite';
  if (store instanceof EventStoreDbEventStore) return 'eventstoredb';
  if (store instanceof InMemoryEventStore) return 'memory';
  return store.constructor?.name ?? 'unknown';
}

/** What the read-model store is, as /api/health names it. */
export function readModelStoreKind(store: ReadModelStore): string {
  if (store instanceof SqliteReadModelStore) return 'sqlite';
  if (store instanceof MongoReadModelStore) return 'mongodb';
  if (store instanceof InMemoryReadModelStore) return 'memory';
  return store.constructor?.name ?? 'unknown';
}
