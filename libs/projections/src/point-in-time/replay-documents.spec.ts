import { ReplayDocuments } from './replay-documents';
import { decodeDocuments, encodeDocuments } from './snapshot-codec';

describe('ReplayDocuments', () => {
  it('keeps documents loaded from a snapshot as text until one is read, then hands out that object each time', async () => {
    const source = new ReplayDocuments(['objectives', 'teams']);
    for (let i = 0; i < 5; i++) source.put('objectives', { id: `o${i}`, version: i + 1, title: `O${i}`, weird: 'tab\there\nnewline' });
    source.put('teams', { id: 'odd\tid "quoted"', version: 9, name: 'Team' });
    const loaded = new ReplayDocuments(['objectives', 'teams']);
    await decodeDocuments(encodeDocuments(source, 2), loaded);
    expect(loaded.size).toBe(6);
    const parsedIds = () => [...loaded.entries('objectives')].filter(([, doc]) => typeof doc !== 'string').map(([id]) => id);
    expect(parsedIds()).toEqual([]);
    const o3 = await loaded.get<{ id: string; version: number; weird: string }>('objectives', 'o3');
    expect(o3).toEqual({ id: 'o3', version: 4, title: 'O3', weird: 'tab\there\nnewline' });
    expect(await loaded.get('objectives', 'o3')).toBe(o3);
    expect(parsedIds()).toEqual(['o3']);
    expect(await loaded.get('teams', 'odd\tid "quoted"')).toEqual({ id: 'odd\tid "quoted"', version: 9, name: 'Team' });
    // A whole collection is parsed when asked for.
    expect([...loaded.of('objectives').keys()].sort()).toEqual(['o0', 'o1', 'o2', 'o3', 'o4']);
    expect(parsedIds()).toHaveLength(5);
    // Re-encoding a partly parsed state gives the same documents.
    const again = new ReplayDocuments(['objectives', 'teams']);
    await decodeDocuments(encodeDocuments(loaded), again);
    expect(Object.fromEntries(again.of('objectives'))).toEqual(Object.fromEntries(source.of('objectives')));
  });

  it('loads the documents of many chunks, and rejects a damaged chunk', async () => {
    const source = new ReplayDocuments(['objectives']);
    for (let i = 0; i < 25; i++) source.put('objectives', { id: `o${i}`, version: i + 1, n: i });
    const chunks = encodeDocuments(source, 4);
    const loaded = new ReplayDocuments(['objectives']);
    await decodeDocuments(chunks, loaded);
    expect(Object.fromEntries(loaded.of('objectives'))).toEqual(Object.fromEntries(source.of('objectives')));
    await expect(
      decodeDocuments([...chunks, { collection: 'objectives', count: 1, data: Buffer.from('nope') }], new ReplayDocuments(['objectives'])),
    ).rejects.toThrow();
    await expect(decodeDocuments([{ ...chunks[0], count: 3 }], new ReplayDocuments(['objectives']))).rejects.toThrow(
      /holds 4 documents instead of 3/,
    );
  });

  it('drops writes to collections it does not keep, and moves its generation on every change', async () => {
    const documents = new ReplayDocuments(['objectives']);
    const before = documents.generation;
    documents.put('write_only_log', { id: 'c1', version: 1 });
    expect(documents.size).toBe(0);
    expect(documents.keeps('write_only_log')).toBe(false);
    expect(() => documents.of('write_only_log')).toThrow(/does not keep/);
    documents.put('objectives', { id: 'o1', version: 1 });
    documents.delete('objectives', 'o1');
    expect(documents.generation).toBe(before + 2);
    expect(await documents.get('objectives', 'o1')).toBeUndefined();
  });
});
