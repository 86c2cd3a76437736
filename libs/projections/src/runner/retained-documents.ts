import { ReadModelDocument, WriteOp } from '@okr/read-model';

type Doc = ReadModelDocument & Record<string, unknown>;

export interface RetainedEntry {
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
  private readonly collections = new Map<string, Map<string, RetainedEntry>>();
  private count = 0;
  private dirtyCount = 0;
  private clock = 0;

  private entries(collection: string): Map<string, RetainedEntry> {
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

  /** The retained entry of a document (its `doc` is null when known not to exist), to `update` it without looking it up again. */
  entry(collection: string, id: string): RetainedEntry | undefined {
    const entry = this.collections.get(collection)?.get(id);
    if (entry) entry.used = ++this.clock;
    return entry;
  }

  /** Remembers a document as read from the store (clean). */
  remember(collection: string, id: string, doc: Doc | null): void {
    const entries = this.entries(collection);
    if (entries.has(id)) return;
    entries.set(id, { collection, id, doc, dirty: false, used: ++this.clock });
    this.count++;
  }

  /** Sets a document (null: deleted, with the tombstone's version `deletedAt`), to be stored at the next flush. */
  write(collection: string, id: string, doc: Doc | null, deletedAt?: number): void {
    const entries = this.entries(collection);
    const existing = entries.get(id);
    if (existing) this.update(existing, doc, deletedAt);
    else {
      this.count++;
      this.dirtyCount++;
      entries.set(id, { collection, id, doc, dirty: true, deletedAt: doc === null ? deletedAt : undefined, used: ++this.clock });
    }
  }

  /** `write` on an entry this instance handed out (by `entry`) and has not forgotten since. */
  update(entry: RetainedEntry, doc: Doc | null, deletedAt?: number): void {
    if (!entry.dirty) this.dirtyCount++;
    entry.doc = doc;
    entry.dirty = true;
    entry.deletedAt = doc === null ? deletedAt : undefined;
    entry.used = ++this.clock;
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
