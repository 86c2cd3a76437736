import { InMemoryEventStore } from '../in-memory/in-memory-event-store';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { testEvent } from '../testing/test-events';
import { eventHash, GENESIS_HASH } from './event-hash';
import { HashChainedEventStore } from './hash-chained-event-store';
import { HashChainProgress, verifyHashChains } from './verify-hash-chains';

describe('verifyHashChains', () => {
  let raw: SqliteEventStore;
  let store: HashChainedEventStore;

  beforeEach(() => {
    raw = SqliteEventStore.open({ filePath: ':memory:' });
    store = new HashChainedEventStore(raw);
  });

  afterEach(async () => {
    await store.close();
  });

  /** Three streams of two tenants, interleaved in the log: a (t1, 3 events), b (t1, 2), c (t2, 2). */
  async function writeHistory() {
    await store.appendToStream('a', [testEvent('A0', { v: 0 })], { expectedRevision: 'no_stream' });
    await store.appendToStream('b', [testEvent('B0', { v: 0 }), testEvent('B1', { v: 1 })], { expectedRevision: 'no_stream' });
    await store.appendToStream('c', [testEvent('C0', 0, { tenantId: 'tenant-2' })], { expectedRevision: 'no_stream' });
    await store.appendToStream('a', [testEvent('A1', { v: 1 }), testEvent('A2', { v: 2 })], { expectedRevision: 0 });
    await store.appendToStream('c', [testEvent('C1', 1, { tenantId: 'tenant-2' })], { expectedRevision: 0 });
  }

  const positionOf = (streamId: string, revision: number) =>
    raw.database.prepare('SELECT position FROM events WHERE stream_id = ? AND revision = ?').pluck().get(streamId, revision) as number;

  it('a clean store: every stream and event checked, nothing broken', async () => {
    await writeHistory();
    await expect(verifyHashChains(store)).resolves.toEqual({
      streamsChecked: 3,
      eventsChecked: 7,
      unchainedEvents: 0,
      brokenLinks: 0,
      firstBroken: null,
      headPosition: 7,
    });
    await expect(verifyHashChains(raw, { pageSize: 2 })).resolves.toMatchObject({ streamsChecked: 3, eventsChecked: 7, firstBroken: null });
  });

  it('an empty store verifies with zero counts', async () => {
    await expect(verifyHashChains(store)).resolves.toEqual({
      streamsChecked: 0,
      eventsChecked: 0,
      unchainedEvents: 0,
      brokenLinks: 0,
      firstBroken: null,
      headPosition: 0,
    });
  });

  it("with tenantId, checks only that tenant's streams", async () => {
    await writeHistory();
    await expect(verifyHashChains(store, { tenantId: 'tenant-1' })).resolves.toMatchObject({ streamsChecked: 2, eventsChecked: 5 });
    await expect(verifyHashChains(store, { tenantId: 'tenant-2' })).resolves.toMatchObject({ streamsChecked: 1, eventsChecked: 2 });
    await expect(verifyHashChains(store, { tenantId: 'nobody' })).resolves.toMatchObject({ streamsChecked: 0, eventsChecked: 0 });
    await expect(verifyHashChains(store, { tenantId: '' })).rejects.toBeInstanceOf(TypeError);
  });

  it('an edited event: hash_mismatch at exactly that stream and revision, reported once', async () => {
    await writeHistory();
    raw.database.prepare(`UPDATE events SET data = '{"v":99}' WHERE stream_id = 'a' AND revision = 1`).run();

    const report = await verifyHashChains(store);
    expect(report.firstBroken).toMatchObject({ streamId: 'a', revision: 1, position: positionOf('a', 1), reason: 'hash_mismatch' });
    expect(report.firstBroken?.found).toMatch(/^[0-9a-f]{64}$/);
    expect(report.firstBroken?.expected).not.toBe(report.firstBroken?.found);
    expect(report.brokenLinks).toBe(1);
    expect(report.eventsChecked).toBe(7);
  });

  it('edited metadata that is hashed (actor, recordedAt, tenant) is detected; the type too', async () => {
    await writeHistory();
    raw.database
      .prepare(`UPDATE events SET metadata = json_set(metadata, '$.actorId', 'intruder') WHERE stream_id = 'b' AND revision = 0`)
      .run();
    raw.database.prepare(`UPDATE events SET type = 'C9' WHERE stream_id = 'c' AND revision = 1`).run();
    const report = await verifyHashChains(store);
    expect(report.firstBroken).toMatchObject({ streamId: 'b', revision: 0, reason: 'hash_mismatch' });
    expect(report.brokenLinks).toBe(2);
  });

  it('a deleted event: missing_event naming the stream and the missing revision', async () => {
    await writeHistory();
    raw.database.prepare(`DELETE FROM events WHERE stream_id = 'a' AND revision = 1`).run();

    const report = await verifyHashChains(store);
    expect(report.firstBroken).toEqual({
      streamId: 'a',
      revision: 1,
      position: positionOf('a', 2),
      reason: 'missing_event',
      expected: 1,
      found: 2,
    });
    expect(report.brokenLinks).toBe(1);
    expect(report.eventsChecked).toBe(6);
  });

  it('a deleted first event of a stream is a missing revision 0', async () => {
    await writeHistory();
    raw.database.prepare(`DELETE FROM events WHERE stream_id = 'b' AND revision = 0`).run();
    await expect(verifyHashChains(store)).resolves.toMatchObject({
      firstBroken: { streamId: 'b', revision: 0, reason: 'missing_event' },
      brokenLinks: 1,
    });
  });

  it('an edited previousHash: previous_hash_mismatch at that revision', async () => {
    await writeHistory();
    raw.database
      .prepare(`UPDATE events SET metadata = json_set(metadata, '$.previousHash', 'forged') WHERE stream_id = 'a' AND revision = 2`)
      .run();
    const report = await verifyHashChains(store);
    expect(report.firstBroken).toMatchObject({ streamId: 'a', revision: 2, reason: 'previous_hash_mismatch', found: 'forged' });
    expect(report.brokenLinks).toBe(1);
  });

  it('an event replaced with a recomputed hash breaks the link of the next one', async () => {
    await writeHistory();
    const [a0] = await raw.readStream('a', { maxCount: 1 });
    const forged = eventHash(
      { type: 'A1', data: { v: 99 }, tenantId: 'tenant-1', actorId: 'user-1', recordedAt: '2025-01-01T00:00:00.000Z' },
      a0.metadata.hash as string,
    );
    raw.database
      .prepare(`UPDATE events SET data = '{"v":99}', metadata = json_set(metadata, '$.hash', ?) WHERE stream_id = 'a' AND revision = 1`)
      .run(forged);
    const report = await verifyHashChains(store);
    expect(report.firstBroken).toMatchObject({ streamId: 'a', revision: 2, reason: 'previous_hash_mismatch', expected: forged });
  });

  it('an edited event whose hash keys were removed: hash_missing (a sealed stream cannot lose its seal)', async () => {
    await writeHistory();
    raw.database
      .prepare(
        `UPDATE events SET data = '{"v":99}', metadata = json_remove(metadata, '$.hash', '$.previousHash') WHERE stream_id = 'a' AND revision = 2`,
      )
      .run();
    await expect(verifyHashChains(store)).resolves.toMatchObject({
      firstBroken: { streamId: 'a', revision: 2, reason: 'hash_missing' },
      unchainedEvents: 1,
    });
  });

  it('a renumbered event: the gap it leaves, then unexpected_revision for the revisions read out of order', async () => {
    await writeHistory();
    raw.database.prepare(`UPDATE events SET revision = 5 WHERE stream_id = 'a' AND revision = 0`).run();
    const report = await verifyHashChains(store);
    // a:0 (position 1) now reads as revision 5: revisions 0-4 are missing; a:1 and a:2 then come after revision 5.
    expect(report.firstBroken).toEqual({ streamId: 'a', revision: 0, position: 1, reason: 'missing_event', expected: 0, found: 5 });
    expect(report.brokenLinks).toBe(3);
  });

  /** Tamperings of the history (a: tenant-1 at positions 1, 5, 6; b: tenant-1 at 2, 3; c: tenant-2 at 4, 7). */
  it.each([
    [
      'an edit',
      `UPDATE events SET data = '{"v":99}' WHERE position = 5`,
      'tenant-1',
      { streamId: 'a', revision: 1, position: 5, reason: 'hash_mismatch' },
    ],
    [
      'a deletion',
      'DELETE FROM events WHERE position = 5',
      'tenant-1',
      { streamId: 'a', revision: 1, position: 6, reason: 'missing_event' },
    ],
    [
      'a forged previous hash',
      `UPDATE events SET metadata = json_set(metadata, '$.previousHash', 'forged') WHERE position = 7`,
      'tenant-2',
      { streamId: 'c', revision: 1, position: 7, reason: 'previous_hash_mismatch' },
    ],
    [
      'a removed hash, with an edit',
      `UPDATE events SET data = '{"v":9}', metadata = json_remove(metadata, '$.hash', '$.previousHash') WHERE position = 3`,
      'tenant-1',
      { streamId: 'b', revision: 1, position: 3, reason: 'hash_missing' },
    ],
    [
      'a renumbered revision',
      'UPDATE events SET revision = 7 WHERE position = 6',
      'tenant-1',
      { streamId: 'a', revision: 2, position: 6, reason: 'missing_event' },
    ],
    [
      'a changed tenant',
      `UPDATE events SET metadata = json_set(metadata, '$.tenantId', 'tenant-2') WHERE position = 3`,
      'tenant-1',
      { streamId: 'b', revision: 1, position: 3, reason: 'hash_mismatch' },
    ],
    [
      "a changed tenant on a stream's first event (the stream then reads as the new tenant's)",
      `UPDATE events SET metadata = json_set(metadata, '$.tenantId', 'tenant-1') WHERE position = 4`,
      'tenant-1',
      { streamId: 'c', revision: 0, position: 4, reason: 'hash_mismatch' },
    ],
  ])('%s: found for all tenants and for the tenant whose stream it is, not for the other', async (_name, sql, tenantId, first) => {
    await writeHistory();
    raw.database.prepare(sql).run();
    const all = await verifyHashChains(store);
    expect(all.firstBroken).toMatchObject(first);
    expect(all.brokenLinks).toBe(1);
    await expect(verifyHashChains(store, { tenantId })).resolves.toMatchObject({ firstBroken: first, brokenLinks: 1 });
    const other = tenantId === 'tenant-1' ? 'tenant-2' : 'tenant-1';
    await expect(verifyHashChains(store, { tenantId: other })).resolves.toMatchObject({ firstBroken: null, brokenLinks: 0 });
  });

  it('counts every broken link and names the first in log order', async () => {
    await writeHistory();
    raw.database.prepare(`UPDATE events SET data = '{"v":7}' WHERE position IN (2, 4, 6)`).run();
    const report = await verifyHashChains(store, { pageSize: 2 });
    expect(report).toMatchObject({
      brokenLinks: 3,
      eventsChecked: 7,
      firstBroken: { streamId: 'b', position: 2, reason: 'hash_mismatch' },
    });
    await expect(verifyHashChains(store, { tenantId: 'tenant-2' })).resolves.toMatchObject({
      brokenLinks: 1,
      firstBroken: { streamId: 'c', position: 4 },
    });
  });

  it('legacy events without hashes are counted, chained, and checked through their successors', async () => {
    await raw.appendToStream('old', [testEvent('L0', 0), testEvent('L1', 1)]);
    await store.appendToStream('old', [testEvent('N2', 2)], { expectedRevision: 1 });
    await expect(verifyHashChains(store)).resolves.toMatchObject({
      streamsChecked: 1,
      eventsChecked: 3,
      unchainedEvents: 2,
      brokenLinks: 0,
      firstBroken: null,
    });

    // Editing a legacy event changes its recomputed hash: the first hashed successor no longer links to it.
    raw.database.prepare(`UPDATE events SET data = '7' WHERE stream_id = 'old' AND revision = 0`).run();
    await expect(verifyHashChains(store)).resolves.toMatchObject({
      firstBroken: { streamId: 'old', revision: 2, reason: 'previous_hash_mismatch' },
    });
  });

  it('reports progress page by page and reads only up to the head it started with', async () => {
    await writeHistory();
    const progress: HashChainProgress[] = [];
    const report = await verifyHashChains(store, { pageSize: 3, onProgress: (p) => progress.push(p) });
    expect(progress.map((p) => p.position)).toEqual([3, 6, 7]);
    expect(progress[progress.length - 1]).toEqual({ eventsRead: 7, eventsChecked: 7, position: 7, headPosition: 7 });
    expect(report.eventsChecked).toBe(7);
    await expect(verifyHashChains(store, { pageSize: 0 })).rejects.toBeInstanceOf(RangeError);
  });

  it('works on any adapter (in-memory), given the decorator or the wrapped store', async () => {
    const memory = new InMemoryEventStore();
    const chained = HashChainedEventStore.wrap(memory);
    await chained.appendToStream('s', [testEvent('A', 1), testEvent('B', 2)]);
    await expect(verifyHashChains(chained)).resolves.toMatchObject({ eventsChecked: 2, unchainedEvents: 0, firstBroken: null });
    await expect(verifyHashChains(memory)).resolves.toMatchObject({ eventsChecked: 2, unchainedEvents: 0, firstBroken: null });
    expect((await memory.readStream('s'))[0].metadata.previousHash).toBe(GENESIS_HASH);
    await memory.close();
  });
});
