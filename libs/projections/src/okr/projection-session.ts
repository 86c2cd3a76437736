import { ReadModelDocument } from '@okr/read-model';
import { DocumentChange, DocumentReader } from '../projection';

/**
 * The documents one event touches: reads go through to the reader once, later reads see this event's own
 * changes, and `changes()` lists each touched document once, in first-touch order.
 *
 * Handlers may modify the documents they read. A document older than the event is handed out as is (it
 * is a private copy of the batch, and whatever the handler does to it is stored under this event's
 * version); a document already at or past the event (a replay) is copied first, so that the replay,
 * whose changes the runner discards, cannot alter it.
 */
export class ProjectionSession {
  /** Touched documents by collection and id; Maps keep first-touch order. */
  private readonly docs = new Map<string, Map<string, { doc: (ReadModelDocument & Record<string, unknown>) | undefined; changed: boolean; deleted: boolean }>>();

  private slot(collection: string) {
    let slot = this.docs.get(collection);
    if (!slot) {
      slot = new Map();
      this.docs.set(collection, slot);
    }
    return slot;
  }

  constructor(
    private readonly reader: DocumentReader,
    private readonly position: number,
  ) {}

  async get<T extends ReadModelDocument>(collection: string, id: string): Promise<T | undefined> {
    const slot = this.slot(collection);
    const cached = slot.get(id);
    if (cached) return cached.deleted ? undefined : (cached.doc as T | undefined);
    const doc = await this.reader.get<T>(collection, id);
    const copy = doc === undefined ? undefined : ((doc.version >= this.position ? structuredClone(doc) : doc) as T & Record<string, unknown>);
    slot.set(id, { doc: copy, changed: false, deleted: false });
    return copy as T | undefined;
  }

  /** Stores a new or modified document (the same object may be modified further before the end). */
  put<T extends ReadModelDocument>(collection: string, doc: T): void {
    this.slot(collection).set(doc.id, { doc: doc as T & Record<string, unknown>, changed: true, deleted: false });
  }

  /** Asks for the document to be settled at the end of the batch (see Projection.settle). */
  settle(collection: string, id: string): void {
    this.pending.push({ kind: 'settle', collection, id });
  }

  private readonly pending: DocumentChange[] = [];

  delete(collection: string, id: string): void {
    this.slot(collection).set(id, { doc: undefined, changed: true, deleted: true });
  }

  changes(): DocumentChange[] {
    const out: DocumentChange[] = [];
    for (const [collection, slot] of this.docs) {
      for (const [id, entry] of slot) {
        if (!entry.changed) continue;
        if (entry.deleted) out.push({ kind: 'delete', collection, id });
        else if (entry.doc) out.push({ kind: 'put', collection, doc: entry.doc });
      }
    }
    for (const change of this.pending) out.push(change);
    return out;
  }
}
