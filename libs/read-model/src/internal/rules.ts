import { BUDGET } from '@okr/budget';
import { CollectionSpec, FieldValue, FindQuery, ReadModelQueryError, Where, WriteBatch, WriteOp } from '../read-model.port';
import { describe, isFieldValue } from './field-values';

/**
 * Rules every adapter applies before touching storage, so they all accept the same names, reject the same
 * writes and queries, and fail the same way. Not exported from the package: adapters share it.
 */

/** Collection and field names: an identifier of at most 64 characters (case-sensitive). */
const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Every document's key; always filterable and sortable without being declared. */
export const ID_FIELD = 'id';
export const MAX_LIMIT = 1000;

export function validateCollectionName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    throw new TypeError(
      `Invalid collection name ${JSON.stringify(name)}: use 1-64 letters, digits and underscores, not starting with a digit`,
    );
  }
}

/** The spec with its name validated and its indexes validated, de-duplicated and without `id` (always indexed). */
export function normaliseSpec(spec: CollectionSpec): { name: string; indexes: string[] } {
  validateCollectionName(spec?.name);
  if (!Array.isArray(spec.indexes)) throw new TypeError(`Collection ${spec.name}: indexes must be an array of field names`);
  const indexes: string[] = [];
  for (const field of spec.indexes) {
    if (typeof field !== 'string' || !NAME_PATTERN.test(field)) {
      throw new TypeError(`Collection ${spec.name}: invalid index field ${JSON.stringify(field)} (top-level identifier fields only)`);
    }
    if (field !== ID_FIELD && !indexes.includes(field)) indexes.push(field);
  }
  return { name: spec.name, indexes };
}

/** The indexes of a collection after a declaration: declaring adds indexes, never removes one. */
export function addIndexes(existing: readonly string[], declared: readonly string[]): string[] {
  return [...existing, ...declared.filter((field) => !existing.includes(field))];
}

export function validateProjection(projection: unknown): asserts projection is string {
  if (typeof projection !== 'string' || projection.length === 0) throw new TypeError('projection must be a non-empty string');
}

function validateVersion(version: unknown, what: string): void {
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    throw new RangeError(`${what}: version must be a positive integer, got ${describe(version)}`);
  }
}

/**
 * Validates a batch (TypeError/RangeError) and returns its ops reduced to one per (collection, id): the one
 * with the highest version, the first of them on a tie. Applying that op with the version guard gives exactly
 * the state that applying every op in order would give, since each guarded write only lands when its version
 * is above everything written before it. Collections are not checked here (the adapter knows which exist).
 */
export function validateBatch(batch: WriteBatch): WriteOp[] {
  if (batch === null || typeof batch !== 'object' || !Array.isArray(batch.ops)) throw new TypeError('A write batch needs an ops array');
  if (batch.checkpoint !== undefined) {
    validateProjection(batch.checkpoint?.projection);
    const { position } = batch.checkpoint;
    if (typeof position !== 'number' || !Number.isSafeInteger(position) || position < 0) {
      throw new RangeError(
        `Checkpoint of ${batch.checkpoint.projection}: position must be a non-negative integer, got ${describe(position)}`,
      );
    }
  }
  const winners = new Map<string, WriteOp>();
  for (const op of batch.ops) {
    const id = validateOp(op);
    const key = `${op.collection}\u0000${id}`;
    const current = winners.get(key);
    if (current === undefined || versionOf(op) > versionOf(current)) winners.set(key, op);
  }
  return winners.size === batch.ops.length ? [...batch.ops] : [...winners.values()];
}

function versionOf(op: WriteOp): number {
  return op.kind === 'upsert' ? op.doc.version : op.version;
}

/** Returns the op's document id. */
function validateOp(op: WriteOp): string {
  if (op === null || typeof op !== 'object') throw new TypeError('A write op must be an object');
  validateCollectionName(op.collection);
  if (op.kind === 'upsert') {
    const { doc } = op;
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
      throw new TypeError(`Upsert into ${op.collection}: doc must be an object`);
    if (typeof doc.id !== 'string' || doc.id.length === 0)
      throw new TypeError(`Upsert into ${op.collection}: doc.id must be a non-empty string`);
    validateVersion(doc.version, `Upsert of ${doc.id} into ${op.collection}`);
    return doc.id;
  }
  if (op.kind === 'delete') {
    if (typeof op.id !== 'string' || op.id.length === 0) throw new TypeError(`Delete from ${op.collection}: id must be a non-empty string`);
    validateVersion(op.version, `Delete of ${op.id} from ${op.collection}`);
    return op.id;
  }
  throw new TypeError(`Unknown write op kind ${JSON.stringify((op as { kind?: unknown }).kind)}`);
}

/** JSON text of a document (what every adapter stores and returns); throws for what JSON cannot encode. */
export function encodeDocument(collection: string, doc: Record<string, unknown>): string {
  try {
    return JSON.stringify(doc);
  } catch (error) {
    throw new TypeError(
      `Document ${String(doc.id)} of collection ${collection} cannot be serialised as JSON: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

export function validateIds(ids: readonly string[]): void {
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) throw new TypeError('ids must be an array of strings');
}

// ── Queries ─────────────────────────────────────────────────────────────────────────────────────────────

/** One condition of a filter: the field equals one of `values` (none: matches nothing; null: null or missing). */
export interface FilterTerm {
  field: string;
  values: FieldValue[];
}

export interface SortKey {
  field: string;
  direction: 'asc' | 'desc';
}

export interface FindPlan {
  filters: FilterTerm[];
  /** The requested order, ending with `id` (appended ascending unless requested). */
  sort: SortKey[];
  limit: number;
  /** Sort values (one per sort key, the id last) of the row the page starts after. */
  after: FieldValue[] | null;
}

export function planWhere(where: Where | undefined, indexes: readonly string[], collection: string): FilterTerm[] {
  if (where === undefined) return [];
  if (where === null || typeof where !== 'object' || Array.isArray(where)) throw new ReadModelQueryError('where must be an object');
  return Object.keys(where).map((field) => {
    assertQueryable(field, indexes, collection);
    const condition = where[field];
    const values: readonly unknown[] = Array.isArray(condition) ? condition : [condition];
    for (const value of values) {
      if (!isFieldValue(value)) {
        throw new ReadModelQueryError(
          `where.${field} must be a string, finite number, boolean, null or an array of them, not ${describe(value)}`,
        );
      }
    }
    return { field, values: values as FieldValue[] };
  });
}

export function planFind(query: FindQuery, indexes: readonly string[], collection: string): FindPlan {
  if (query === null || typeof query !== 'object') throw new ReadModelQueryError('A query must be an object');
  const { limit } = query;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new ReadModelQueryError(`limit must be an integer from 1 to ${MAX_LIMIT}, got ${describe(limit)}`);
  }
  const filters = planWhere(query.where, indexes, collection);
  const sort = planSort(query.orderBy, indexes, collection);
  const after = query.after === undefined ? null : decodeCursor(query.after, sort);
  return { filters, sort, limit, after };
}

function planSort(orderBy: FindQuery['orderBy'], indexes: readonly string[], collection: string): SortKey[] {
  if (orderBy === undefined) return [{ field: ID_FIELD, direction: 'asc' }];
  if (!Array.isArray(orderBy)) throw new ReadModelQueryError('orderBy must be an array');
  const sort: SortKey[] = [];
  for (const key of orderBy) {
    const field = key?.field;
    assertQueryable(field, indexes, collection);
    if (key.direction !== 'asc' && key.direction !== 'desc')
      throw new ReadModelQueryError(`orderBy ${field}: direction must be 'asc' or 'desc'`);
    if (sort.some((existing) => existing.field === field)) throw new ReadModelQueryError(`orderBy names ${field} twice`);
    sort.push({ field, direction: key.direction });
    // id is unique: nothing after it can change the order.
    if (field === ID_FIELD) return sort;
  }
  sort.push({ field: ID_FIELD, direction: 'asc' });
  return sort;
}

function assertQueryable(field: unknown, indexes: readonly string[], collection: string): asserts field is string {
  if (field !== ID_FIELD && !indexes.includes(field as string)) {
    const indexed = ['id', ...indexes].join(', ');
    throw new ReadModelQueryError(`Field ${JSON.stringify(field)} of collection ${collection} is not indexed (indexed: ${indexed})`);
  }
}

export function validateScanPageSize(pageSize: number | undefined): number {
  if (pageSize === undefined) return BUDGET.readModels.scanPageDocuments;
  if (typeof pageSize !== 'number' || !Number.isSafeInteger(pageSize) || pageSize < 1) {
    throw new ReadModelQueryError(`scan page size must be a positive integer, got ${describe(pageSize)}`);
  }
  return pageSize;
}

// ── Cursors ─────────────────────────────────────────────────────────────────────────────────────────────

/**
 * A cursor is base64url JSON `{ o, k }`: `o` names the order it was made for ("field:asc,…"), `k` holds the
 * sort values of the last row of the page (its id last). It is only accepted for the same order.
 */
export function encodeCursor(sort: readonly SortKey[], values: readonly FieldValue[]): string {
  return Buffer.from(JSON.stringify({ o: orderSignature(sort), k: values }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: unknown, sort: readonly SortKey[]): FieldValue[] {
  if (typeof cursor !== 'string' || cursor.length === 0 || !/^[A-Za-z0-9_-]+$/.test(cursor))
    throw new ReadModelQueryError('Malformed cursor');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new ReadModelQueryError('Malformed cursor');
  }
  const { o, k } = (decoded ?? {}) as { o?: unknown; k?: unknown };
  if (
    typeof o !== 'string' ||
    !Array.isArray(k) ||
    k.length !== sort.length ||
    !k.every(isFieldValue) ||
    typeof k[k.length - 1] !== 'string'
  ) {
    throw new ReadModelQueryError('Malformed cursor');
  }
  if (o !== orderSignature(sort))
    throw new ReadModelQueryError(`The cursor was made for another order (${o}), not ${orderSignature(sort)}`);
  return k;
}

function orderSignature(sort: readonly SortKey[]): string {
  return sort.map((key) => `${key.field}:${key.direction}`).join(',');
}
