import { ReadModelDocument, WriteOp } from '@okr/read-model';

type Doc = ReadModelDocument & Record<string, unknown>;

interface Entry {
  collection: string;
  id: string;
  /** null: the document does not exist (never written, or deleted). */
  doc: Doc | null;
  /** Changed since the last flush. */
  dirty: boolean;
  /** For a dirty deletion: the tombstone's version. */
  deletedAt?: number;
  /** When it was last used (a counter): `trim` forgets the least recently used. */
  used: number;
}

/**
 * Documents a runner keeps in memory across batches: what it read or wrote recently (least recently used
 * first), and what it changed since it last stored its checkpoint (dirty). A runner uses it only while it is
 * the single writer of its collections; it stores every dirty document together with the checkpoint (a
 * flush), never some of them ahead of it, so a crash always resumes from a consistent state.
 */
export class RetainedDocuments {
  /** Per collection, by id. */
  private readonly collections = new Map<string, Map<string, Entry>>();
  private count = 0;
  private dirtyCount = 0;
  private clock = 0;

  private entries(collection: string): Map<string, Entry> {
    let entries = this.collections.get(collection);
    if (!entries) {
      entries = new Map();
      this.collections.set(collection, entries);
    }
    return entries;
  }

  /** The retained state of a document: `undefined` when not retained, `null` when known not to exist. */
  lookup(collection: string, id: string): Doc | null | undefined {
    const entry = this.collections.get(collection)?.get(id);
    if (!entry) return undefined;
    entry.used = ++this.clock;
    return entry.doc;
  }

  /** Remembers a document as read from the store (clean). */
  remember(collection: string, id: string, doc: Doc | null): void {
    const entries = this.entries(collection);
    if (entries.has(id)) return;
    entries.set(id, { collection, id, doc, dirty: false, used: ++this.clock });
    this.count++;
  }

  /** Takes in a batch's write (logical collection names), to be stored at the next flush. */
  absorb(op: WriteOp): void {
    const id = op.kind === 'upsert' ? op.doc.id : op.id;
    const entries = this.entries(op.collection);
    const existing = entries.get(id);
    if (existing) {
      if (existing.dirty) this.dirtyCount--;
      existing.doc = op.kind === 'upsert' ? op.doc : null;
      existing.dirty = true;
      existing.deletedAt = op.kind === 'delete' ? op.version : undefined;
      existing.used = ++this.clock;
    } else {
      this.count++;
      entries.set(
        id,
        op.kind === 'upsert'
          ? { collection: op.collection, id, doc: op.doc, dirty: true, used: ++this.clock }
          : { collection: op.collection, id, doc: null, dirty: true, deletedAt: op.version, used: ++this.clock },
      );
    }
    this.dirtyCount++;
  }

  /** Every dirty document as a write (logical collection names); they count as clean afterwards. */
  takeDirty(): WriteOp[] {
    const ops: WriteOp[] = [];
    if (this.dirtyCount === 0) return ops;
    for (const entries of this.collections.values()) {
      for (const entry of entries.values()) {
        if (!entry.dirty) continue;
        entry.dirty = false;
        if (entry.doc) ops.push({ kind: 'upsert', collection: entry.collection, doc: entry.doc });
        else ops.push({ kind: 'delete', collection: entry.collection, id: entry.id, version: entry.deletedAt! });
      }
    }
    this.dirtyCount = 0;
    return ops;
  }

  /** Forgets clean documents, least recently used first, until at most `max` are retained (dirty ones stay). */
  trim(max: number): void {
    const excess = this.count - max;
    if (excess <= 0) return;
    const stamps: number[] = [];
    for (const entries of this.collections.values()) for (const entry of entries.values()) if (!entry.dirty) stamps.push(entry.used);
    if (stamps.length === 0) return;
    stamps.sort((a, b) => a - b);
    const cutoff = stamps[Math.min(excess, stamps.length) - 1];
    for (const entries of this.collections.values()) {
      for (const [id, entry] of entries) {
        if (entry.dirty || entry.used > cutoff) continue;
        entries.delete(id);
        this.count--;
      }
    }
  }

  clear(): void {
    this.collections.clear();
    this.count = 0;
    this.dirtyCount = 0;
  }

  get size(): number {
    return this.count;
  }

  get dirty(): number {
    return this.dirtyCount;
  }
}
