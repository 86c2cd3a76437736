/**
 * @okr/event-store — the event-store port and its adapters.
 * The shared contract suite lives in ./testing and is deliberately not exported from here
 * (import '@okr/event-store/testing/event-store.contract' from tests).
 */
export * from './event-store.port';
export { InMemoryEventStore } from './in-memory/in-memory-event-store';
export type { InMemoryEventStoreOptions } from './in-memory/in-memory-event-store';
export { leanLogReaderOf } from './lean-log/lean-log-reader';
export type { LeanEvent, LeanLogReader, LeanLogReadOptions, LeanLogSource } from './lean-log/lean-log-reader';
export { SqliteEventStore } from './sqlite/sqlite-event-store';
export type { SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { runMigrations, currentSchemaVersion, SCHEMA_MIGRATIONS_TABLE } from './sqlite/sqlite-migrations';
export type { SqliteMigration } from './sqlite/sqlite-migrations';
export { EVENT_STORE_SCHEMA_COMPONENT } from './sqlite/event-store-schema';
export { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
export type { EventStoreDbOptions, EventStoreDbTuning, PingResult } from './eventstoredb/eventstoredb-event-store';
export { eventStoreDbPositionOf, checkpointToPosition } from './eventstoredb/position-mapping';
export { EventStoreDbUnavailableError, StreamTombstonedError } from './eventstoredb/error-translation';
export { HashChainedEventStore } from './hash-chain/hash-chained-event-store';
export type { HashChainedEventStoreOptions } from './hash-chain/hash-chained-event-store';
export { verifyHashChains } from './hash-chain/verify-hash-chains';
export type {
  BrokenLink,
  BrokenLinkReason,
  HashChainProgress,
  HashChainReport,
  VerifyHashChainsOptions,
} from './hash-chain/verify-hash-chains';
export { canonicalJson } from './hash-chain/canonical-json';
export { eventHash, canonicalEventText, GENESIS_HASH, HASH_KEY, PREVIOUS_HASH_KEY } from './hash-chain/event-hash';
