import type { Database } from 'better-sqlite3';

/**
 * A tiny migration runner for embedded SQLite stores that share one database file (the event store,
 * idempotency records, read models…). Each component has its own numbered migrations, recorded in
 * `schema_migrations(component, version, name, applied_at)`.
 */
export interface SqliteMigration {
  /** 1, 2, 3… strictly increasing within a component; never renumber an applied migration. */
  version: number;
  name: string;
  /** SQL script (may hold several statements) or a function, run inside the migration transaction. */
  up: string | ((db: Database) => void);
}

export const SCHEMA_MIGRATIONS_TABLE = 'schema_migrations';

/**
 * Applies the component's migrations that are not yet recorded, in version order, all in one IMMEDIATE
 * transaction (so two processes opening the same file at once cannot both apply them; the second one
 * waits for the lock, then finds nothing to do). Returns the component's schema version afterwards.
 * Throws if the database holds a version newer than the code knows (the code is older than the file).
 */
export function runMigrations(db: Database, component: string, migrations: readonly SqliteMigration[]): number {
  migrations.forEach((migration, i) => {
    if (!Number.isSafeInteger(migration.version) || migration.version < 1 || (i > 0 && migration.version <= migrations[i - 1].version)) {
      throw new Error(`Migrations of ${component} must have strictly increasing positive versions (at ${migration.name})`);
    }
  });
  const latestKnown = migrations.length === 0 ? 0 : migrations[migrations.length - 1].version;

  const migrate = db.transaction((): number => {
    db.exec(`CREATE TABLE IF NOT EXISTS ${SCHEMA_MIGRATIONS_TABLE} (
      component TEXT NOT NULL,
      version INTEGER NOT NULL,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL,
      PRIMARY KEY (component, version)
    ) STRICT`);
    const current = currentSchemaVersion(db, component);
    if (current > latestKnown) {
      throw new Error(`Database schema of ${component} is at version ${current}, newer than this code knows (${latestKnown})`);
    }
    const record = db.prepare(
      `INSERT INTO ${SCHEMA_MIGRATIONS_TABLE} (component, version, name, applied_at)
       VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
    );
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      if (typeof migration.up === 'string') db.exec(migration.up);
      else migration.up(db);
      record.run(component, migration.version, migration.name);
    }
    return latestKnown;
  });
  return migrate.immediate();
}

/** The highest applied version of the component, 0 when none (or when the table does not exist yet). */
export function currentSchemaVersion(db: Database, component: string): number {
  const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(SCHEMA_MIGRATIONS_TABLE);
  if (!table) return 0;
  const version = db.prepare(`SELECT COALESCE(MAX(version), 0) FROM ${SCHEMA_MIGRATIONS_TABLE} WHERE component = ?`).pluck().get(component);
  return Number(version);
}
