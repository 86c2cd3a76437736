import { Collection, ReadModelDocument, WriteOp } from '@okr/read-model';
import { DocumentChange, DocumentReader, SettleRequest } from '../projection';

type Doc = ReadModelDocument & Record<string, unknown>;

interface Entry {
  doc: Doc | null;
  dirty: boolean;
  /** For a deletion: the tombstone's version. */
  deletedAt?: number;
}

/** One declared collection's documents in this batch. */
interface Slot {
  store: Collection<ReadModelDocument>;
  entries: Map<string, Entry>;
  settle: Set<string>;
}

/**
 * The documents of one batch of events: reads hit the store once, then this cache; each event's changes
 * are applied here (guarded by version, so an event never overwrites a document it or a later event
 * already wrote); at the end each touched document is written once. For runners that do not retain
 * documents across batches (see RetainedUnitOfWork for those that do).
 */
export class BatchUnitOfWork implements DocumentReader {
  private readonly slots = new Map<string, Slot>();
  private toSettle: { collection: string; id: string }[] = [];

  constructor(private readonly collections: ReadonlyMap<string, Collection<ReadModelDocument>>) {}

  private slot(name: string): Slot {
    let slot = this.slots.get(name);
    if (slot) return slot;
    const store = this.collections.get(name);
    if (!store) throw new Error(`The projection used collection '${name}', which it did not declare`);
    slot = { store, entries: new Map(), settle: new Set() };
    this.slots.set(name, slot);
    return slot;
  }

  async get<T extends ReadModelDocument>(collection: string, id: string): Promise<T | undefined> {
    const slot = this.slot(collection);
    let entry = slot.entries.get(id);
    if (!entry) {
      entry = { doc: ((await slot.store.get(id)) as Doc | undefined) ?? null, dirty: false };
      slot.entries.set(id, entry);
    }
    return (entry.doc ?? undefined) as T | undefined;
  }

  /**
   * Applies one event's changes, stamping `version` with the event's position (on the document object itself:
   * it belongs to this batch, or is the handler's own).
   */
  record(changes: readonly DocumentChange[], position: number): void {
    for (const change of changes) {
      const slot = this.slot(change.collection);
      if (change.kind === 'settle') {
        if (!slot.settle.has(change.id)) {
          slot.settle.add(change.id);
          this.toSettle.push({ collection: change.collection, id: change.id });
        }
        continue;
      }
      const id = change.kind === 'put' ? change.doc.id : change.id;
      const existing = slot.entries.get(id);
      if (existing?.doc && existing.doc.version >= position) continue;
      if (change.kind === 'put') {
        const doc = change.doc as Doc;
        doc.version = position;
        if (existing) {
          existing.doc = doc;
          existing.dirty = true;
        } else slot.entries.set(id, { doc, dirty: true });
      } else {
        slot.entries.set(id, { doc: null, dirty: true, deletedAt: position });
      }
    }
  }

  /** The documents events asked to settle since the last call, in first-asked order, as they stand now. */
  takeSettleRequests(): SettleRequest[] {
    const requests = this.toSettle.map(({ collection, id }) => ({
      collection,
      id,
      doc: this.slot(collection).entries.get(id)?.doc ?? null,
    }));
    this.toSettle = [];
    for (const slot of this.slots.values()) slot.settle.clear();
    return requests;
  }

  /** Stores settled documents as they are: they keep the versions the batch's events gave them. */
  recordSettled(changes: readonly DocumentChange[]): void {
    for (const change of changes) {
      if (change.kind !== 'put') throw new Error(`settle may only put documents (got ${change.kind} on ${change.collection})`);
      const slot = this.slot(change.collection);
      const existing = slot.entries.get(change.doc.id);
      const doc = change.doc as Doc;
      if (!existing?.doc || typeof doc.version !== 'number' || doc.version < existing.doc.version) {
        throw new Error(`settle returned ${change.collection}/${change.doc.id}, which the batch does not hold at that version`);
      }
      slot.entries.set(doc.id, { doc, dirty: true });
    }
  }

  /** The guarded writes for the store, with collection names mapped (e.g. to rebuild collections). */
  ops(mapName: (collection: string) => string): WriteOp[] {
    const ops: WriteOp[] = [];
    for (const [name, slot] of this.slots) {
      const collection = mapName(name);
      for (const [id, entry] of slot.entries) {
        if (!entry.dirty) continue;
        if (entry.doc) ops.push({ kind: 'upsert', collection, doc: entry.doc });
        else ops.push({ kind: 'delete', collection, id, version: entry.deletedAt! });
      }
    }
    return ops;
  }

  get size(): number {
    let size = 0;
    for (const slot of this.slots.values()) size += slot.entries.size;
    return size;
  }
}
