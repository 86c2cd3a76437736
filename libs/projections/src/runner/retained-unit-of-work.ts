import { Collection, ReadModelDocument, WriteOp } from '@okr/read-model';
import { DocumentChange, DocumentReader, SettleRequest } from '../projection';
import { RetainedDocuments } from './retained-documents';

type Doc = ReadModelDocument & Record<string, unknown>;

/**
 * The unit of work of a runner that retains documents (the single writer of its collections: a rebuild, the
 * embedded API, the projector holding its lease). It works on the retained documents themselves instead of a
 * per-batch copy of them: reads hit the store once, then the retained documents; each event's changes are
 * applied to them at once (guarded by version, as `BatchUnitOfWork` does) and marked dirty, so the runner
 * stores them at its next flush. Writes to write-only collections go to `ahead` instead (never read back).
 *
 * Everything it changed is in the retained documents before the batch ends: if the batch fails, the runner
 * must drop them (it does: `forget`).
 */
export class RetainedUnitOfWork implements DocumentReader {
  private toSettle: { collection: string; id: string }[] = [];
  private readonly settleAsked = new Map<string, Set<string>>();

  constructor(
    private readonly collections: ReadonlyMap<string, Collection<ReadModelDocument>>,
    private readonly retained: RetainedDocuments,
    private readonly writeOnly: ReadonlySet<string>,
    /** Receives the writes to write-only collections (logical collection names; it may rename them). */
    private readonly ahead: (op: WriteOp) => void,
  ) {}

  private store(collection: string): Collection<ReadModelDocument> {
    const store = this.collections.get(collection);
    if (!store) throw new Error(`The projection used collection '${collection}', which it did not declare`);
    return store;
  }

  async get<T extends ReadModelDocument>(collection: string, id: string): Promise<T | undefined> {
    const entry = this.retained.entry(collection, id);
    if (entry !== undefined) return (entry.doc ?? undefined) as T | undefined;
    const stored = ((await this.store(collection).get(id)) as Doc | undefined) ?? null;
    this.retained.remember(collection, id, stored);
    return (stored ?? undefined) as T | undefined;
  }

  /** Applies one event's changes, stamping `version` with the event's position (see BatchUnitOfWork.record). */
  record(changes: readonly DocumentChange[], position: number): void {
    for (const change of changes) {
      const { collection } = change;
      if (change.kind === 'settle') {
        let asked = this.settleAsked.get(collection);
        if (!asked) {
          this.store(collection);
          asked = new Set();
          this.settleAsked.set(collection, asked);
        }
        if (!asked.has(change.id)) {
          asked.add(change.id);
          this.toSettle.push({ collection, id: change.id });
        }
        continue;
      }
      if (this.writeOnly.has(collection)) {
        this.store(collection);
        if (change.kind === 'put') {
          const doc = change.doc as Doc;
          doc.version = position;
          this.ahead({ kind: 'upsert', collection, doc });
        } else this.ahead({ kind: 'delete', collection, id: change.id, version: position });
        continue;
      }
      const id = change.kind === 'put' ? change.doc.id : change.id;
      const entry = this.retained.entry(collection, id);
      if (entry === undefined) this.store(collection);
      else if (entry.doc && entry.doc.version >= position) continue;
      let doc: Doc | null = null;
      if (change.kind === 'put') {
        doc = change.doc as Doc;
        doc.version = position;
      }
      if (entry) this.retained.update(entry, doc, position);
      else this.retained.write(collection, id, doc, position);
    }
  }

  /** The documents events asked to settle since the last call, in first-asked order, as they stand now. */
  takeSettleRequests(): SettleRequest[] {
    const requests = this.toSettle.map(({ collection, id }) => ({ collection, id, doc: this.retained.lookup(collection, id) ?? null }));
    this.toSettle = [];
    this.settleAsked.clear();
    return requests;
  }

  /** Stores settled documents as they are: they keep the versions the batch's events gave them. */
  recordSettled(changes: readonly DocumentChange[]): void {
    for (const change of changes) {
      if (change.kind !== 'put') throw new Error(`settle may only put documents (got ${change.kind} on ${change.collection})`);
      const existing = this.retained.lookup(change.collection, change.doc.id);
      const doc = change.doc as Doc;
      if (!existing || typeof doc.version !== 'number' || doc.version < existing.version) {
        throw new Error(`settle returned ${change.collection}/${change.doc.id}, which the batch does not hold at that version`);
      }
      this.retained.write(change.collection, doc.id, doc);
    }
  }
}
