import type { SqliteMigration } from '@okr/event-store';

/** Component name of the read models in schema_migrations. */
export const READ_MODEL_SCHEMA_COMPONENT = 'read-model';

/**
 * Fixed schema of the SQLite read-model store. Append new migrations; never edit an applied one.
 *
 * rm_collections: the declared collections, their indexed fields (a JSON array, in declaration order) and
 *   those of them whose index is not built yet (`pending`, see SqliteReadModelStore).
 * rm_checkpoints: the last position each projection has applied.
 * leases: who holds each lease and until when (epoch ms), see SqliteLeases. (Collection tables are all
 *   prefixed rm_, so no collection can clash with it.)
 * The collections' own tables are created when they are declared (see `collectionTableSql`).
 */
export const READ_MODEL_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'create rm_collections and rm_checkpoints',
    up: `
      CREATE TABLE rm_collections (
        name TEXT NOT NULL PRIMARY KEY,
        indexes TEXT NOT NULL,
        pending TEXT NOT NULL
      ) STRICT;
      CREATE TABLE rm_checkpoints (
        projection TEXT NOT NULL PRIMARY KEY,
        position INTEGER NOT NULL CHECK (position >= 0)
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'create leases',
    up: `
      CREATE TABLE leases (
        name TEXT NOT NULL PRIMARY KEY,
        owner TEXT NOT NULL,
        expires_at REAL NOT NULL
      ) STRICT;
    `,
  },
];

/**
 * SQL identifiers are case-insensitive and names are not, so names are escaped into lower case, injectively:
 * `_` becomes `__` and an upper-case letter `X` becomes `_x` (ownerId → owner_id, Owner_Id → _owner___id).
 */
function escapeName(name: string): string {
  return name.replace(/[A-Z_]/g, (c) => (c === '_' ? '__' : `_${c.toLowerCase()}`));
}

/** Quoted table name of a collection: "rm_<name>". */
export function tableName(collection: string): string {
  return `"rm_${escapeName(collection)}"`;
}

/** Quoted column holding an indexed field: "x_<field>". */
export function columnName(field: string): string {
  return `"x_${escapeName(field)}"`;
}

/**
 * Quoted name of the index of one field. Index names are global in SQLite and `ALTER TABLE … RENAME` keeps
 * them, so a random suffix keeps them unique across renames: renaming a collection is then O(1) instead of
 * rebuilding its indexes while holding the write lock. (After a rename, index names start with the table
 * name the collection was created under.)
 */
export function indexName(collection: string, field: string, suffix: string): string {
  return `"rm_${escapeName(collection)}$x_${escapeName(field)}$${suffix}"`;
}

/**
 * One row per document or tombstone (deleted = 1, doc NULL, indexed columns NULL). `doc` is the document's
 * JSON text as written; each indexed field is copied into its own ANY column (booleans as 0/1) at write time,
 * indexed (see `indexSql`) once the collection is queried. Text compares with BINARY collation (code points).
 */
export function collectionTableSql(collection: string, fields: readonly string[]): string {
  const columns = fields.map((field) => `,\n  ${columnName(field)} ANY COLLATE BINARY`).join('');
  return `CREATE TABLE ${tableName(collection)} (
  id TEXT NOT NULL PRIMARY KEY COLLATE BINARY,
  version INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  doc TEXT${columns}
) STRICT`;
}

/**
 * A partial index on (column, id) over live documents: it serves equality filters, range scans for keyset
 * paging and the `ORDER BY column, id` tie-break without sorting.
 */
export function indexSql(collection: string, field: string, suffix: string): string {
  return `CREATE INDEX ${indexName(collection, field, suffix)} ON ${tableName(collection)} (${columnName(field)}, id) WHERE deleted = 0`;
}
