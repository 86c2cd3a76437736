import { ReadModelDocument } from '@okr/read-model';
import { DocumentReader } from '../projection';

/** A document as a replay holds it: a plain object, modified in place by the projection's handlers. */
export type ReplayDocument = ReadModelDocument & Record<string, unknown>;

/** A document's JSON as a range of UTF-8 bytes in a snapshot chunk (decoded only if the document is needed). */
export interface JsonSlice {
  bytes: Buffer;
  start: number;
  end: number;
}

/** Documents loaded from a snapshot and not needed yet: their JSON text, or where it lies in a chunk. */
type Unparsed = string | JsonSlice;

function jsonOf(unparsed: Unparsed): string {
  return typeof unparsed === 'string' ? unparsed : unparsed.bytes.toString('utf8', unparsed.start, unparsed.end);
}

interface CollectionDocuments {
  parsed: Map<string, ReplayDocument>;
  /** Documents loaded from a snapshot and not needed yet: parsed on first use. */
  unparsed: Map<string, Unparsed>;
}

/**
 * The documents of a point-in-time replay: plain Maps of plain objects, by collection then id. No JSON round
 * trip, no validation, no tombstones (a replay only moves forward, so no older write can come after a newer
 * one). Only the collections it was made for are kept; writes to any other (write-only collections) are
 * dropped by the replay before they get here.
 *
 * Documents loaded from a snapshot stay JSON text until something reads them (`get`, or `of` for a whole
 * collection): a replay of a few thousand events touches a few thousand of the ~85,000 documents, and the
 * alignment reads the objectives only, so most key results and initiatives are never parsed.
 */
export class ReplayDocuments implements DocumentReader {
  private readonly collections = new Map<string, CollectionDocuments>();
  /** Moves on every put and delete: what was derived from the documents (sorted query results) is stale once it moves. */
  generation = 0;

  constructor(readonly collectionNames: readonly string[]) {
    for (const name of collectionNames) this.collections.set(name, { parsed: new Map(), unparsed: new Map() });
  }

  /** Whether `collection` is one of those kept. */
  keeps(collection: string): boolean {
    return this.collections.has(collection);
  }

  /** The documents of a kept collection, all parsed (the live Map: callers must not modify it). */
  of(collection: string): ReadonlyMap<string, ReplayDocument> {
    const docs = this.slot(collection);
    if (docs.unparsed.size > 0) {
      for (const [id, json] of docs.unparsed) docs.parsed.set(id, JSON.parse(jsonOf(json)) as ReplayDocument);
      docs.unparsed.clear();
    }
    return docs.parsed;
  }

  /** Every document of a kept collection as [id, object or JSON text], without parsing (for encoding snapshots). */
  *entries(collection: string): Iterable<[string, ReplayDocument | string]> {
    const docs = this.slot(collection);
    yield* docs.parsed;
    for (const [id, json] of docs.unparsed) yield [id, jsonOf(json)];
  }

  async get<T extends ReadModelDocument>(collection: string, id: string): Promise<T | undefined> {
    return this.getNow(collection, id) as T | undefined;
  }

  /** `get`, without the promise. */
  getNow(collection: string, id: string): ReplayDocument | undefined {
    const docs = this.collections.get(collection);
    if (!docs) return undefined;
    const doc = docs.parsed.get(id);
    if (doc !== undefined) return doc;
    const json = docs.unparsed.get(id);
    if (json === undefined) return undefined;
    const parsed = JSON.parse(jsonOf(json)) as ReplayDocument;
    docs.unparsed.delete(id);
    docs.parsed.set(id, parsed);
    return parsed;
  }

  put(collection: string, doc: ReplayDocument): void {
    const docs = this.collections.get(collection);
    if (!docs) return;
    this.generation++;
    docs.unparsed.delete(doc.id);
    docs.parsed.set(doc.id, doc);
  }

  /** Loads a document as JSON (from a snapshot), parsed when first needed. */
  putJson(collection: string, id: string, json: string | JsonSlice): void {
    const docs = this.slot(collection);
    this.generation++;
    docs.parsed.delete(id);
    docs.unparsed.set(id, json);
  }

  delete(collection: string, id: string): void {
    const docs = this.collections.get(collection);
    if (!docs) return;
    this.generation++;
    docs.parsed.delete(id);
    docs.unparsed.delete(id);
  }

  /** How many documents are held in all. */
  get size(): number {
    let size = 0;
    for (const docs of this.collections.values()) size += docs.parsed.size + docs.unparsed.size;
    return size;
  }

  private slot(collection: string): CollectionDocuments {
    const docs = this.collections.get(collection);
    if (!docs) throw new Error(`A point-in-time replay does not keep collection '${collection}'`);
    return docs;
  }
}
