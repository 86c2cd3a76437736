import { Collection, Db, MongoServerError } from 'mongodb';
import { addIndexes } from '../internal/rules';
import { backfillFields } from './mongo-backfill';
import { hasErrorCode, MongoErrorCode } from './mongo-errors';
import { indexSpecs } from './mongo-index-specs';
import { StoredDocument } from './mongo-update-documents';

/** The catalog's collection: one document per declared read-model collection. */
export const CATALOG_COLLECTION = 'read_model_collections';

/** The MongoDB collection that holds read-model collection `name` (a prefix keeps them apart from the store's own). */
export function physicalName(name: string): string {
  return `rm_${name}`;
}

/** What a store needs to know of a declared collection. */
export interface CatalogEntry {
  /** Indexed fields, queryable: every live document has its `fields.<f>` and the index exists. */
  indexes: string[];
  /** Fields being added (declared, backfill or index build not finished): writers maintain them, queries may not use them yet. */
  pending: string[];
}

export interface CatalogDocument extends CatalogEntry {
  _id: string;
  /** Set while the collection is renamed to this name (cleared when the rename is complete, by deleting the document). */
  renamingTo?: string;
  /** Set while the collection is dropped. */
  dropping?: boolean;
}

/**
 * The catalog of read-model collections (`read_model_collections`), and the declare / drop / rename steps that keep
 * it and the MongoDB collections in agreement without transactions. Each step is ordered so that a crash (or a
 * lost connection) half-way leaves a state that the next call of the same kind completes:
 *
 * - declare: catalog document upserted (creating the MongoDB collection first), new fields marked `pending` (writers
 *   maintain them from then on), their values backfilled, indexes built, backfilled once more for writers that were
 *   in the middle of a batch, then the fields moved to `indexes` (queryable). Declaring again resumes `pending` fields.
 * - drop: marked `dropping`, MongoDB collection dropped, catalog document deleted; a marked collection counts as
 *   missing, and declaring it again finishes the drop first.
 * - rename: `from` marked `renamingTo`, MongoDB `renameCollection` with dropTarget (one atomic step on the server:
 *   readers of `to` see the old or the new documents, never none), `to`'s catalog document replaced by `from`'s,
 *   `from`'s deleted. Writes and declarations refuse a marked collection; renaming it again to the same target
 *   finishes the job, knowing from the mark whether the MongoDB collection was already moved.
 *
 * Entries are cached per store: writes always read them fresh (one query per batch), reads use the cache (changes
 * made by this store update it; a query on a field the cache does not know re-reads the entry once).
 */
export class MongoCollectionCatalog {
  private readonly cache = new Map<string, CatalogEntry>();

  constructor(private readonly db: Db) {}

  private get documents(): Collection<CatalogDocument> {
    return this.db.collection<CatalogDocument>(CATALOG_COLLECTION);
  }

  physical(name: string): Collection<StoredDocument> {
    return this.db.collection<StoredDocument>(physicalName(name));
  }

  /** The entry of a collection for reading: cached, else read; rejects when the collection does not exist. */
  async entry(name: string): Promise<CatalogEntry> {
    return this.cache.get(name) ?? this.refresh(name);
  }

  /** The entry for a query naming `fields`: re-read once when the cached one does not index them all (another store may have declared them). */
  async entryFor(name: string, fields: readonly string[]): Promise<CatalogEntry> {
    const cached = this.cache.get(name);
    if (cached && fields.every((field) => field === 'id' || cached.indexes.includes(field))) return cached;
    return this.refresh(name);
  }

  async refresh(name: string): Promise<CatalogEntry> {
    const document = await this.documents.findOne({ _id: name });
    if (document === null || document.dropping) {
      this.cache.delete(name);
      throw missing(name);
    }
    return this.remember(document);
  }

  /** Fresh entries of collections about to be written; rejects (before anything is written) when one cannot be. */
  async forWriting(names: readonly string[]): Promise<Map<string, CatalogEntry>> {
    const entries = new Map<string, CatalogEntry>();
    if (names.length === 0) return entries;
    const documents = await this.documents.find({ _id: { $in: [...names] } }).toArray();
    for (const document of documents) {
      if (document.dropping) continue;
      if (document.renamingTo !== undefined) throw renaming(document._id, document.renamingTo);
      entries.set(document._id, this.remember(document));
    }
    for (const name of names) {
      if (!entries.has(name)) {
        this.cache.delete(name);
        throw missing(name);
      }
    }
    return entries;
  }

  async declare(name: string, indexes: readonly string[]): Promise<CatalogEntry> {
    let document = await this.documents.findOne({ _id: name });
    if (document?.dropping) {
      await this.drop(name);
      document = null;
    }
    if (document?.renamingTo !== undefined) throw renaming(name, document.renamingTo);
    if (document === null) {
      await this.createPhysical(name);
      await this.documents.updateOne({ _id: name }, { $setOnInsert: { indexes: [], pending: [] } }, { upsert: true });
      document = await this.documents.findOne({ _id: name });
      if (document === null) throw missing(name);
    }
    const added = [
      ...document.pending,
      ...indexes.filter((field) => !document!.indexes.includes(field) && !document!.pending.includes(field)),
    ];
    const physical = this.physical(name);
    if (added.length > 0) {
      await this.documents.updateOne({ _id: name }, { $addToSet: { pending: { $each: added } } });
      await backfillFields(physical, added);
    }
    await physical.createIndexes(indexSpecs(addIndexes(document.indexes, added)));
    if (added.length > 0) {
      await backfillFields(physical, added);
      await this.documents.updateOne({ _id: name }, { $addToSet: { indexes: { $each: added } }, $pull: { pending: { $in: added } } });
    }
    return this.refresh(name);
  }

  async drop(name: string): Promise<void> {
    this.cache.delete(name);
    await this.documents.updateOne({ _id: name }, { $set: { dropping: true } });
    // Also removes a MongoDB collection left without catalog document (a declaration that stopped half-way).
    await this.db.dropCollection(physicalName(name));
    await this.documents.deleteOne({ _id: name });
  }

  async rename(from: string, to: string): Promise<void> {
    if (from === to) {
      await this.refresh(from);
      return;
    }
    const before = await this.documents.findOneAndUpdate(
      { _id: from, dropping: { $ne: true }, $or: [{ renamingTo: { $exists: false } }, { renamingTo: to }] },
      { $set: { renamingTo: to } },
      { returnDocument: 'before' },
    );
    if (before === null) {
      const current = await this.documents.findOne({ _id: from });
      if (current?.renamingTo !== undefined && !current.dropping) throw renaming(from, current.renamingTo);
      this.cache.delete(from);
      throw missing(from);
    }
    this.cache.delete(from);
    this.cache.delete(to);
    try {
      await this.db.renameCollection(physicalName(from), physicalName(to), { dropTarget: true });
    } catch (error) {
      if (!hasErrorCode(error, MongoErrorCode.NamespaceNotFound)) {
        // The server refused: nothing moved, so the mark can go (unless an earlier attempt left it).
        if (error instanceof MongoServerError && before.renamingTo === undefined) {
          await this.documents.updateOne({ _id: from }, { $unset: { renamingTo: '' } });
        }
        throw error;
      }
      // `from`'s MongoDB collection is gone: moved by an earlier attempt (it left the mark), or never created
      // (empty): then `to` must end up empty too.
      if (before.renamingTo !== to) await this.db.dropCollection(physicalName(to));
    }
    await this.documents.replaceOne({ _id: to }, { indexes: before.indexes, pending: before.pending }, { upsert: true });
    await this.documents.deleteOne({ _id: from });
    this.cache.set(to, { indexes: [...before.indexes], pending: [...before.pending] });
  }

  forget(): void {
    this.cache.clear();
  }

  private async createPhysical(name: string): Promise<void> {
    try {
      await this.db.createCollection(physicalName(name));
    } catch (error) {
      if (!hasErrorCode(error, MongoErrorCode.NamespaceExists)) throw error;
    }
  }

  private remember(document: CatalogDocument): CatalogEntry {
    const entry = { indexes: [...(document.indexes ?? [])], pending: [...(document.pending ?? [])] };
    this.cache.set(document._id, entry);
    return entry;
  }
}

function missing(name: string): Error {
  return new Error(`Read-model collection ${name} does not exist (declare it with collection())`);
}

function renaming(name: string, to: string): Error {
  return new Error(
    `Read-model collection ${name} is being renamed to ${to}: an earlier renameCollection did not finish; call renameCollection(${name}, ${to}) again`,
  );
}
