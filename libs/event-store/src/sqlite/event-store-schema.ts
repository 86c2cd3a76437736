import { SqliteMigration } from './sqlite-migrations';

/** Component name of the event store in schema_migrations. */
export const EVENT_STORE_SCHEMA_COMPONENT = 'event-store';

/**
 * Schema of the SQLite event store. Append new migrations; never edit an applied one.
 *
 * events: one row per event. `position` is the global order (AUTOINCREMENT: never re-used, even after a
 * rollback or a delete). `data` and `metadata` are JSON text; metadata is stored whole (extra keys included),
 * and the fields audits filter on are copied into their own columns (tenant_id, actor_id, correlation_id,
 * recorded_at — an ISO-8601 string from the caller's clock, so it sorts as time when all writers use UTC `Z`).
 * `batch_first_revision`/`batch_size` identify the append that wrote the row, to recognise idempotent retries.
 */
export const EVENT_STORE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'create events',
    up: `
      CREATE TABLE events (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        stream_id TEXT NOT NULL,
        revision INTEGER NOT NULL CHECK (revision >= 0),
        event_id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        data TEXT NOT NULL,
        metadata TEXT NOT NULL,
        tenant_id TEXT,
        actor_id TEXT,
        correlation_id TEXT,
        recorded_at TEXT,
        batch_first_revision INTEGER NOT NULL,
        batch_size INTEGER NOT NULL CHECK (batch_size >= 1),
        UNIQUE (stream_id, revision)
      ) STRICT;
      CREATE INDEX events_by_tenant ON events (tenant_id, position);
      CREATE INDEX events_by_tenant_actor ON events (tenant_id, actor_id, position);
      CREATE INDEX events_by_tenant_time ON events (tenant_id, recorded_at);
      CREATE INDEX events_by_type ON events (type, position);
    `,
  },
];
