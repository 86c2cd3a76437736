import { BUDGET } from '@okr/budget';
import BetterSqlite3, { Database, Statement } from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { runMigrations } from '@okr/event-store';
import {
  Collection,
  CollectionSpec,
  FieldValue,
  FindQuery,
  Page,
  ReadModelDocument,
  ReadModelStore,
  Where,
  WriteBatch,
} from '../read-model.port';
import { indexedValueOf } from '../internal/field-values';
import {
  addIndexes,
  encodeCursor,
  encodeDocument,
  FilterTerm,
  FindPlan,
  ID_FIELD,
  normaliseSpec,
  planFind,
  planWhere,
  validateBatch,
  validateCollectionName,
  validateIds,
  validateProjection,
  validateScanPageSize,
} from '../internal/rules';
import {
  collectionTableSql,
  columnName,
  indexSql,
  READ_MODEL_MIGRATIONS,
  READ_MODEL_SCHEMA_COMPONENT,
  tableName,
} from './read-model-schema';
import type { LeaseRequest, LeaseState } from '../read-model.port';
import { SqliteLeases } from './sqlite-lease';

export interface SqliteReadModelStoreOptions {
  /** Database file; its parent directory is created. ':memory:' gives a private in-memory database. */
  filePath: string;
  /** How long to wait for another connection's write lock before failing with SQLITE_BUSY. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** The connection's page cache in KiB (memory it may fill with pages read or written). Default: the budget's `pageCacheKib`. */
  cacheSizeKib?: number;
}

/** What the store knows about one collection's table, with its prepared statements. */
interface CollectionState {
  db: Database;
  name: string;
  table: string;
  indexes: string[];
  /** Indexed fields whose SQLite index is not built yet (their columns are maintained all the same). */
  pending: string[];
  /** `?, ?, …` values bound by `upsert` after id, version and doc: one per indexed field. */
  upsert: Statement<unknown[]>;
  /** The same upsert for the budget's `upsertRows` documents at once (prepared on first use). */
  upsertMany?: Statement<unknown[]>;
  /** The upsert's SQL for `rows` documents. */
  upsertSql: (rows: number) => string;
  /**
   * Rewrites the document and version of a live row whose indexed columns already hold the given values (then no
   * index entry changes), under the same version guard; null for a collection without indexed fields.
   */
  updateInPlace: Statement<unknown[]> | null;
  remove: Statement<unknown[]>;
  get: Statement<[string]>;
  getMany: Statement<[string]>;
  scan: Statement<[string, number]>;
  /** find/count statements by SQL text (prepared on first use), the least recently used dropped. */
  queries: LRUCache<string, Statement<unknown[]>>;
}

/**
 * One write of a batch: a statement and its arguments, or (an upsert into a collection with built indexes) first the
 * in-place update, and only when it changed no row, the upsert.
 */
type EncodedWrite =
  | [statement: Statement<unknown[]>, args: unknown[]]
  | [inPlace: Statement<unknown[]>, inPlaceArgs: unknown[], upsert: Statement<unknown[]>, args: unknown[]];

/**
 * Read-model store in SQLite (better-sqlite3), for a single-node deployment; the collections can live in the
 * same file as the events (see `attach`).
 *
 * Each collection is a table `rm_<name>`: the document as JSON text plus one column per indexed field, kept
 * up to date on write (no JSON parsing in SQL) and indexed with the id as tie-breaker. A batch is ONE
 * IMMEDIATE transaction — guarded upserts/tombstones, then the checkpoint — so it is all-or-nothing, and the
 * checkpoint always describes what the tables hold.
 *
 * Indexes are built when first needed: by the first `find`/`count` that filters or sorts on an indexed
 * field, or before the collection is renamed (over another one). Until then writes only maintain the table
 * and its primary key, which makes filling a fresh collection — a rebuild — several times faster than
 * maintaining four or five secondary indexes on random ids, row by row. Building takes one short write
 * transaction per index (about 0.3 s per 200k documents); it is invisible to the results.
 *
 * Durability: `open()` uses WAL with `synchronous = NORMAL`: a crash of the process loses nothing, a power
 * cut may lose the last transactions, but never leaves a torn one. That is acceptable here because read
 * models are derived data and the checkpoint is committed with the writes: after such a loss the projection
 * resumes from the older checkpoint and re-applies the same, idempotent writes. `attach()` leaves the
 * connection's settings alone (the event store's FULL stays in force).
 *
 * Which tables and indexes exist is cached per instance and re-read when another connection changes the
 * schema. better-sqlite3 is synchronous: the promise-returning methods do their work before returning.
 */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly states = new Map<string, CollectionState>();
  private knownSchemaVersion = -1;
  private closed = false;

  private readonly schemaVersion: Statement<[]>;
  private readonly selectCollection: Statement<[string]>;
  private readonly upsertCollection: Statement<[string, string, string]>;
  private readonly deleteCollection: Statement<[string]>;
  private readonly renameCollectionRow: Statement<[string, string]>;
  private readonly selectCheckpoint: Statement<[string]>;
  private readonly saveCheckpoint: Statement<[string, number]>;
  private readonly deleteCheckpoint: Statement<[string]>;
  private readonly applyWrites: (writes: EncodedWrite[], checkpoint: WriteBatch['checkpoint']) => void;

  /** Opens (creating when missing) a database file with its own connection, closed by `close()`. */
  static open(options: SqliteReadModelStoreOptions): SqliteReadModelStore {
    const { filePath } = options;
    const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) throw new RangeError(`Invalid busyTimeoutMs ${busyTimeoutMs}`);
    const cacheSizeKib = options.cacheSizeKib ?? BUDGET.readModels.pageCacheKib;
    if (!Number.isSafeInteger(cacheSizeKib) || cacheSizeKib < 0) throw new RangeError(`Invalid cacheSizeKib ${cacheSizeKib}`);
    if (filePath !== ':memory:' && filePath !== '' && !filePath.startsWith('file:')) {
      mkdirSync(dirname(resolve(filePath)), { recursive: true });
    }
    const db = new BetterSqlite3(filePath);
    try {
      // busy_timeout first: switching to WAL needs the lock if another process has the file open.
      db.pragma(`busy_timeout = ${busyTimeoutMs}`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma(`cache_size = -${cacheSizeKib}`);
      db.pragma(`wal_autocheckpoint = ${BUDGET.readModels.walAutocheckpointPages}`);
      const store = new SqliteReadModelStore(db, true);
      // Refreshes the planner's statistics of tables that grew a lot since they were last analysed (cheap
      // when nothing did; SQLite's recommended call for long-lived connections, at open).
      db.pragma('optimize = 0x10002');
      return store;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /**
   * A store on an existing connection — typically `SqliteEventStore.database`, to keep read models in the
   * event store's file. Only creates its own tables; `close()` leaves the connection open.
   */
  static attach(database: Database): SqliteReadModelStore {
    return new SqliteReadModelStore(database, false);
  }

  private constructor(
    private readonly db: Database,
    private readonly ownsDatabase: boolean,
  ) {
    runMigrations(db, READ_MODEL_SCHEMA_COMPONENT, READ_MODEL_MIGRATIONS);
    this.schemaVersion = db.prepare('PRAGMA schema_version').pluck();
    this.selectCollection = db.prepare('SELECT indexes, pending FROM rm_collections WHERE name = ?');
    this.upsertCollection = db.prepare(
      `INSERT INTO rm_collections (name, indexes, pending) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET indexes = excluded.indexes, pending = excluded.pending`,
    );
    this.deleteCollection = db.prepare('DELETE FROM rm_collections WHERE name = ?');
    this.renameCollectionRow = db.prepare('UPDATE rm_collections SET name = ? WHERE name = ?');
    this.selectCheckpoint = db.prepare('SELECT position FROM rm_checkpoints WHERE projection = ?').pluck();
    this.saveCheckpoint = db.prepare(
      `INSERT INTO rm_checkpoints (projection, position) VALUES (?, ?)
       ON CONFLICT (projection) DO UPDATE SET position = excluded.position WHERE excluded.position > rm_checkpoints.position`,
    );
    this.deleteCheckpoint = db.prepare('DELETE FROM rm_checkpoints WHERE projection = ?');
    const transaction = db.transaction((writes: EncodedWrite[], checkpoint: WriteBatch['checkpoint']) => {
      for (const write of writes) {
        if (write.length === 2) write[0].run(write[1]);
        else if (write[0].run(write[1]).changes === 0) write[2].run(write[3]);
      }
      if (checkpoint) this.saveCheckpoint.run(checkpoint.projection, checkpoint.position);
    });
    this.applyWrites = (writes, checkpoint) => transaction.immediate(writes, checkpoint);
  }

  /** The underlying connection. Do not close it directly when the store opened it. */
  get database(): Database {
    return this.db;
  }

  async collection<T extends ReadModelDocument>(spec: CollectionSpec): Promise<Collection<T>> {
    this.assertOpen();
    const { name, indexes } = normaliseSpec(spec);
    const declare = this.db.transaction(() => {
      const stored = this.storedCollection(name);
      const added = stored === undefined ? indexes : indexes.filter((field) => !stored.indexes.includes(field));
      if (stored !== undefined && added.length === 0) return;
      const table = tableName(name);
      if (stored === undefined) {
        this.db.exec(collectionTableSql(name, indexes));
      } else {
        for (const field of added) {
          this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${columnName(field)} ANY COLLATE BINARY`);
          // Documents written before the field was indexed: SQLite's JSON reading gives booleans as 0/1 too.
          this.db.prepare(`UPDATE ${table} SET ${columnName(field)} = json_extract(doc, ?) WHERE deleted = 0`).run(`$.${field}`);
        }
      }
      this.upsertCollection.run(
        name,
        JSON.stringify(addIndexes(stored?.indexes ?? [], indexes)),
        JSON.stringify([...(stored?.pending ?? []), ...added]),
      );
      this.states.delete(name);
    });
    declare.immediate();
    return new SqliteCollection<T>(
      name,
      () => this.state(name),
      () => this.buildIndexes(name),
    );
  }

  async apply(batch: WriteBatch): Promise<void> {
    this.assertOpen();
    const ops = validateBatch(batch);
    // Resolve collections and serialise documents before taking the write lock: a batch that cannot be
    // encoded fails before anything is written.
    this.syncSchema();
    const writes: EncodedWrite[] = [];
    let state: CollectionState | undefined;
    // Upserts into `state` not written yet: their arguments, one document after the other. Consecutive upserts into
    // one collection are written `rows` per statement (a multi-row INSERT … ON CONFLICT); a batch never holds two
    // writes of the same id (`validateBatch` keeps the winner), so rows cannot meet.
    const rows = BUDGET.readModels.upsertRows;
    let run: unknown[] = [];
    let runRows = 0;
    const endRun = () => {
      if (runRows === rows) writes.push([(state!.upsertMany ??= this.db.prepare(state!.upsertSql(rows))), run]);
      else {
        const width = run.length / runRows;
        for (let row = 0; row < runRows; row++) writes.push([state!.upsert, run.slice(row * width, (row + 1) * width)]);
      }
      run = [];
      runRows = 0;
    };
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i];
      if (state?.name !== op.collection) {
        if (runRows > 0) endRun();
        state = this.cachedState(op.collection);
      }
      if (op.kind === 'delete') {
        if (runRows > 0) endRun();
        writes.push([state.remove, [op.id, op.version]]);
        continue;
      }
      const { doc } = op;
      const encoded = encodeDocument(op.collection, doc);
      const indexed = state.indexes.map((field) => toSql(indexedValueOf(doc, field, op.collection)));
      if (state.updateInPlace && state.pending.length < state.indexes.length) {
        // Indexes are built (a live collection): SQLite rewrites the entries of every index whose columns an upsert
        // assigns, changed or not — ~110 µs against ~30 µs per objective row with 7 indexes. Most writes (a check-in's
        // key result, objective and ancestors) change no indexed field, so try the in-place update first.
        if (runRows > 0) endRun();
        writes.push([
          state.updateInPlace,
          [doc.version, encoded, doc.id, doc.version, ...indexed],
          state.upsert,
          [doc.id, doc.version, encoded, ...indexed],
        ]);
        continue;
      }
      run.push(doc.id, doc.version, encoded, ...indexed);
      if (++runRows === rows) endRun();
    }
    if (runRows > 0) endRun();
    this.applyWrites(writes, batch.checkpoint);
  }

  async checkpoint(projection: string): Promise<number> {
    this.assertOpen();
    validateProjection(projection);
    return Number(this.selectCheckpoint.get(projection) ?? 0);
  }

  async resetCheckpoint(projection: string): Promise<void> {
    this.assertOpen();
    validateProjection(projection);
    this.deleteCheckpoint.run(projection);
  }

  async dropCollection(name: string): Promise<void> {
    this.assertOpen();
    validateCollectionName(name);
    this.db
      .transaction(() => {
        this.db.exec(`DROP TABLE IF EXISTS ${tableName(name)}`);
        this.deleteCollection.run(name);
        this.states.delete(name);
      })
      .immediate();
  }

  /**
   * Builds `from`'s pending indexes, then swaps in one transaction: drops `to`'s table and renames `from`'s
   * (its indexes follow it, see `indexName`). Readers on other connections see the old `to` or the new one,
   * never a missing table.
   */
  async renameCollection(from: string, to: string): Promise<void> {
    this.assertOpen();
    validateCollectionName(from);
    validateCollectionName(to);
    if (from !== to && this.storedCollection(from) !== undefined) this.buildIndexes(from);
    this.db
      .transaction(() => {
        if (this.storedCollection(from) === undefined)
          throw new Error(`Read-model collection ${from} does not exist (declare it with collection())`);
        if (from === to) return;
        this.db.exec(`DROP TABLE IF EXISTS ${tableName(to)}`);
        this.deleteCollection.run(to);
        this.db.exec(`ALTER TABLE ${tableName(from)} RENAME TO ${tableName(to)}`);
        this.renameCollectionRow.run(to, from);
        this.states.delete(from);
        this.states.delete(to);
      })
      .immediate();
  }

  /** Leases: see SqliteLeases (one atomic upsert under the write lock, so safe across processes). */
  async acquireLease(request: LeaseRequest): Promise<LeaseState> {
    this.assertOpen();
    return (this.leases ??= new SqliteLeases(this.db)).acquire(request);
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    this.assertOpen();
    (this.leases ??= new SqliteLeases(this.db)).release(name, owner);
  }

  private leases?: SqliteLeases;

  /** Idempotent. Closes the connection if `open()` made it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.states.clear();
    if (this.ownsDatabase) this.db.close();
  }

  /** The collection's table and statements; throws when it does not exist. Handles call it on every use. */
  private state(name: string): CollectionState {
    this.assertOpen();
    this.syncSchema();
    return this.cachedState(name);
  }

  /** Forgets the cached states when tables or columns changed (here or through another connection). */
  private syncSchema(): void {
    const schemaVersion = this.schemaVersion.get() as number;
    if (schemaVersion !== this.knownSchemaVersion) {
      this.states.clear();
      this.knownSchemaVersion = schemaVersion;
    }
  }

  private cachedState(name: string): CollectionState {
    const cached = this.states.get(name);
    if (cached) return cached;
    const stored = this.storedCollection(name);
    if (stored === undefined) throw new Error(`Read-model collection ${name} does not exist (declare it with collection())`);
    const state = this.prepareState(name, stored.indexes, stored.pending);
    this.states.set(name, state);
    return state;
  }

  /** Builds the collection's pending indexes, one short transaction each, and returns its state. */
  private buildIndexes(name: string): CollectionState {
    let state = this.state(name);
    const built = state.pending.length > 0;
    while (state.pending.length > 0) {
      const field = state.pending[0];
      this.db
        .transaction(() => {
          // Another connection may have built it meanwhile.
          const stored = this.storedCollection(name);
          if (!stored?.pending.includes(field)) return;
          this.db.exec(indexSql(name, field, randomBytes(4).toString('hex')));
          this.upsertCollection.run(
            name,
            JSON.stringify(stored.indexes),
            JSON.stringify(stored.pending.filter((pending) => pending !== field)),
          );
        })
        .immediate();
      this.states.delete(name);
      state = this.state(name);
    }
    // Statistics for the planner: without them, `WHERE tenantId = ? ORDER BY createdPosition LIMIT n` walks
    // the tenantId index (every document of a single-tenant store) and sorts it, instead of the sort index.
    if (built) this.db.exec(`ANALYZE ${tableName(name)}`);
    return state;
  }

  private storedCollection(name: string): { indexes: string[]; pending: string[] } | undefined {
    const row = this.selectCollection.get(name) as { indexes: string; pending: string } | undefined;
    return row && { indexes: JSON.parse(row.indexes) as string[], pending: JSON.parse(row.pending) as string[] };
  }

  private prepareState(name: string, indexes: string[], pending: string[]): CollectionState {
    const table = tableName(name);
    const columns = indexes.map(columnName);
    const insertColumns = ['id', 'version', 'deleted', 'doc', ...columns].join(', ');
    const guard = `WHERE excluded.version > ${table}.version`;
    const row = `(?, ?, 0, ?${', ?'.repeat(columns.length)})`;
    const upsertSql = (rows: number) =>
      `INSERT INTO ${table} (${insertColumns}) VALUES ${new Array<string>(rows).fill(row).join(', ')}
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, deleted = 0, doc = excluded.doc${columns.map((c) => `, ${c} = excluded.${c}`).join('')}
         ${guard}`;
    return {
      db: this.db,
      name,
      table,
      indexes,
      pending,
      upsert: this.db.prepare(upsertSql(1)),
      upsertSql,
      updateInPlace:
        columns.length === 0
          ? null
          : this.db.prepare(
              `UPDATE ${table} SET version = ?, doc = ? WHERE id = ? AND version < ? AND deleted = 0 AND ${columns.map((c) => `${c} IS ?`).join(' AND ')}`,
            ),
      remove: this.db.prepare(
        `INSERT INTO ${table} (id, version, deleted, doc) VALUES (?, ?, 1, NULL)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, deleted = 1, doc = NULL${columns.map((c) => `, ${c} = NULL`).join('')}
         ${guard}`,
      ),
      get: this.db.prepare(`SELECT doc FROM ${table} WHERE id = ? AND deleted = 0`).pluck(),
      getMany: this.db.prepare(`SELECT id, doc FROM ${table} WHERE id IN (SELECT value FROM json_each(?)) AND deleted = 0`).raw(),
      scan: this.db.prepare(`SELECT doc FROM ${table} WHERE deleted = 0 AND id > ? ORDER BY id LIMIT ?`).pluck(),
      queries: new LRUCache({ max: BUDGET.readModels.queryStatements }),
    };
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('SqliteReadModelStore is closed');
  }
}

class SqliteCollection<T extends ReadModelDocument> implements Collection<T> {
  constructor(
    readonly name: string,
    private readonly state: () => CollectionState,
    /** The state, after building the pending indexes: for queries that filter or sort on indexed fields. */
    private readonly indexedState: () => CollectionState,
  ) {}

  async get(id: string): Promise<T | undefined> {
    const doc = this.state().get.get(id) as string | undefined;
    return doc === undefined ? undefined : (JSON.parse(doc) as T);
  }

  async getMany(ids: readonly string[]): Promise<T[]> {
    validateIds(ids);
    if (ids.length === 0) return [];
    const rows = this.state().getMany.all(JSON.stringify(ids)) as [string, string][];
    const docs = new Map(rows);
    const found: T[] = [];
    for (const id of ids) {
      const doc = docs.get(id);
      if (doc !== undefined) found.push(JSON.parse(doc) as T);
    }
    return found;
  }

  async find(query: FindQuery): Promise<Page<T>> {
    let state = this.state();
    const plan = planFind(query, state.indexes, this.name);
    if (state.pending.length > 0 && [...plan.filters, ...plan.sort].some((term) => term.field !== ID_FIELD)) state = this.indexedState();
    const args: unknown[] = [];
    const conditions = filterSql(plan.filters, args);
    let segments: Segment[] = [{ condition: null, args: [] }];
    if (plan.after) {
      const cursor = cursorSql(plan);
      conditions.push(cursor.condition);
      args.push(...cursor.args);
      segments = cursor.segments;
    }
    // The sort values are read back with each document: the last row's make the cursor (the id is the last).
    const sortColumns = plan.sort.map((key) => columnOf(key.field));
    const select = `SELECT doc, ${sortColumns.join(', ')} FROM ${state.table} WHERE deleted = 0${conditions.map((c) => ` AND ${c}`).join('')}`;
    const orderBy = plan.sort.map((key, i) => `${sortColumns[i]} ${key.direction === 'asc' ? 'ASC' : 'DESC'}`).join(', ');
    const rows: unknown[][] = [];
    for (const segment of segments) {
      const wanted = plan.limit + 1 - rows.length;
      if (wanted <= 0) break;
      const sql = `${select}${segment.condition ? ` AND ${segment.condition}` : ''} ORDER BY ${orderBy} LIMIT ?`;
      rows.push(
        ...(cachedQuery(state, sql)
          .raw()
          .all([...args, ...segment.args, wanted]) as unknown[][]),
      );
    }
    const page = rows.length > plan.limit ? rows.slice(0, plan.limit) : rows;
    const lastRow = page[page.length - 1];
    return {
      items: page.map((row) => JSON.parse(row[0] as string) as T),
      nextCursor: rows.length > plan.limit ? encodeCursor(plan.sort, lastRow.slice(1) as FieldValue[]) : null,
    };
  }

  async count(where?: Where): Promise<number> {
    let state = this.state();
    const filters = planWhere(where, state.indexes, this.name);
    if (state.pending.length > 0 && filters.some((term) => term.field !== ID_FIELD)) state = this.indexedState();
    const args: unknown[] = [];
    const conditions = filterSql(filters, args);
    const sql = `SELECT count(*) FROM ${state.table} WHERE deleted = 0${conditions.map((c) => ` AND ${c}`).join('')}`;
    return Number(cachedQuery(state, sql).pluck().get(args));
  }

  scan(pageSize?: number): AsyncIterable<T> {
    const size = validateScanPageSize(pageSize);
    const state = this.state;
    return {
      async *[Symbol.asyncIterator]() {
        let after = '';
        for (;;) {
          const statement = state().scan;
          const page = statement.all(after, size) as string[];
          const docs = page.map((doc) => JSON.parse(doc) as T);
          for (const doc of docs) yield doc;
          if (page.length < size) return;
          after = docs[docs.length - 1].id;
        }
      },
    };
  }
}

function cachedQuery(state: CollectionState, sql: string): Statement<unknown[]> {
  let statement = state.queries.get(sql);
  if (!statement) {
    statement = state.db.prepare(sql);
    state.queries.set(sql, statement);
  }
  return statement;
}

function columnOf(field: string): string {
  return field === ID_FIELD ? 'id' : columnName(field);
}

/** SQLite has no booleans: they are stored and compared as 0/1. */
function toSql(value: FieldValue): string | number | null {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

/** SQL conditions for the filters (pushing their parameters onto `args`). */
function filterSql(filters: readonly FilterTerm[], args: unknown[]): string[] {
  return filters.map(({ field, values }) => {
    const column = columnOf(field);
    const present = values.filter((value) => value !== null).map(toSql);
    const orNull = present.length < values.length ? ` OR ${column} IS NULL` : '';
    if (present.length === 0) return orNull ? `${column} IS NULL` : '0';
    let condition: string;
    if (present.length === 1) {
      condition = `${column} = ?`;
      args.push(present[0]);
    } else {
      condition = `${column} IN (SELECT value FROM json_each(?))`;
      args.push(JSON.stringify(present));
    }
    return orNull ? `(${condition}${orNull})` : condition;
  });
}

/** A part of a page's rows: an extra condition on the first sort key (see `cursorSql`). */
interface Segment {
  condition: string | null;
  args: unknown[];
}

/**
 * Keyset condition "the row sorts after the cursor": for sort keys k1…kn (kn = id) and cursor values
 * v1…vn, OR over i of (k1 = v1 AND … AND k(i-1) = v(i-1) AND ki after vi), where NULL sorts first — so in
 * ascending order every non-null value is after NULL, in descending order NULL is after every value.
 *
 * SQLite cannot seek an index with that OR, so the page is read in segments, each adding a plain range on
 * k1 that it can seek, in sort order: `k1 >= v1` (ascending), `k1 IS NULL` (descending from NULL), and
 * `k1 <= v1` then `k1 IS NULL` (descending from a value: the NULLs come last). The next segment is only
 * read when the previous one did not fill the page.
 */
function cursorSql(plan: FindPlan): { condition: string; args: unknown[]; segments: Segment[] } {
  const after = plan.after as FieldValue[];
  const args: unknown[] = [];
  const alternatives: string[] = [];
  const equalities: string[] = [];
  const equalityArgs: unknown[] = [];
  plan.sort.forEach((key, i) => {
    const column = columnOf(key.field);
    const value = toSql(after[i]);
    let beyond: string | null;
    if (key.direction === 'asc') beyond = value === null ? `${column} IS NOT NULL` : `${column} > ?`;
    else if (value === null) beyond = null;
    else beyond = key.field === ID_FIELD ? `${column} < ?` : `(${column} < ? OR ${column} IS NULL)`;
    if (beyond !== null) {
      alternatives.push([...equalities, beyond].join(' AND '));
      args.push(...equalityArgs);
      if (value !== null) args.push(value);
    }
    equalities.push(value === null ? `${column} IS NULL` : `${column} = ?`);
    if (value !== null) equalityArgs.push(value);
  });
  const condition = alternatives.length === 0 ? '0' : `(${alternatives.map((a) => `(${a})`).join(' OR ')})`;

  const first = plan.sort[0];
  const column = columnOf(first.field);
  const value = toSql(after[0]);
  let segments: Segment[];
  if (first.direction === 'asc') {
    segments = [value === null ? { condition: null, args: [] } : { condition: `${column} >= ?`, args: [value] }];
  } else if (value === null) {
    segments = [{ condition: `${column} IS NULL`, args: [] }];
  } else {
    segments = [{ condition: `${column} <= ?`, args: [value] }];
    if (first.field !== ID_FIELD) segments.push({ condition: `${column} IS NULL`, args: [] });
  }
  return { condition, args, segments };
}
