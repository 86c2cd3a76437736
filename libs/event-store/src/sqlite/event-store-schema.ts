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
 * `schema_version` (version 2) is `metadata.schemaVersion` when it is a safe integer (NULL otherwise: absent, or any
 * other JSON value, which readers then take from the metadata): folds over the whole log read it without
 * parsing a million metadata texts.
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
  {
    version: 2,
    name: 'schema version column',
    // Existing rows are filled from their metadata (about 9 s for a million events, once).
    up: `
      ALTER TABLE events ADD COLUMN schema_version INTEGER;
      UPDATE events SET schema_version = metadata ->> '$.schemaVersion' WHERE json_type(metadata, '$.schemaVersion') = 'integer'
        AND abs(metadata ->> '$.schemaVersion') <= 9007199254740991;
    `,
  },
];
