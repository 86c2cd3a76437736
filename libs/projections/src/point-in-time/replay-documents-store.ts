import {
  Collection,
  CollectionSpec,
  FieldValue,
  FindQuery,
  LeaseRequest,
  LeaseState,
  Page,
  ReadModelDocument,
  ReadModelStore,
  Where,
  WriteBatch,
} from '@okr/read-model';
import { compareCodePoints, compareFieldValues, indexedValueOf } from '@okr/read-model/internal/field-values';
import {
  FilterTerm,
  ID_FIELD,
  SortKey,
  encodeCursor,
  normaliseSpec,
  planFind,
  planWhere,
  validateIds,
  validateScanPageSize,
} from '@okr/read-model/internal/rules';
import { ReplayDocument, ReplayDocuments } from './replay-documents';

/**
 * The read side of the read-model port over a replay's documents, for the live query code: the same filters,
 * orders, keyset cursors and field-value comparisons as every adapter (the shared rules of @okr/read-model),
 * without copying or serialising anything. Documents are handed out as they are held: queries only read them.
 * Read-only: writes, renames and leases are refused. Collections the replay does not keep (write-only ones) read as
 * empty.
 */
export class ReplayDocumentsStore implements ReadModelStore {
  private readonly empty = new Map<string, ReplayDocument>();

  constructor(
    private readonly documents: ReplayDocuments,
    /** The checkpoint the store reports for a projection (the replay's position). */
    private readonly checkpointOf: (projection: string) => number = () => 0,
  ) {}

  async collection<T extends ReadModelDocument>(spec: CollectionSpec): Promise<Collection<T>> {
    const { name, indexes } = normaliseSpec(spec);
    const documents = this.documents;
    const source: DocumentSource = documents.keeps(name)
      ? { one: (id) => documents.getNow(name, id), all: () => documents.of(name), generation: () => documents.generation }
      : { one: () => undefined, all: () => this.empty, generation: () => 0 };
    return new ReplayCollection<T>(name, indexes, source);
  }

  apply(_batch: WriteBatch): Promise<void> {
    return Promise.reject(new Error('A point-in-time state is read-only'));
  }

  async checkpoint(projection: string): Promise<number> {
    return this.checkpointOf(projection);
  }

  dropCollection(): Promise<void> {
    return Promise.reject(new Error('A point-in-time state is read-only'));
  }

  renameCollection(): Promise<void> {
    return Promise.reject(new Error('A point-in-time state is read-only'));
  }

  resetCheckpoint(): Promise<void> {
    return Promise.reject(new Error('A point-in-time state is read-only'));
  }

  acquireLease(_request: LeaseRequest): Promise<LeaseState> {
    return Promise.reject(new Error('A point-in-time state has no leases'));
  }

  releaseLease(): Promise<void> {
    return Promise.reject(new Error('A point-in-time state has no leases'));
  }

  async close(): Promise<void> {
    // Nothing to release: the documents belong to the replay.
  }
}

/** How a collection handle reaches the replay's documents: one by id (parsing only it), or all. */
interface DocumentSource {
  one(id: string): ReplayDocument | undefined;
  all(): ReadonlyMap<string, ReplayDocument>;
  generation(): number;
}

class ReplayCollection<T extends ReadModelDocument> implements Collection<T> {
  /** The sorted matches of the last query, reused by its next pages while the documents have not changed. */
  private sorted?: { key: string; generation: number; docs: ReplayDocument[] };

  constructor(
    readonly name: string,
    private readonly indexes: readonly string[],
    private readonly source: DocumentSource,
  ) {}

  private get docs(): ReadonlyMap<string, ReplayDocument> {
    return this.source.all();
  }

  private generation(): number {
    return this.source.generation();
  }

  async get(id: string): Promise<T | undefined> {
    return this.source.one(id) as T | undefined;
  }

  async getMany(ids: readonly string[]): Promise<T[]> {
    validateIds(ids);
    const found: T[] = [];
    for (const id of ids) {
      const doc = this.source.one(id);
      if (doc) found.push(doc as unknown as T);
    }
    return found;
  }

  async find(query: FindQuery): Promise<Page<T>> {
    const plan = planFind(query, this.indexes, this.name);
    const key = JSON.stringify([plan.filters, plan.sort]);
    if (!this.sorted || this.sorted.key !== key || this.sorted.generation !== this.generation()) {
      const docs = this.matching(plan.filters).sort((a, b) => compareDocs(a, b, plan.sort, this.name));
      this.sorted = { key, generation: this.generation(), docs };
    }
    const matches = this.sorted.docs;
    let start = 0;
    if (plan.after) {
      const after = plan.after;
      // Keyset: the first document that sorts after the cursor (the list is sorted by the same keys).
      let low = 0;
      let high = matches.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (compareToCursor(matches[middle], after, plan.sort, this.name) > 0) high = middle;
        else low = middle + 1;
      }
      start = low;
    }
    const page = matches.slice(start, start + plan.limit);
    const last = page[page.length - 1];
    return {
      items: page as unknown as T[],
      nextCursor:
        matches.length - start > plan.limit
          ? encodeCursor(
              plan.sort,
              plan.sort.map((key) => valueOf(last, key.field, this.name)),
            )
          : null,
    };
  }

  async count(where?: Where): Promise<number> {
    return this.matching(planWhere(where, this.indexes, this.name)).length;
  }

  scan(pageSize?: number): AsyncIterable<T> {
    validateScanPageSize(pageSize);
    const source = this.source;
    return {
      async *[Symbol.asyncIterator]() {
        const docs = source.all();
        const sorted = [...docs.values()].sort((a, b) => compareCodePoints(a.id, b.id));
        for (const doc of sorted) yield doc as unknown as T;
      },
    };
  }

  private matching(filters: readonly FilterTerm[]): ReplayDocument[] {
    const out: ReplayDocument[] = [];
    for (const doc of this.docs.values()) if (filters.every((term) => matches(doc, term, this.name))) out.push(doc);
    return out;
  }
}

function valueOf(doc: ReplayDocument, field: string, collection: string): FieldValue {
  return field === ID_FIELD ? doc.id : indexedValueOf(doc, field, collection);
}

function matches(doc: ReplayDocument, term: FilterTerm, collection: string): boolean {
  const value = valueOf(doc, term.field, collection);
  return term.values.some((candidate) => compareFieldValues(value, candidate) === 0);
}

function compareDocs(a: ReplayDocument, b: ReplayDocument, sort: readonly SortKey[], collection: string): number {
  for (const key of sort) {
    const order = compareFieldValues(valueOf(a, key.field, collection), valueOf(b, key.field, collection));
    if (order !== 0) return key.direction === 'asc' ? order : -order;
  }
  return 0;
}

function compareToCursor(doc: ReplayDocument, after: readonly FieldValue[], sort: readonly SortKey[], collection: string): number {
  for (let i = 0; i < sort.length; i++) {
    const order = compareFieldValues(valueOf(doc, sort[i].field, collection), after[i]);
    if (order !== 0) return sort[i].direction === 'asc' ? order : -order;
  }
  return 0;
}
