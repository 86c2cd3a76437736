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
  private readonly docs = new Map<string, { collection: string; doc: (ReadModelDocument & Record<string, unknown>) | undefined; changed: boolean; deleted: boolean }>();

  constructor(
    private readonly reader: DocumentReader,
    private readonly position: number,
  ) {}

  async get<T extends ReadModelDocument>(collection: string, id: string): Promise<T | undefined> {
    const key = `${collection}\u0000${id}`;
    const cached = this.docs.get(key);
    if (cached) return cached.deleted ? undefined : (cached.doc as T | undefined);
    const doc = await this.reader.get<T>(collection, id);
    const copy = doc === undefined ? undefined : ((doc.version >= this.position ? structuredClone(doc) : doc) as T & Record<string, unknown>);
    this.docs.set(key, { collection, doc: copy, changed: false, deleted: false });
    return copy as T | undefined;
  }

  /** Stores a new or modified document (the same object may be modified further before the end). */
  put<T extends ReadModelDocument>(collection: string, doc: T): void {
    const key = `${collection}\u0000${doc.id}`;
    this.docs.set(key, { collection, doc: doc as T & Record<string, unknown>, changed: true, deleted: false });
  }

  delete(collection: string, id: string): void {
    this.docs.set(`${collection}\u0000${id}`, { collection, doc: undefined, changed: true, deleted: true });
  }

  changes(): DocumentChange[] {
    const out: DocumentChange[] = [];
    for (const [key, entry] of this.docs) {
      if (!entry.changed) continue;
      if (entry.deleted) out.push({ kind: 'delete', collection: entry.collection, id: key.slice(entry.collection.length + 1) });
      else if (entry.doc) out.push({ kind: 'put', collection: entry.collection, doc: entry.doc });
    }
    return out;
  }
}
