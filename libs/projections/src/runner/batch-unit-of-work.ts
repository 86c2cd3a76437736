import { Collection, ReadModelDocument, WriteOp } from '@okr/read-model';
import { DocumentChange, DocumentReader } from '../projection';

interface Entry {
  doc: (ReadModelDocument & Record<string, unknown>) | null;
  dirty: boolean;
}

/**
 * The documents of one batch of events: reads hit the store once, then this cache; each event's changes
 * are applied here (guarded by version, so an event never overwrites a document it or a later event
 * already wrote); at the end each touched document is written once.
 */
export class BatchUnitOfWork implements DocumentReader {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly collections: ReadonlyMap<string, Collection<ReadModelDocument>>) {}

  private key(collection: string, id: string): string {
    return `${collection}\u0000${id}`;
  }

  private collection(name: string): Collection<ReadModelDocument> {
    const collection = this.collections.get(name);
    if (!collection) throw new Error(`The projection used collection '${name}', which it did not declare`);
    return collection;
  }

  async get<T extends ReadModelDocument>(collection: string, id: string): Promise<T | undefined> {
    const key = this.key(collection, id);
    let entry = this.entries.get(key);
    if (!entry) {
      const stored = await this.collection(collection).get(id);
      entry = { doc: (stored as ReadModelDocument & Record<string, unknown>) ?? null, dirty: false };
      this.entries.set(key, entry);
    }
    return (entry.doc ?? undefined) as T | undefined;
  }

  /** Applies one event's changes, stamping `version` with the event's position. */
  record(changes: readonly DocumentChange[], position: number): void {
    for (const change of changes) {
      const id = change.kind === 'put' ? change.doc.id : change.id;
      this.collection(change.collection);
      const key = this.key(change.collection, id);
      const existing = this.entries.get(key);
      if (existing?.doc && existing.doc.version >= position) continue;
      this.entries.set(key, change.kind === 'put' ? { doc: { ...change.doc, version: position }, dirty: true } : { doc: null, dirty: true });
      if (change.kind === 'delete') this.deletions.set(key, { collection: change.collection, id, version: position });
    }
  }

  private readonly deletions = new Map<string, { collection: string; id: string; version: number }>();

  /** The guarded writes for the store, with collection names mapped (e.g. to rebuild collections). */
  ops(mapName: (collection: string) => string): WriteOp[] {
    const ops: WriteOp[] = [];
    for (const [key, entry] of this.entries) {
      if (!entry.dirty) continue;
      const collection = key.slice(0, key.indexOf('\u0000'));
      if (entry.doc) ops.push({ kind: 'upsert', collection: mapName(collection), doc: entry.doc });
      else {
        const deletion = this.deletions.get(key)!;
        ops.push({ kind: 'delete', collection: mapName(collection), id: deletion.id, version: deletion.version });
      }
    }
    return ops;
  }

  get size(): number {
    return this.entries.size;
  }
}
