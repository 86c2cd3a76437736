import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PointInTimeSnapshot } from './point-in-time-snapshot';
import { MemorySnapshotStore } from './point-in-time-snapshot-store';
import { ReplayDocuments } from './replay-documents';
import { decodeDocuments, encodeDocuments } from './snapshot-codec';
import { SqliteSnapshotStore } from './sqlite-snapshot-store';

function snapshotOf(position: number, version = 3, docs = 5): PointInTimeSnapshot {
  const documents = new ReplayDocuments(['objectives', 'teams']);
  for (let i = 0; i < docs; i++)
    documents.put('objectives', {
      id: `o${i}`,
      version: position,
      title: `Objective ${i} at ${position}`,
      children: { [`c${i}`]: { weight: 1, rollup: 0.5 } },
    });
  documents.put('teams', { id: 't1', version: 1, name: 'Team' });
  return {
    projection: 'okr',
    version,
    position,
    recordedAt: new Date(Date.UTC(2026, 0, 1) + position * 1000).toISOString(),
    chunks: encodeDocuments(documents, 2),
  };
}

async function decoded(snapshot: PointInTimeSnapshot) {
  const documents = new ReplayDocuments(['objectives', 'teams']);
  await decodeDocuments(snapshot.chunks, documents);
  return { objectives: [...documents.of('objectives').values()], teams: [...documents.of('teams').values()] };
}

describe('snapshot stores', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'pit-snapshots-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('persist snapshots in a SQLite file that a new process (a new store) reads back document for document', async () => {
    const file = join(dir, 'point-in-time.db');
    const store = new SqliteSnapshotStore(file);
    await store.save(snapshotOf(100));
    await store.save(snapshotOf(50));
    await store.save(snapshotOf(100)); // again: replaces, no duplicate chunks
    store.close();
    const reopened = new SqliteSnapshotStore(file);
    expect(await reopened.list('okr', 3)).toEqual([
      { position: 50, recordedAt: snapshotOf(50).recordedAt },
      { position: 100, recordedAt: snapshotOf(100).recordedAt },
    ]);
    const loaded = await reopened.load('okr', 3, 100);
    expect(loaded?.chunks.map((c) => c.count)).toEqual([2, 2, 1, 1]);
    expect(await decoded(loaded!)).toEqual(await decoded(snapshotOf(100)));
    expect(await reopened.load('okr', 3, 75)).toBeUndefined();
    reopened.close();
  });

  it('never lists nor loads another projection version, and drops such snapshots when one of the current version is saved', async () => {
    const store = new SqliteSnapshotStore(join(dir, 'p.db'));
    await store.save(snapshotOf(10, 2));
    expect(await store.list('okr', 3)).toEqual([]);
    expect(await store.load('okr', 3, 10)).toBeUndefined();
    await store.save(snapshotOf(20, 3));
    expect(await store.list('okr', 2)).toEqual([]);
    expect((await store.list('okr', 3)).map((s) => s.position)).toEqual([20]);
    store.close();
  });

  it('keep in memory only the most recently used ones, and refuse a chunk of a collection the replay does not keep', async () => {
    const memory = new MemorySnapshotStore(2);
    await memory.save(snapshotOf(1));
    await memory.save(snapshotOf(2));
    await memory.load('okr', 3, 1);
    await memory.save(snapshotOf(3));
    expect((await memory.list('okr', 3)).map((s) => s.position)).toEqual([1, 3]);
    expect(() => new MemorySnapshotStore(-1)).toThrow(RangeError);
    await expect(decodeDocuments(snapshotOf(1).chunks, new ReplayDocuments(['teams']))).rejects.toThrow(/does not belong/);
  });
});
