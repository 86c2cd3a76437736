import { ReadModelDocument } from '@okr/read-model';
import { DocumentChange, DocumentReader } from '../projection';

/** A document one event touched. */
interface Touched {
  collection: string;
  id: string;
  doc: (ReadModelDocument & Record<string, unknown>) | undefined;
  changed: boolean;
  deleted: boolean;
}

/**
 * The documents one event touches: reads go through to the reader once, later reads see this event's own
 * changes, and `changes()` lists each touched document once, in first-touch order.
 *
 * Handlers may modify the documents they read. A document older than the event is handed out as is (it
 * is a private copy of the batch, and whatever the handler does to it is stored under this event's
 * version); a document already at or past the event (a replay) is copied first, so that the replay,
 * whose changes the runner discards, cannot alter it.
 *
 * An event touches a handful of documents (its own, a key result's objective and that objective's
 * ancestors), so they are kept in a list searched linearly: cheaper, for a million events, than maps.
 */
export class ProjectionSession {
  /** Touched documents in first-touch order. */
  private readonly touched: Touched[] = [];
  private readonly pending: DocumentChange[] = [];

  constructor(
    private readonly reader: DocumentReader,
    private readonly position: number,
  ) {}

  private find(collection: string, id: string): Touched | undefined {
    const touched = this.touched;
    for (let i = 0; i < touched.length; i++) {
      const entry = touched[i];
      if (entry.id === id && entry.collection === collection) return entry;
    }
    return undefined;
  }

  async get<T extends ReadModelDocument>(collection: string, id: string): Promise<T | undefined> {
    const cached = this.find(collection, id);
    if (cached) return cached.deleted ? undefined : (cached.doc as T | undefined);
    const doc = await this.reader.get<T>(collection, id);
    const copy =
      doc === undefined ? undefined : ((doc.version >= this.position ? structuredClone(doc) : doc) as T & Record<string, unknown>);
    this.touched.push({ collection, id, doc: copy, changed: false, deleted: false });
    return copy as T | undefined;
  }

  /** Stores a new or modified document (the same object may be modified further before the end). */
  put<T extends ReadModelDocument>(collection: string, doc: T): void {
    this.set(collection, doc.id, doc as T & Record<string, unknown>, false);
  }

  /** Asks for the document to be settled at the end of the batch (see Projection.settle). */
  settle(collection: string, id: string): void {
    this.pending.push({ kind: 'settle', collection, id });
  }

  delete(collection: string, id: string): void {
    this.set(collection, id, undefined, true);
  }

  private set(collection: string, id: string, doc: Touched['doc'], deleted: boolean): void {
    const entry = this.find(collection, id);
    if (entry) {
      entry.doc = doc;
      entry.changed = true;
      entry.deleted = deleted;
    } else this.touched.push({ collection, id, doc, changed: true, deleted });
  }

  changes(): DocumentChange[] {
    const out: DocumentChange[] = [];
    for (const entry of this.touched) {
      if (!entry.changed) continue;
      if (entry.deleted) out.push({ kind: 'delete', collection: entry.collection, id: entry.id });
      else if (entry.doc) out.push({ kind: 'put', collection: entry.collection, doc: entry.doc });
    }
    for (const change of this.pending) out.push(change);
    return out;
  }
}
