import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentSchemaVersion, SqliteEventStore } from '@okr/event-store';
import { testEvent } from '@okr/event-store/testing/test-events';
import { ReadModelDocument, WriteOp } from '../read-model.port';
import { readModelContract } from '../testing/read-model.contract';
import { READ_MODEL_SCHEMA_COMPONENT } from './read-model-schema';
import { SqliteReadModelStore } from './sqlite-read-model-store';

type Doc = ReadModelDocument & Record<string, unknown>;
const idsOf = (docs: readonly ReadModelDocument[]) => docs.map((doc) => doc.id);

const tempDir = mkdtempSync(join(tmpdir(), 'okr-read-model-'));
let fileCounter = 0;
/** A fresh database file path inside this spec's temp dir. */
const newFilePath = () => join(tempDir, `read-models-${++fileCounter}.db`);

afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

readModelContract('SqliteReadModelStore (file)', () => SqliteReadModelStore.open({ filePath: newFilePath() }), undefined, {
  openSibling: (store) => SqliteReadModelStore.open({ filePath: (store as SqliteReadModelStore).database.name }),
});
readModelContract('SqliteReadModelStore (:memory:)', () => SqliteReadModelStore.open({ filePath: ':memory:' }));

describe('SqliteReadModelStore', () => {
  const opened: { close(): Promise<void> }[] = [];
  function open(filePath: string): SqliteReadModelStore {
    const store = SqliteReadModelStore.open({ filePath });
    opened.push(store);
    return store;
  }

  afterEach(async () => {
    jest.restoreAllMocks();
    for (const store of opened.splice(0).reverse()) await store.close();
  });

  const upsert = (collection: string, doc: Doc): WriteOp => ({ kind: 'upsert', collection, doc });

  it('keeps documents, tombstones, indexes and checkpoints across close and reopen', async () => {
    const filePath = newFilePath();
    const first = open(filePath);
    await first.collection({ name: 'objectives', indexes: ['ownerId', 'score'] });
    await first.apply({
      ops: [
        upsert('objectives', { id: 'o1', version: 1, ownerId: 'u1', score: 2, done: true }),
        upsert('objectives', { id: 'o2', version: 2, ownerId: 'u1', score: 1, done: false }),
        { kind: 'delete', collection: 'objectives', id: 'o3', version: 3 },
      ],
      checkpoint: { projection: 'okr', position: 3 },
    });
    await first.close();

    const reopened = open(filePath);
    expect(await reopened.checkpoint('okr')).toBe(3);
    // Writes need no new declaration: the collection's table and indexes are found in the file.
    await reopened.apply({
      ops: [upsert('objectives', { id: 'o3', version: 2, ownerId: 'u1' })],
      checkpoint: { projection: 'okr', position: 4 },
    });
    const objectives = await reopened.collection<Doc>({ name: 'objectives', indexes: ['ownerId', 'score'] });
    const page = await objectives.find({ where: { ownerId: 'u1' }, orderBy: [{ field: 'score', direction: 'asc' }], limit: 10 });
    expect(page.items).toEqual([
      { id: 'o2', version: 2, ownerId: 'u1', score: 1, done: false },
      { id: 'o1', version: 1, ownerId: 'u1', score: 2, done: true },
    ]);
    expect(await reopened.checkpoint('okr')).toBe(4);
  });

  it('writes long runs of upserts many rows per statement with the same guards as one by one', async () => {
    const store = open(newFilePath());
    await store.collection({ name: 'check_ins', indexes: ['keyResultId', 'sequence'] });
    await store.collection({ name: 'key_results', indexes: ['objectiveId'] });
    const checkIn = (n: number, version: number) => ({
      id: `c${String(n).padStart(4, '0')}`,
      version,
      keyResultId: `kr${n % 7}`,
      sequence: n,
      value: n / 3,
    });
    // Already stored: c0000..c0099 at version 500 (newer than what follows for the even ones), and a tombstone.
    await store.apply({ ops: Array.from({ length: 100 }, (_, n) => upsert('check_ins', checkIn(n, 500))) });
    await store.apply({ ops: [{ kind: 'delete', collection: 'check_ins', id: 'c0150', version: 900 }] });
    const ops: WriteOp[] = [];
    // 173 upserts in a row (three full statements of rows and a remainder), older than the stored ones
    // for even numbers below 100, newer for odd ones; c0150 is older than its tombstone.
    for (let n = 0; n < 173; n++) ops.push(upsert('check_ins', checkIn(n, n < 100 && n % 2 === 0 ? 400 : 600 + n)));
    ops.push(upsert('key_results', { id: 'kr1', version: 700, objectiveId: 'o1' }));
    ops.push({ kind: 'delete', collection: 'check_ins', id: 'c0001', version: 1000 });
    for (let n = 173; n < 240; n++) ops.push(upsert('check_ins', checkIn(n, 700 + n)));
    await store.apply({ ops, checkpoint: { projection: 'okr', position: 1000 } });

    const checkIns = await store.collection<Doc>({ name: 'check_ins', indexes: ['keyResultId', 'sequence'] });
    const all: Doc[] = [];
    for await (const doc of checkIns.scan()) all.push(doc);
    const expected = [];
    for (let n = 0; n < 240; n++) {
      if (n === 1 || n === 150) continue; // deleted (tombstones win)
      expected.push(n < 100 && n % 2 === 0 ? checkIn(n, 500) : checkIn(n, n < 173 ? 600 + n : 700 + n));
    }
    expect(all).toEqual(expected);
    expect(
      idsOf((await checkIns.find({ where: { keyResultId: 'kr3' }, orderBy: [{ field: 'sequence', direction: 'desc' }], limit: 5 })).items),
    ).toEqual(['c0234', 'c0227', 'c0220', 'c0213', 'c0206']);
    expect(await (await store.collection<Doc>({ name: 'key_results', indexes: ['objectiveId'] })).get('kr1')).toEqual({
      id: 'kr1',
      version: 700,
      objectiveId: 'o1',
    });
    expect(await store.checkpoint('okr')).toBe(1000);
  });

  it('once its indexes are built, rewrites a document in place when no indexed field changes, with the same guards and results', async () => {
    const store = open(newFilePath());
    const objectives = await store.collection<Doc>({ name: 'objectives', indexes: ['cycleId', 'status'] });
    const objective = (n: number, version: number, status = 'open', title = `O${n}`) => ({
      id: `o${n}`,
      version,
      cycleId: `c${n % 2}`,
      status,
      title,
    });
    await store.apply({ ops: [0, 1, 2, 3].map((n) => upsert('objectives', objective(n, 10))) });
    await store.apply({ ops: [{ kind: 'delete', collection: 'objectives', id: 'o3', version: 20 }] });
    // A query on an indexed field builds the indexes: from now on upserts try the in-place update first.
    expect(idsOf((await objectives.find({ where: { status: 'open' }, limit: 100 })).items)).toEqual(['o0', 'o1', 'o2']);
    const state = (
      store as unknown as { states: Map<string, { updateInPlace: { run: (...args: unknown[]) => { changes: number } } }> }
    ).states.get('objectives')!;
    const inPlace: number[] = [];
    const run = state.updateInPlace.run.bind(state.updateInPlace);
    state.updateInPlace.run = (...args: unknown[]) => {
      const result = run(...args);
      inPlace.push(result.changes);
      return result;
    };
    await store.apply({
      ops: [
        upsert('objectives', objective(0, 30, 'open', 'Renamed')), // in place
        upsert('objectives', objective(1, 30, 'closed')), // an indexed field changes: the upsert
        upsert('objectives', objective(2, 5, 'open', 'Stale')), // older than stored: nothing
        upsert('objectives', objective(3, 30)), // newer than its tombstone: back to life
        upsert('objectives', objective(4, 30)), // new
      ],
      checkpoint: { projection: 'okr', position: 30 },
    });
    expect(inPlace).toEqual([1, 0, 0, 0, 0]);
    const all: Doc[] = [];
    for await (const doc of objectives.scan()) all.push(doc);
    expect(all).toEqual([
      objective(0, 30, 'open', 'Renamed'),
      objective(1, 30, 'closed'),
      objective(2, 10),
      objective(3, 30),
      objective(4, 30),
    ]);
    expect(idsOf((await objectives.find({ where: { status: 'open' }, limit: 100 })).items)).toEqual(['o0', 'o2', 'o3', 'o4']);
    expect(idsOf((await objectives.find({ where: { status: 'closed' }, limit: 100 })).items)).toEqual(['o1']);
    expect(idsOf((await objectives.find({ where: { cycleId: 'c0' }, limit: 100 })).items)).toEqual(['o0', 'o2', 'o4']);
    expect(await store.checkpoint('okr')).toBe(30);
  });

  it('opens with WAL, synchronous NORMAL and a busy timeout, and creates the parent directory', () => {
    const filePath = join(tempDir, 'nested', 'deeper', 'read-models.db');
    const store = SqliteReadModelStore.open({ filePath, busyTimeoutMs: 1234 });
    opened.push(store);
    expect(existsSync(filePath)).toBe(true);
    expect(store.database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.database.pragma('synchronous', { simple: true })).toBe(1);
    expect(store.database.pragma('busy_timeout', { simple: true })).toBe(1234);
    expect(currentSchemaVersion(store.database, READ_MODEL_SCHEMA_COMPONENT)).toBe(2);
  });

  it('shares a database with the event store: both sets of tables in one file, the event store settings untouched', async () => {
    const filePath = newFilePath();
    const events = SqliteEventStore.open({ filePath, pollIntervalMs: 10 });
    opened.push(events);
    const readModels = SqliteReadModelStore.attach(events.database);
    expect(readModels.database).toBe(events.database);

    const result = await events.appendToStream('objective-1', [testEvent('ObjectiveCreated', { title: 'Grow' })]);
    const objectives = await readModels.collection<Doc>({ name: 'objectives', indexes: ['title'] });
    await readModels.apply({
      ops: [upsert('objectives', { id: 'objective-1', version: result.position, title: 'Grow' })],
      checkpoint: { projection: 'okr', position: result.position },
    });
    await readModels.close();
    expect(events.database.pragma('synchronous', { simple: true })).toBe(2);
    expect(await events.readAll()).toHaveLength(1);
    await expect(objectives.get('objective-1')).rejects.toThrow('closed');

    const inspect = new BetterSqlite3(filePath, { readonly: true });
    try {
      const tables = inspect.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all();
      expect(tables).toEqual(
        expect.arrayContaining(['events', 'schema_migrations', 'rm_collections', 'rm_checkpoints', 'rm_objectives', 'leases']),
      );
      expect(inspect.prepare('SELECT component, version FROM schema_migrations ORDER BY component, version').all()).toEqual([
        { component: 'event-store', version: 1 },
        { component: 'event-store', version: 2 },
        { component: READ_MODEL_SCHEMA_COMPONENT, version: 1 },
        { component: READ_MODEL_SCHEMA_COMPONENT, version: 2 },
      ]);
      expect(inspect.prepare('SELECT doc FROM rm_objectives').pluck().all()).toEqual([
        JSON.stringify({ id: 'objective-1', version: 1, title: 'Grow' }),
      ]);
      expect(inspect.prepare('SELECT position FROM rm_checkpoints').pluck().get()).toBe(1);
    } finally {
      inspect.close();
    }

    const again = SqliteReadModelStore.attach(events.database);
    const reopened = await again.collection<Doc>({ name: 'objectives', indexes: ['title'] });
    expect(await reopened.find({ where: { title: 'Grow' }, limit: 1 })).toEqual({
      items: [{ id: 'objective-1', version: 1, title: 'Grow' }],
      nextCursor: null,
    });
    await again.close();
  });

  it('applies a batch atomically: a statement failing mid-batch leaves no write and no checkpoint behind', async () => {
    const store = open(newFilePath());
    const items = await store.collection<Doc>({ name: 'items', indexes: ['status'] });
    await store.apply({
      ops: [upsert('items', { id: 'kept', version: 1, status: 'before' })],
      checkpoint: { projection: 'p', position: 1 },
    });
    // Simulates a storage failure on the third op, after two writes have run inside the transaction.
    store.database.exec(
      `CREATE TRIGGER fail_on_boom BEFORE INSERT ON rm_items WHEN NEW.id = 'boom' BEGIN SELECT RAISE(ABORT, 'boom'); END`,
    );

    const batch = {
      ops: [
        upsert('items', { id: 'kept', version: 2, status: 'after' }),
        upsert('items', { id: 'new', version: 2, status: 'after' }),
        upsert('items', { id: 'boom', version: 2, status: 'after' }),
        { kind: 'delete' as const, collection: 'items', id: 'kept', version: 3 },
      ],
      checkpoint: { projection: 'p', position: 3 },
    };
    // Matched by its fields, not with `rejects.toThrow`: better-sqlite3's native addon is loaded once per process
    // and keeps the SqliteError class of the first Jest test file that opened a database in this worker, so
    // in a full run the error can come from another file's realm — not `instanceof Error` here, which
    // `toThrow` then reports as "did not throw".
    await expect(store.apply(batch)).rejects.toMatchObject({ name: 'SqliteError', code: 'SQLITE_CONSTRAINT_TRIGGER', message: 'boom' });

    expect(await items.getMany(['kept', 'new', 'boom'])).toEqual([{ id: 'kept', version: 1, status: 'before' }]);
    expect(await items.count({ status: 'after' })).toBe(0);
    expect(await store.checkpoint('p')).toBe(1);
    expect(store.database.inTransaction).toBe(false);

    store.database.exec('DROP TRIGGER fail_on_boom');
    await store.apply(batch);
    expect(await items.getMany(['kept', 'new', 'boom'])).toEqual([
      { id: 'new', version: 2, status: 'after' },
      { id: 'boom', version: 2, status: 'after' },
    ]);
    expect(await store.checkpoint('p')).toBe(3);
  });

  it('notices schema changes made through another connection to the same file', async () => {
    const filePath = newFilePath();
    const projector = open(filePath);
    const reader = open(filePath);
    await projector.collection({ name: 'items', indexes: ['a'] });
    await projector.apply({ ops: [upsert('items', { id: 'i1', version: 1, a: 1, b: 'x' })] });
    const live = await reader.collection<Doc>({ name: 'items', indexes: ['a'] });
    expect(await live.count({ a: 1 })).toBe(1);

    // Another connection adds an index: this one's writes maintain it from then on.
    await reader.collection({ name: 'items', indexes: ['a', 'b'] });
    await projector.apply({ ops: [upsert('items', { id: 'i2', version: 1, a: 2, b: 'x' })] });
    expect(idsOf((await live.find({ where: { b: 'x' }, limit: 10 })).items)).toEqual(['i1', 'i2']);

    // A rebuild swapped in by another connection is what this connection's handle reads next.
    await projector.collection({ name: 'items__rebuild', indexes: ['a'] });
    await projector.apply({ ops: [upsert('items__rebuild', { id: 'r1', version: 5, a: 9 })] });
    await projector.renameCollection('items__rebuild', 'items');
    expect(idsOf((await live.find({ where: { a: 9 }, limit: 10 })).items)).toEqual(['r1']);
    expect(await live.count()).toBe(1);
    await expect(reader.apply({ ops: [upsert('items__rebuild', { id: 'x', version: 1 })] })).rejects.toThrow('does not exist');
  });

  it('builds the indexes when a query first needs them, or before renaming the collection', async () => {
    const store = open(':memory:');
    const indexCount = (table: string) =>
      store.database
        .prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
        .pluck()
        .get(table);
    const items = await store.collection<Doc>({ name: 'items', indexes: ['a', 'b'] });
    await store.apply({ ops: [upsert('items', { id: 'i1', version: 1, a: 1, b: 'x', c: true })] });
    await items.get('i1');
    await items.getMany(['i1']);
    await items.count();
    await items.find({ where: { id: 'i1' }, limit: 10 });
    expect(indexCount('rm_items')).toBe(0);

    expect(await items.count({ a: 1 })).toBe(1);
    expect(indexCount('rm_items')).toBe(2);

    // A new index on an existing collection is pending until queried too.
    await store.collection({ name: 'items', indexes: ['c'] });
    expect(indexCount('rm_items')).toBe(2);
    expect(idsOf((await items.find({ where: { c: true }, limit: 10 })).items)).toEqual(['i1']);
    expect(indexCount('rm_items')).toBe(3);

    // A rebuild fills its collection without indexes; they are built before it replaces the live one.
    await store.collection({ name: 'items__rebuild', indexes: ['a', 'b'] });
    await store.apply({ ops: [upsert('items__rebuild', { id: 'r1', version: 2, a: 1, b: 'y' })] });
    expect(indexCount('rm_items____rebuild')).toBe(0);
    await store.renameCollection('items__rebuild', 'items');
    expect(indexCount('rm_items')).toBe(2);
    expect(idsOf((await items.find({ where: { b: 'y' }, limit: 10 })).items)).toEqual(['r1']);
  });

  it('gives the planner statistics for a collection once its indexes are built', async () => {
    const store = open(':memory:');
    const items = await store.collection<Doc>({ name: 'items', indexes: ['tenant', 'created'] });
    await store.apply({
      ops: Array.from({ length: 2000 }, (_, i) =>
        upsert('items', { id: `i${String(i).padStart(4, '0')}`, version: 1, tenant: 't1', created: 2000 - i }),
      ),
    });
    const stats = () =>
      store.database.prepare(`SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'rm_items' ORDER BY idx`).all() as {
        idx: string;
        stat: string;
      }[];
    expect(stats()).toEqual([]);
    const page = await items.find({ where: { tenant: 't1' }, orderBy: [{ field: 'created', direction: 'asc' }], limit: 1 });
    expect(page.items.map((d) => d.id)).toEqual(['i1999']);
    // Every document shares the tenant (2000 per value); `created` is unique.
    const byIndex = new Map(stats().map((row) => [row.idx.replace(/\$[0-9a-f]+$/, ''), row.stat]));
    expect(byIndex.get('rm_items$x_tenant')).toMatch(/^2000 2000/);
    expect(byIndex.get('rm_items$x_created')).toMatch(/^2000 1/);
  });

  it('serves equality filters and keyset pages from the indexes', async () => {
    const store = open(':memory:');
    const items = await store.collection<Doc>({ name: 'items', indexes: ['status', 'score'] });
    await store.apply({
      ops: Array.from({ length: 50 }, (_, i) => upsert('items', { id: `i${i}`, version: 1, status: `s${i % 5}`, score: i })),
    });
    const plans: string[] = [];
    const prepare = store.database.prepare.bind(store.database);
    jest.spyOn(store.database, 'prepare').mockImplementation((sql: string) => {
      if (sql.includes('ORDER BY'))
        plans.push(...(prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...explainArgs(sql)) as { detail: string }[]).map((row) => row.detail));
      return prepare(sql);
    });

    const first = await items.find({ where: { status: 's1' }, limit: 3 });
    await items.find({ where: { status: 's1' }, limit: 3, after: first.nextCursor as string });
    const byScore = await items.find({ orderBy: [{ field: 'score', direction: 'asc' }], limit: 3 });
    await items.find({ orderBy: [{ field: 'score', direction: 'asc' }], limit: 3, after: byScore.nextCursor as string });

    expect(plans.length).toBeGreaterThanOrEqual(4);
    for (const detail of plans) expect(detail).toMatch(/USING (COVERING )?INDEX/);
    expect(plans.some((detail) => /\(x_status=\? AND id>\?\)/.test(detail))).toBe(true);
    expect(plans.some((detail) => /\(x_score>\?\)/.test(detail))).toBe(true);
  });
});

/** Placeholder values for EXPLAIN QUERY PLAN of a statement with anonymous parameters. */
function explainArgs(sql: string): null[] {
  return Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => null);
}
