import { EventStore } from '@okr/event-store';
import { DocumentReader, ProjectedEvent, Projection, ProjectionRunner, okrProjection, rebuildProjection } from '@okr/projections';
import { InMemoryReadModelStore, ReadModelStore, WriteBatch } from '@okr/read-model';
import { ProjectionsService } from '@okr/platform';
import { randomHistory } from './support/random-okr-history';
import { dumpReadModels } from './support/read-model-dump';
import { TestApi, startTestApi } from './support/test-api';

/** The projected documents with their event-position stamps: equal stamps prove equal histories. */
async function fullDump(store: ReadModelStore) {
  return dumpReadModels(store);
}

/** Counts the store's writes: with checkpoints (flushes) and without (write-only documents ahead of it). */
function counting(inner: ReadModelStore, failAt?: { apply: number; afterWriting: boolean }) {
  const counts = { flushes: 0, ahead: 0, applies: 0 };
  const store: ReadModelStore = {
    collection: (spec) => inner.collection(spec),
    apply: async (batch: WriteBatch) => {
      counts.applies++;
      if (failAt && counts.applies === failAt.apply) {
        if (failAt.afterWriting) await inner.apply({ ops: batch.ops });
        throw new Error('killed');
      }
      if (batch.checkpoint) counts.flushes++;
      else counts.ahead++;
      return inner.apply(batch);
    },
    checkpoint: (projection) => inner.checkpoint(projection),
    dropCollection: (name) => inner.dropCollection(name),
    renameCollection: (from, to) => inner.renameCollection(from, to),
    resetCheckpoint: (projection) => inner.resetCheckpoint(projection),
    acquireLease: (request) => inner.acquireLease(request),
    releaseLease: (name, owner) => inner.releaseLease(name, owner),
    close: () => inner.close(),
  };
  return { store, counts };
}

describe('projections: incremental equals rebuild, replays change nothing, crashes resume', () => {
  let api: TestApi;
  let events: EventStore;
  let accepted: number;

  beforeAll(async () => {
    api = await startTestApi({ readModels: 'memory' });
    events = api.store;
    accepted = await randomHistory(api, 20261124, 700);
    const projections = api.app.get(ProjectionsService);
    expect(await projections.waitFor(await events.headPosition(), 10_000)).toBe(true);
  }, 120_000);
  afterAll(async () => {
    await api.close();
  });

  it('generated a rich history', async () => {
    expect(accepted).toBeGreaterThan(350);
    const all = await events.readAll({ maxCount: 100_000 });
    const types = new Set(all.map((e) => e.type));
    for (const type of [
      'ObjectiveAligned',
      'KeyResultCheckedIn',
      'KeyResultTargetChanged',
      'KeyResultRemoved',
      'ObjectiveArchived',
      'InitiativeStatusChanged',
      'TeamMoved',
    ]) {
      expect(types).toContain(type);
    }
  });

  it('the live, incrementally built read models equal a rebuild from zero, document for document', async () => {
    const live = await fullDump(api.readModels);
    const fresh = new InMemoryReadModelStore();
    await new ProjectionRunner(events, fresh, okrProjection, { batchSize: 5000 }).catchUp();
    expect(await fullDump(fresh)).toEqual(live);
    expect(live.objectives.length).toBeGreaterThan(20);
    expect(live.key_results.length).toBeGreaterThan(20);

    const oneByOne = new InMemoryReadModelStore();
    await new ProjectionRunner(events, oneByOne, okrProjection, { batchSize: 1 }).catchUp();
    expect(await fullDump(oneByOne)).toEqual(live);
  });

  it('rebuilds in place into fresh collections and swaps them in, with the same result', async () => {
    const store = new InMemoryReadModelStore();
    const runner = new ProjectionRunner(events, store, okrProjection);
    await runner.catchUp();
    const before = await fullDump(store);
    const progress: number[] = [];
    const result = await rebuildProjection(events, store, okrProjection, { batchSize: 100, onProgress: (p) => progress.push(p.position) });
    expect(result.position).toBe(await events.headPosition());
    expect(progress.length).toBeGreaterThan(2);
    expect(await fullDump(store)).toEqual(before);
    expect(await store.checkpoint('okr')).toBe(result.position);
  });

  it('replaying any event again changes nothing', async () => {
    const store = new InMemoryReadModelStore();
    await new ProjectionRunner(events, store, okrProjection).catchUp();
    const before = await fullDump(store);
    // Force a replay of the last 300 events, as after a crash between documents and checkpoint.
    const head = await events.headPosition();
    await store.resetCheckpoint('okr');
    await store.apply({ ops: [], checkpoint: { projection: 'okr', position: head - 300 } });
    await new ProjectionRunner(events, store, okrProjection, { batchSize: 37 }).catchUp();
    expect(await fullDump(store)).toEqual(before);
  });

  it('resumes after a projection throws mid-way and converges to the rebuild', async () => {
    const expected = new InMemoryReadModelStore();
    await new ProjectionRunner(events, expected, okrProjection).catchUp();

    const store = new InMemoryReadModelStore();
    let calls = 0;
    const flaky: Projection = {
      ...okrProjection,
      project(event: ProjectedEvent, read: DocumentReader) {
        if (++calls === 450) throw new Error('projection bug');
        return okrProjection.project(event, read);
      },
    };
    await expect(new ProjectionRunner(events, store, flaky, { batchSize: 100 }).catchUp()).rejects.toThrow('projection bug');
    const stoppedAt = await store.checkpoint('okr');
    expect(stoppedAt).toBeGreaterThan(0);
    expect(stoppedAt).toBeLessThan(await events.headPosition());
    await new ProjectionRunner(events, store, okrProjection, { batchSize: 100 }).catchUp();
    expect(await fullDump(store)).toEqual(await fullDump(expected));
  });

  it('resumes after a crash that stored a batch of documents but not its checkpoint', async () => {
    const expected = new InMemoryReadModelStore();
    await new ProjectionRunner(events, expected, okrProjection).catchUp();

    const inner = new InMemoryReadModelStore();
    // A store that dies after writing the documents of its 5th batch, before the checkpoint (as a non-transactional backend could).
    const { store: crashing } = counting(inner, { apply: 5, afterWriting: true });
    await expect(new ProjectionRunner(events, crashing, okrProjection, { batchSize: 80 }).catchUp()).rejects.toThrow('killed');
    await new ProjectionRunner(events, inner, okrProjection, { batchSize: 80 }).catchUp();
    expect(await fullDump(inner)).toEqual(await fullDump(expected));
  });

  describe('a runner that retains documents across batches (rebuilds, the embedded API)', () => {
    it('flushes when memory is full and at the end, forgets the least used, and equals the live read models', async () => {
      const live = await fullDump(api.readModels);
      const { store, counts } = counting(new InMemoryReadModelStore());
      const runner = new ProjectionRunner(events, store, okrProjection, { batchSize: 25, retain: { maxDocuments: 40 } });
      await runner.catchUp();
      expect(runner.position).toBe(await events.headPosition());
      expect(counts.flushes).toBeGreaterThan(3);
      expect(await fullDump(store)).toEqual(live);
    });

    it('stores nothing until it flushes (the okr projection has no write-only collection since version 4)', async () => {
      const { store, counts } = counting(new InMemoryReadModelStore());
      const runner = new ProjectionRunner(events, store, okrProjection, { batchSize: 50, retain: { maxDocuments: 1_000_000 } });
      const head = await events.headPosition();
      await runner.catchUp({ until: head });
      // One flush at the end: the checkpoint was never stored before all documents were, and nothing went ahead of it.
      expect(counts.flushes).toBe(1);
      expect(counts.ahead).toBe(0);
      expect(await store.checkpoint('okr')).toBe(head);
      expect(await fullDump(store)).toEqual(await fullDump(api.readModels));
    });

    it('flushes every N events when asked to', async () => {
      const { store, counts } = counting(new InMemoryReadModelStore());
      await new ProjectionRunner(events, store, okrProjection, {
        batchSize: 20,
        retain: { maxDocuments: 1_000_000, flushEveryEvents: 100 },
      }).catchUp();
      const head = await events.headPosition();
      expect(counts.flushes).toBeGreaterThanOrEqual(Math.floor(head / 100));
      expect(await fullDump(store)).toEqual(await fullDump(api.readModels));
    });

    it('after a projection throws, keeps only what it had flushed and converges when resumed', async () => {
      const expected = await fullDump(api.readModels);
      const inner = new InMemoryReadModelStore();
      let calls = 0;
      const flaky: Projection = {
        ...okrProjection,
        project(event: ProjectedEvent, read: DocumentReader) {
          if (++calls === 520) throw new Error('projection bug');
          return okrProjection.project(event, read);
        },
      };
      const retain = { maxDocuments: 60 };
      await expect(new ProjectionRunner(events, inner, flaky, { batchSize: 30, retain }).catchUp()).rejects.toThrow('projection bug');
      const stoppedAt = await inner.checkpoint('okr');
      expect(stoppedAt).toBeGreaterThan(0);
      expect(stoppedAt).toBeLessThan(520);
      await new ProjectionRunner(events, inner, okrProjection, { batchSize: 30, retain }).catchUp();
      expect(await fullDump(inner)).toEqual(expected);
    });

    it('after the store dies mid-flush (documents written, checkpoint not), converges when resumed', async () => {
      const expected = await fullDump(api.readModels);
      const inner = new InMemoryReadModelStore();
      const retain = { maxDocuments: 60 };
      const { store } = counting(inner, { apply: 6, afterWriting: true });
      await expect(new ProjectionRunner(events, store, okrProjection, { batchSize: 30, retain }).catchUp()).rejects.toThrow('killed');
      await new ProjectionRunner(events, inner, okrProjection, { batchSize: 30, retain }).catchUp();
      expect(await fullDump(inner)).toEqual(expected);
    });

    it('notices that another writer moved the checkpoint and drops what it retained', async () => {
      const store = new InMemoryReadModelStore();
      const first = new ProjectionRunner(events, store, okrProjection, { batchSize: 50, retain: { maxDocuments: 100_000 } });
      const head = await events.headPosition();
      await first.catchUp({ until: Math.floor(head / 2) });
      // Another writer (e.g. a rebuild swapped in) takes the read models to the head.
      await new ProjectionRunner(events, store, okrProjection).catchUp();
      const read = await first.runBatch({ flush: true });
      expect(read).toBe(0);
      expect(first.position).toBe(head);
      expect(await fullDump(store)).toEqual(await fullDump(api.readModels));
    });
  });
});
