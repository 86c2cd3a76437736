import { FindQuery, InMemoryReadModelStore, ReadModelStore } from '@okr/read-model';
import { ReplayDocuments } from './replay-documents';
import { ReplayDocumentsStore } from './replay-documents-store';
import { decodeDocuments, encodeDocuments } from './snapshot-codec';

const SPEC = { name: 'things', indexes: ['tenantId', 'rank', 'label'] };

/** Documents with ties, nulls, missing fields, numbers and strings (non-ASCII too) in the indexed fields. */
function things() {
  const out: { id: string; version: number; tenantId: string; rank?: number | null; label: string | null; nested: { n: number } }[] = [];
  for (let i = 0; i < 57; i++) {
    out.push({
      id: `id-${String((i * 7919) % 57).padStart(3, '0')}${i % 5 === 0 ? '\u{1F600}' : i % 7 === 0 ? '\uFF21' : ''}`,
      version: i + 1,
      tenantId: i % 3 === 0 ? 't1' : 't2',
      ...(i % 4 === 0 ? {} : { rank: i % 6 === 0 ? null : i % 9 }),
      label: i % 11 === 0 ? null : `label-${i % 4}`,
      nested: { n: i },
    });
  }
  return out;
}

async function both(): Promise<{ reference: ReadModelStore; replay: ReplayDocumentsStore }> {
  const reference = new InMemoryReadModelStore();
  await reference.collection(SPEC);
  const docs = things();
  await reference.apply({ ops: docs.map((doc) => ({ kind: 'upsert' as const, collection: SPEC.name, doc })) });
  const documents = new ReplayDocuments([SPEC.name]);
  for (const doc of things()) documents.put(SPEC.name, doc);
  return { reference, replay: new ReplayDocumentsStore(documents, (name) => (name === 'p' ? 42 : 0)) };
}

/** The same documents loaded from a snapshot: still JSON text until queried. */
async function fromSnapshot(): Promise<ReplayDocumentsStore> {
  const documents = new ReplayDocuments([SPEC.name]);
  for (const doc of things()) documents.put(SPEC.name, doc);
  const loaded = new ReplayDocuments([SPEC.name]);
  await decodeDocuments(encodeDocuments(documents, 10), loaded);
  return new ReplayDocumentsStore(loaded);
}

/** Every page of a query, following cursors. */
async function pages(store: ReadModelStore, query: FindQuery) {
  const collection = await store.collection(SPEC);
  const out: unknown[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await collection.find({ ...query, after });
    out.push({ ids: page.items.map((d) => d.id), nextCursor: page.nextCursor });
    if (!page.nextCursor) return out;
    after = page.nextCursor;
  }
}

describe('ReplayDocumentsStore', () => {
  it('answers find, count, get, getMany and scan exactly as the in-memory adapter does on the same documents', async () => {
    const { reference, replay } = await both();
    const queries: FindQuery[] = [
      { limit: 10 },
      { where: { tenantId: 't1' }, limit: 4 },
      { where: { tenantId: ['t1', 't2'], rank: [null, 3] }, orderBy: [{ field: 'rank', direction: 'desc' }], limit: 5 },
      {
        orderBy: [
          { field: 'label', direction: 'asc' },
          { field: 'rank', direction: 'desc' },
        ],
        limit: 7,
      },
      { where: { label: null }, limit: 1000 },
      { where: { tenantId: [] }, limit: 3 },
    ];
    for (const query of queries) {
      expect(await pages(replay, query)).toEqual(await pages(reference, query));
      expect(await pages(await fromSnapshot(), query)).toEqual(await pages(reference, query));
    }
    const [a, b] = [await reference.collection(SPEC), await replay.collection(SPEC)];
    expect(await b.count({ tenantId: 't2', label: 'label-1' })).toBe(await a.count({ tenantId: 't2', label: 'label-1' }));
    expect(await b.count()).toBe(57);
    const ids = ['nope', things()[3].id, things()[0].id];
    expect(await b.getMany(ids)).toEqual(await a.getMany(ids));
    expect(await (await (await fromSnapshot()).collection(SPEC)).getMany(ids)).toEqual(await a.getMany(ids));
    expect(await b.get(things()[5].id)).toEqual(await a.get(things()[5].id));
    const scanned = async (store: ReadModelStore) => {
      const out: string[] = [];
      for await (const doc of (await store.collection(SPEC)).scan(8)) out.push(doc.id);
      return out;
    };
    expect(await scanned(replay)).toEqual(await scanned(reference));
  });

  it('refuses what the port refuses (unindexed fields, bad cursors) and every write; reports the replay position as checkpoint', async () => {
    const { replay } = await both();
    const collection = await replay.collection(SPEC);
    await expect(collection.find({ where: { nested: 1 }, limit: 5 })).rejects.toThrow(/not indexed/);
    await expect(collection.find({ limit: 5, after: 'garbage!' })).rejects.toThrow(/cursor/i);
    await expect(replay.apply({ ops: [] })).rejects.toThrow(/read-only/);
    await expect(replay.dropCollection()).rejects.toThrow(/read-only/);
    expect(await replay.checkpoint('p')).toBe(42);
    // A collection the replay does not keep (a write-only one) reads as empty.
    expect(await (await replay.collection({ name: 'write_only_log', indexes: [] })).count()).toBe(0);
  });
});
