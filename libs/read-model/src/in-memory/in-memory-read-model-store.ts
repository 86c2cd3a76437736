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
} from '../read-model.port';
import { compareCodePoints, compareFieldValues, indexedValueOf } from '../internal/field-values';
import { validateLeaseName, validateLeaseOwner, validateLeaseRequest } from '../internal/lease-rules';
import {
  addIndexes,
  encodeCursor,
  encodeDocument,
  FilterTerm,
  ID_FIELD,
  normaliseSpec,
  planFind,
  planWhere,
  SortKey,
  validateBatch,
  validateCollectionName,
  validateIds,
  validateProjection,
  validateScanPageSize,
} from '../internal/rules';

/** A document or a tombstone (json === null). */
interface Row {
  id: string;
  version: number;
  json: string | null;
  /** Values of the indexed fields, as they read back from `json`. */
  values: Map<string, FieldValue>;
}

interface CollectionData {
  indexes: string[];
  rows: Map<string, Row>;
}

/**
 * Read-model store held in process memory, for unit tests and single-process tools. Same semantics as the
 * persistent adapters (it passes the same contract suite): documents are kept as JSON text, so what is read
 * is a fresh copy, and a batch is validated and serialised completely before anything changes, so a failing
 * batch changes nothing. Queries scan the collection (indexes only decide what may be queried).
 */
export class InMemoryReadModelStore implements ReadModelStore {
  private readonly collections = new Map<string, CollectionData>();
  private readonly checkpoints = new Map<string, number>();
  private readonly leases = new Map<string, { owner: string; expiresAt: number }>();
  private closed = false;

  async collection<T extends ReadModelDocument>(spec: CollectionSpec): Promise<Collection<T>> {
    this.assertOpen();
    const { name, indexes } = normaliseSpec(spec);
    const existing = this.collections.get(name);
    if (!existing) {
      this.collections.set(name, { indexes, rows: new Map() });
    } else {
      const added = indexes.filter((field) => !existing.indexes.includes(field));
      existing.indexes = addIndexes(existing.indexes, indexes);
      for (const row of existing.rows.values()) {
        if (row.json === null) continue;
        const doc = JSON.parse(row.json) as Record<string, unknown>;
        for (const field of added) row.values.set(field, backfillValue(doc[field]));
      }
    }
    return new InMemoryCollection<T>(name, () => this.data(name));
  }

  async apply(batch: WriteBatch): Promise<void> {
    this.assertOpen();
    const ops = validateBatch(batch);
    // Resolve and serialise everything first: from here on nothing can fail, so the batch is all-or-nothing.
    const writes = ops.map((op) => {
      const data = this.data(op.collection);
      if (op.kind === 'delete') return { data, row: { id: op.id, version: op.version, json: null, values: new Map() } satisfies Row };
      const values = new Map<string, FieldValue>();
      for (const field of data.indexes) values.set(field, indexedValueOf(op.doc, field, op.collection));
      return { data, row: { id: op.doc.id, version: op.doc.version, json: encodeDocument(op.collection, op.doc), values } satisfies Row };
    });
    for (const { data, row } of writes) {
      const current = data.rows.get(row.id);
      if (!current || current.version < row.version) data.rows.set(row.id, row);
    }
    if (batch.checkpoint) {
      const { projection, position } = batch.checkpoint;
      if (position > (this.checkpoints.get(projection) ?? 0)) this.checkpoints.set(projection, position);
    }
  }

  async checkpoint(projection: string): Promise<number> {
    this.assertOpen();
    validateProjection(projection);
    return this.checkpoints.get(projection) ?? 0;
  }

  async resetCheckpoint(projection: string): Promise<void> {
    this.assertOpen();
    validateProjection(projection);
    this.checkpoints.delete(projection);
  }

  async dropCollection(name: string): Promise<void> {
    this.assertOpen();
    validateCollectionName(name);
    this.collections.delete(name);
  }

  async renameCollection(from: string, to: string): Promise<void> {
    this.assertOpen();
    validateCollectionName(from);
    validateCollectionName(to);
    const data = this.data(from);
    if (from === to) return;
    this.collections.set(to, data);
    this.collections.delete(from);
  }

  async acquireLease(request: LeaseRequest): Promise<LeaseState> {
    this.assertOpen();
    const expiresAt = validateLeaseRequest(request);
    const { name, owner, now } = request;
    const current = this.leases.get(name);
    if (current && current.owner !== owner && current.expiresAt > now)
      return { acquired: false, holder: current.owner, expiresAt: current.expiresAt };
    this.leases.set(name, { owner, expiresAt });
    return { acquired: true, holder: owner, expiresAt };
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    this.assertOpen();
    validateLeaseName(name);
    validateLeaseOwner(owner);
    if (this.leases.get(name)?.owner === owner) this.leases.delete(name);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** The collection's current data (handles look it up on every call, so they follow renames). */
  private data(name: string): CollectionData {
    this.assertOpen();
    const data = this.collections.get(name);
    if (!data) throw new Error(`Read-model collection ${name} does not exist (declare it with collection())`);
    return data;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('InMemoryReadModelStore is closed');
  }
}

class InMemoryCollection<T extends ReadModelDocument> implements Collection<T> {
  constructor(
    readonly name: string,
    private readonly data: () => CollectionData,
  ) {}

  async get(id: string): Promise<T | undefined> {
    const row = this.data().rows.get(id);
    return row?.json ? (JSON.parse(row.json) as T) : undefined;
  }

  async getMany(ids: readonly string[]): Promise<T[]> {
    validateIds(ids);
    const { rows } = this.data();
    const found: T[] = [];
    for (const id of ids) {
      const json = rows.get(id)?.json;
      if (json) found.push(JSON.parse(json) as T);
    }
    return found;
  }

  async find(query: FindQuery): Promise<Page<T>> {
    const data = this.data();
    const plan = planFind(query, data.indexes, this.name);
    const compare = (a: Row, b: Row) => compareRows(a, b, plan.sort);
    let matches = liveRows(data).filter((row) => matchesAll(row, plan.filters));
    if (plan.after) {
      const after = plan.after;
      matches = matches.filter((row) => compareToCursor(row, after, plan.sort) > 0);
    }
    matches.sort(compare);
    const page = matches.slice(0, plan.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => JSON.parse(row.json as string) as T),
      nextCursor:
        matches.length > plan.limit
          ? encodeCursor(
              plan.sort,
              plan.sort.map((key) => valueOf(last, key.field)),
            )
          : null,
    };
  }

  async count(where?: Where): Promise<number> {
    const data = this.data();
    const filters = planWhere(where, data.indexes, this.name);
    return liveRows(data).filter((row) => matchesAll(row, filters)).length;
  }

  scan(pageSize?: number): AsyncIterable<T> {
    const size = validateScanPageSize(pageSize);
    const data = this.data;
    return {
      async *[Symbol.asyncIterator]() {
        let after: string | null = null;
        for (;;) {
          const page = liveRows(data())
            .filter((row) => after === null || compareCodePoints(row.id, after) > 0)
            .sort((a, b) => compareCodePoints(a.id, b.id))
            .slice(0, size);
          for (const row of page) yield JSON.parse(row.json as string) as T;
          if (page.length < size) return;
          after = page[page.length - 1].id;
        }
      },
    };
  }
}

function liveRows(data: CollectionData): Row[] {
  const rows: Row[] = [];
  for (const row of data.rows.values()) if (row.json !== null) rows.push(row);
  return rows;
}

function valueOf(row: Row, field: string): FieldValue {
  return field === ID_FIELD ? row.id : (row.values.get(field) ?? null);
}

function matchesAll(row: Row, filters: readonly FilterTerm[]): boolean {
  return filters.every((term) => {
    const value = valueOf(row, term.field);
    return term.values.some((candidate) => compareFieldValues(value, candidate) === 0);
  });
}

function compareRows(a: Row, b: Row, sort: readonly SortKey[]): number {
  for (const key of sort) {
    const order = compareFieldValues(valueOf(a, key.field), valueOf(b, key.field));
    if (order !== 0) return key.direction === 'asc' ? order : -order;
  }
  return 0;
}

function compareToCursor(row: Row, after: readonly FieldValue[], sort: readonly SortKey[]): number {
  for (let i = 0; i < sort.length; i++) {
    const order = compareFieldValues(valueOf(row, sort[i].field), after[i]);
    if (order !== 0) return sort[i].direction === 'asc' ? order : -order;
  }
  return 0;
}

/** The value a newly indexed field gets for an existing document (what SQLite's json_extract gives). */
function backfillValue(value: unknown): FieldValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') return JSON.stringify(value);
  return value as FieldValue;
}
