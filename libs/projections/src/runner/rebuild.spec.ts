import { EventStore, InMemoryEventStore, ReadAllOptions } from '@okr/event-store';
import { InMemoryReadModelStore, ReadModelDocument, ReadModelStore, WriteBatch } from '@okr/read-model';
import { DocumentChange, Projection } from '../projection';
import { ProjectionRunner, rebuildProjection } from './projection-runner';

type Count = ReadModelDocument & { count: number; total: number; settled?: number };

/**
 * Counts events per stream (and keeps a running total settled once per batch), and writes one write-only
 * entry per event: retained documents and settle as in the okr projection, plus the runner's write-only
 * mechanism (which the okr projection used for its check-ins until version 4).
 */
const counter: Projection = {
  name: 'counter',
  version: 1,
  collections: [
    { name: 'counts', indexes: [] },
    { name: 'entries', indexes: ['streamId'], writeOnly: true },
  ],
  async project(event, read): Promise<DocumentChange[]> {
    const doc = (await read.get<Count>('counts', event.streamId)) ?? { id: event.streamId, version: 0, count: 0, total: 0 };
    const { i } = event.data as { i: number }; // the counter's own events (see happened)
    doc.count += 1;
    doc.total += i;
    return [
      { kind: 'put', collection: 'counts', doc: doc as Count & Record<string, unknown> },
      { kind: 'settle', collection: 'counts', id: event.streamId },
      {
        kind: 'put',
        collection: 'entries',
        doc: { id: `e${String(event.position).padStart(8, '0')}`, streamId: event.streamId, i },
      },
    ];
  },
  async settle(pending) {
    // A pure function of the document: the same whatever the batching.
    return pending
      .filter((p) => p.doc)
      .map((p) => ({ kind: 'put' as const, collection: p.collection, doc: { ...p.doc!, settled: (p.doc as unknown as Count).count * 2 } }));
  },
};

async function storeWithEvents(n: number): Promise<InMemoryEventStore> {
  const events = new InMemoryEventStore();
  for (let i = 0; i < n; i++) {
    await events.appendToStream(`s-${i % 7}`, [
      {
        type: 'Happened',
        data: { i },
        metadata: {
          eventId: `e${i}`,
          tenantId: 't',
          actorId: 'a',
          correlationId: 'c',
          causationId: 'c',
          commandId: 'c',
          recordedAt: '2026-01-01T00:00:00.000Z',
          schemaVersion: 1,
        },
      },
    ]);
  }
  return events;
}

/** Records the page sizes asked of readAll. */
function recordingReads(inner: EventStore): { store: EventStore; asked: number[] } {
  const asked: number[] = [];
  const store = Object.create(inner) as EventStore;
  store.readAll = (options?: ReadAllOptions) => {
    asked.push(options?.maxCount ?? Infinity);
    return inner.readAll(options);
  };
  return { store, asked };
}

async function dump(readModels: ReadModelStore, suffix = '') {
  const out: Record<string, unknown[]> = {};
  for (const spec of counter.collections) {
    const docs: unknown[] = [];
    for await (const doc of (await readModels.collection({ name: `${spec.name}${suffix}`, indexes: spec.indexes })).scan()) docs.push(doc);
    out[spec.name] = docs;
  }
  return out;
}

describe('ProjectionRunner batches and rebuilds', () => {
  it('reads a large batch in pages, stores write-only documents between them, settles once per batch, and equals event-by-event', async () => {
    const events = await storeWithEvents(23_500);
    const oneByOne = new InMemoryReadModelStore();
    await new ProjectionRunner(events, oneByOne, counter, { batchSize: 1 }).catchUp();

    const { store, asked } = recordingReads(events);
    const readModels = new InMemoryReadModelStore();
    const applies: { ops: number; checkpoint?: number }[] = [];
    const applying = Object.create(readModels) as ReadModelStore;
    applying.apply = (batch: WriteBatch) => {
      applies.push({ ops: batch.ops.length, checkpoint: batch.checkpoint?.position });
      return readModels.apply(batch);
    };
    const settled: number[] = [];
    const counting: Projection = {
      ...counter,
      settle: (pending, read) => {
        settled.push(pending.length);
        return counter.settle!(pending, read);
      },
    };
    const runner = new ProjectionRunner(store, applying, counting, { batchSize: 50_000, retain: { maxDocuments: 1000 } });
    expect(await runner.runBatch({ flush: false })).toBe(23_500);
    // One settle at the end of the batch, each of the 7 documents once.
    expect(settled).toEqual([7]);
    // Pages of at most 1000 events; the last one short (the end of the log).
    expect(asked.length).toBe(24);
    expect(Math.max(...asked)).toBe(1000);
    // The first 20,000 write-only entries went ahead between pages, without a checkpoint; the counts stay in memory.
    expect(applies).toEqual([{ ops: 20_000, checkpoint: undefined }]);
    await runner.flush();
    expect(applies[1]).toEqual({ ops: 3_500 + 7, checkpoint: 23_500 });
    expect(await dump(readModels)).toEqual(await dump(oneByOne));
  });

  it('a rebuild that fails half-way leaves the live read models and checkpoint as they were; the next one swaps in the same result', async () => {
    const events = await storeWithEvents(3_000);
    const readModels = new InMemoryReadModelStore();
    await new ProjectionRunner(events, readModels, counter, { batchSize: 100 }).catchUp();
    const before = await dump(readModels);
    expect(await readModels.checkpoint('counter')).toBe(3_000);

    let applies = 0;
    const failing = Object.create(readModels) as ReadModelStore;
    failing.apply = (batch: WriteBatch) => {
      if (++applies === 2) return Promise.reject(new Error('disk full'));
      return readModels.apply(batch);
    };
    // Small batches and a small memory bound, so that it stores (and fails) before the end.
    await expect(
      rebuildProjection(events, failing, counter, { batchSize: 500, retain: { maxDocuments: 5, flushEveryEvents: 1000 } }),
    ).rejects.toThrow('disk full');
    expect(applies).toBe(2);
    expect(await dump(readModels)).toEqual(before);
    expect(await readModels.checkpoint('counter')).toBe(3_000);

    await events.appendToStream('s-new', [
      {
        type: 'Happened',
        data: { i: 5 },
        metadata: {
          eventId: 'e-new',
          tenantId: 't',
          actorId: 'a',
          correlationId: 'c',
          causationId: 'c',
          commandId: 'c',
          recordedAt: '2026-01-01T00:00:00.000Z',
          schemaVersion: 1,
        },
      },
    ]);
    const result = await rebuildProjection(events, readModels, counter);
    expect(result).toMatchObject({ position: 3_001, events: 3_001 });
    const incremental = new InMemoryReadModelStore();
    await new ProjectionRunner(events, incremental, counter, { batchSize: 7 }).catchUp();
    expect(await dump(readModels)).toEqual(await dump(incremental));
    expect(await readModels.checkpoint('counter')).toBe(3_001);
  });

  it('drops the collections a new version retired once it has swapped in, never a declared one', async () => {
    const events = await storeWithEvents(300);
    const readModels = new InMemoryReadModelStore();
    // Version 1 also wrote a log that version 2 no longer writes.
    const withLog: Projection = {
      ...counter,
      collections: [...counter.collections, { name: 'old_log', indexes: [], writeOnly: true }],
      async project(event, read) {
        return [...(await counter.project(event, read)), { kind: 'put', collection: 'old_log', doc: { id: `l${event.position}` } }];
      },
    };
    await new ProjectionRunner(events, readModels, withLog, { batchSize: 50 }).catchUp();
    const log = () => readModels.collection({ name: 'old_log', indexes: [] });
    expect(await (await log()).count()).toBe(300);

    const retiring: Projection = { ...counter, version: 2, retiredCollections: ['old_log', 'counts'] };
    await rebuildProjection(events, readModels, retiring);
    expect(await (await log()).count()).toBe(0);
    const incremental = new InMemoryReadModelStore();
    await new ProjectionRunner(events, incremental, counter, { batchSize: 7 }).catchUp();
    expect(await dump(readModels)).toEqual(await dump(incremental));
    expect((await dump(readModels)).counts).toHaveLength(7);
  });
});
