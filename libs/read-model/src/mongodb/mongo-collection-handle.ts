import { Collection, FindQuery, Page, ReadModelDocument, Where } from '../read-model.port';
import { encodeCursor, planFind, planWhere, validateIds, validateScanPageSize } from '../internal/rules';
import { CatalogEntry, MongoCollectionCatalog } from './mongo-collection-catalog';
import { bodyOf } from './mongo-document-body';
import { and, keysetCondition, keysetSegments, scanFilter, sortOf, sortValuesOf, whereFilter } from './mongo-query-builder';
import { StoredDocument } from './mongo-update-documents';

/** What a handle needs of its store. */
export interface HandleContext {
  catalog: MongoCollectionCatalog;
  /** Runs a call: rejects once the store is closed, translates driver errors. */
  run<R>(call: () => Promise<R>): Promise<R>;
}

/** The body only (get, getMany, scan). */
const BODY_PROJECTION = { doc: 1, json: 1 } as const;
/** The body and the sort values (find: the last document's make the cursor). */
const FIND_PROJECTION = { doc: 1, json: 1, fields: 1 } as const;

/**
 * A handle on a read-model collection in MongoDB. It holds only the name: every call looks the collection up in
 * the catalog, so the handle follows renames and rejects once the collection is dropped.
 */
export class MongoCollectionHandle<T extends ReadModelDocument> implements Collection<T> {
  constructor(
    readonly name: string,
    private readonly context: HandleContext,
  ) {}

  get(id: string): Promise<T | undefined> {
    return this.context.run(async () => {
      if (typeof id !== 'string') throw new TypeError(`get(id): id must be a string, not ${typeof id}`);
      await this.entry();
      const stored = await this.documents().findOne({ _id: id, live: true }, { projection: BODY_PROJECTION });
      return stored === null ? undefined : bodyOf<T>(stored);
    });
  }

  getMany(ids: readonly string[]): Promise<T[]> {
    return this.context.run(async () => {
      validateIds(ids);
      await this.entry();
      if (ids.length === 0) return [];
      const stored = await this.documents()
        .find({ _id: { $in: [...new Set(ids)] }, live: true }, { projection: BODY_PROJECTION })
        .toArray();
      const byId = new Map(stored.map((document) => [document._id, document]));
      const found: T[] = [];
      const returned = new Set<string>();
      for (const id of ids) {
        const document = byId.get(id);
        if (document === undefined) continue;
        // A fresh object per occurrence, so that a repeated id gives two independent documents.
        found.push(bodyOf<T>(returned.has(id) ? structuredClone(document) : document));
        returned.add(id);
      }
      return found;
    });
  }

  find(query: FindQuery): Promise<Page<T>> {
    return this.context.run(async () => {
      const entry = await this.context.catalog.entryFor(this.name, fieldsNamedBy(query));
      const plan = planFind(query, entry.indexes, this.name);
      const base = whereFilter(plan.filters);
      const sort = sortOf(plan.sort);
      const cursor = plan.after === null ? null : keysetCondition(plan.sort, plan.after);
      const segments = plan.after === null ? [{}] : keysetSegments(plan.sort, plan.after);
      const rows: StoredDocument[] = [];
      for (const segment of segments) {
        const wanted = plan.limit + 1 - rows.length;
        if (wanted <= 0) break;
        const filter = and([base, segment, ...(cursor === null ? [] : [cursor])]);
        const page = await this.documents().find(filter, { sort, limit: wanted, projection: FIND_PROJECTION }).toArray();
        rows.push(...page);
      }
      const items = rows.slice(0, plan.limit);
      const last = items[items.length - 1];
      return {
        items: items.map((row) => bodyOf<T>(row)),
        nextCursor: rows.length > plan.limit ? encodeCursor(plan.sort, sortValuesOf(last, plan.sort)) : null,
      };
    });
  }

  count(where?: Where): Promise<number> {
    return this.context.run(async () => {
      const entry = await this.context.catalog.entryFor(this.name, where !== null && typeof where === 'object' ? Object.keys(where) : []);
      const filters = planWhere(where, entry.indexes, this.name);
      return this.documents().countDocuments(whereFilter(filters));
    });
  }

  scan(pageSize?: number): AsyncIterable<T> {
    const size = validateScanPageSize(pageSize);
    return { [Symbol.asyncIterator]: () => this.pages(size) };
  }

  private async *pages(size: number): AsyncGenerator<T> {
    let after: string | null = null;
    for (;;) {
      const page: StoredDocument[] = await this.context.run(async () => {
        await this.entry();
        return this.documents()
          .find(scanFilter(after), { sort: { _id: 1 }, limit: size, projection: BODY_PROJECTION })
          .toArray();
      });
      for (const stored of page) yield bodyOf<T>(stored);
      if (page.length < size) return;
      after = page[page.length - 1]._id;
    }
  }

  private entry(): Promise<CatalogEntry> {
    return this.context.catalog.entry(this.name);
  }

  private documents() {
    return this.context.catalog.physical(this.name);
  }
}

/** The fields a query filters or sorts on (whatever their validity: planFind judges). */
function fieldsNamedBy(query: FindQuery): string[] {
  if (query === null || typeof query !== 'object') return [];
  const fields: string[] = [];
  if (query.where !== null && typeof query.where === 'object') fields.push(...Object.keys(query.where));
  if (Array.isArray(query.orderBy)) for (const key of query.orderBy) if (typeof key?.field === 'string') fields.push(key.field);
  return fields;
}
