import {
  Collection,
  CollectionSpec,
  InMemoryReadModelStore,
  LeaseRequest,
  LeaseState,
  ReadModelDocument,
  ReadModelStore,
  WriteBatch,
  WriteOp,
} from '@okr/read-model';

/**
 * The in-memory read-model store a point-in-time replay writes into. Two differences from a plain
 * InMemoryReadModelStore:
 * - writes to the `skipped` collections are dropped (the write-only ones, such as ~900k check-ins, which
 *   no point-in-time view shows and no other document is derived from);
 * - it keeps the JSON of the latest version of every other document, so that the replay's state at its
 *   position can be taken as a snapshot and a later replay can start from it.
 */
export class ReplayReadModelStore implements ReadModelStore {
  private readonly inner = new InMemoryReadModelStore();
  /** Latest JSON per kept collection and id. */
  private readonly latest = new Map<string, Map<string, string>>();

  constructor(private readonly skipped: ReadonlySet<string>) {}

  /** The documents of every kept collection as they stand (JSON text, by collection then id). */
  documents(): ReadonlyMap<string, ReadonlyMap<string, string>> {
    return this.latest;
  }

  /** Loads documents (e.g. a snapshot's) and sets the projection's checkpoint to `position`. */
  async load(specs: readonly CollectionSpec[], documents: ReadonlyMap<string, ReadonlyMap<string, string>>, checkpoint: { projection: string; position: number }): Promise<void> {
    const ops: WriteOp[] = [];
    for (const spec of specs) {
      await this.inner.collection(spec);
      const docs = documents.get(spec.name);
      if (!docs) continue;
      this.latest.set(spec.name, new Map(docs));
      for (const json of docs.values()) ops.push({ kind: 'upsert', collection: spec.name, doc: JSON.parse(json) as ReadModelDocument & Record<string, unknown> });
    }
    await this.inner.apply({ ops, checkpoint: checkpoint.position > 0 ? checkpoint : undefined });
  }

  collection<T extends ReadModelDocument>(spec: CollectionSpec): Promise<Collection<T>> {
    return this.inner.collection<T>(spec);
  }

  async apply(batch: WriteBatch): Promise<void> {
    const ops = batch.ops.filter((op) => !this.skipped.has(op.collection));
    await this.inner.apply({ ops, checkpoint: batch.checkpoint });
    for (const op of ops) {
      let docs = this.latest.get(op.collection);
      if (!docs) {
        docs = new Map();
        this.latest.set(op.collection, docs);
      }
      if (op.kind === 'upsert') docs.set(op.doc.id, JSON.stringify(op.doc));
      else docs.delete(op.id);
    }
  }

  checkpoint(projection: string): Promise<number> {
    return this.inner.checkpoint(projection);
  }

  dropCollection(name: string): Promise<void> {
    this.latest.delete(name);
    return this.inner.dropCollection(name);
  }

  renameCollection(): Promise<void> {
    return Promise.reject(new Error('A point-in-time replay store does not rename collections'));
  }

  resetCheckpoint(projection: string): Promise<void> {
    return this.inner.resetCheckpoint(projection);
  }

  acquireLease(request: LeaseRequest): Promise<LeaseState> {
    return this.inner.acquireLease(request);
  }

  releaseLease(name: string, owner: string): Promise<void> {
    return this.inner.releaseLease(name, owner);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
