import {
  BSON,
  BulkWriteOperationError,
  BulkWriteResult,
  Db,
  Document,
  MongoBulkWriteError,
  MongoServerError,
  WriteConcernError,
  WriteConcernErrorData,
  WriteError,
} from 'mongodb';
import { MongoErrorCode } from '../mongo-errors';

/**
 * The driver's own result and write-error classes (exported as types only), so that bulk results and errors are
 * the very objects the driver builds.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const driverBulk = require('mongodb/lib/bulk/common') as {
  BulkWriteResult: new (raw: Document, ordered: boolean) => BulkWriteResult;
  WriteError: new (error: BulkWriteOperationError) => WriteError;
  WriteConcernError: new (error: WriteConcernErrorData) => WriteConcernError;
};

/**
 * An in-process stand-in for the few driver calls the MongoDB read-model store makes, for unit tests on a machine
 * without a mongod. It is NOT MongoDB: it implements only what the store uses, with MongoDB's documented rules
 * as far as the store depends on them —
 *
 * - documents are kept as BSON (the driver's serializer), so what BSON cannot keep (lone surrogates, NUL in
 *   keys) fails or changes here as it would on the wire, and reads return fresh objects;
 * - query operators: equality (null matches null or missing), $in, $ne, $gt/$gte/$lt/$lte with type bracketing
 *   (a number operand only matches numbers, a string operand only strings), $type ('string', 'number', 'null'),
 *   $exists, $and, $or; dotted paths;
 * - sort in BSON order: missing and null < numbers < strings (by UTF-8 bytes: simple binary comparison) <
 *   objects < arrays < booleans;
 * - upserts insert `_id` (and other plain equalities) from the filter; an insert meeting an existing `_id` is
 *   E11000 (a MongoServerError, or a write error of an unordered MongoBulkWriteError, as the driver reports them);
 * - update operators $set, $unset, $max, $setOnInsert, $addToSet (with $each), $pull (with $in);
 * - createCollection (NamespaceExists), dropCollection (false when missing), renameCollection (NamespaceNotFound,
 *   dropTarget).
 *
 * `failWith` makes every later call reject (a lost server) until cleared; `calls` records the operations.
 */
export class FakeMongoDatabase {
  private readonly collections = new Map<string, FakeCollectionData>();
  /** Operation names, `<collection>.<operation>` or `db.<operation>`, in call order. */
  readonly calls: string[] = [];
  private failure: Error | null = null;

  constructor(readonly databaseName = 'fake') {}

  /** The fake, typed as the driver's Db for the code under test. */
  asDb(): Db {
    return this as unknown as Db;
  }

  failWith(error: Error | null): void {
    this.failure = error;
  }

  collection(name: string): FakeMongoCollection {
    return new FakeMongoCollection(this, name);
  }

  async createCollection(name: string): Promise<FakeMongoCollection> {
    this.call(`db.createCollection ${name}`);
    if (this.collections.has(name))
      throw serverError(MongoErrorCode.NamespaceExists, `Collection ${this.databaseName}.${name} already exists.`);
    this.collections.set(name, newData());
    return this.collection(name);
  }

  async dropCollection(name: string): Promise<boolean> {
    this.call(`db.dropCollection ${name}`);
    return this.collections.delete(name);
  }

  async renameCollection(from: string, to: string, options: { dropTarget?: boolean } = {}): Promise<FakeMongoCollection> {
    this.call(`db.renameCollection ${from} ${to}`);
    const data = this.collections.get(from);
    if (!data) throw serverError(MongoErrorCode.NamespaceNotFound, `Source collection ${this.databaseName}.${from} does not exist`);
    if (this.collections.has(to) && !options.dropTarget) throw serverError(MongoErrorCode.NamespaceExists, `target namespace exists`);
    this.collections.delete(to);
    this.collections.set(to, data);
    this.collections.delete(from);
    return this.collection(to);
  }

  async command(command: Document): Promise<Document> {
    this.call(`db.command ${Object.keys(command)[0]}`);
    if (command.ping === 1) return { ok: 1 };
    throw serverError(59, `no such command: '${Object.keys(command)[0]}'`);
  }

  async dropDatabase(): Promise<boolean> {
    this.call('db.dropDatabase');
    this.collections.clear();
    return true;
  }

  /** Names of the collections that exist, sorted. */
  collectionNames(): string[] {
    return [...this.collections.keys()].sort();
  }

  /** The stored documents of a collection in _id order (fresh copies), for assertions. */
  documentsOf(name: string): Document[] {
    return sortDocuments([...(this.collections.get(name)?.documents.values() ?? [])].map(read), { _id: 1 });
  }

  /** The index specifications created on a collection, by name. */
  indexesOf(name: string): Map<string, Document> {
    return new Map(this.collections.get(name)?.indexes ?? []);
  }

  /** @internal */
  call(operation: string): void {
    this.calls.push(operation);
    if (this.failure) throw this.failure;
  }

  /** @internal The collection's data, created on first write. */
  data(name: string, create: boolean): FakeCollectionData | undefined {
    let data = this.collections.get(name);
    if (!data && create) {
      data = newData();
      this.collections.set(name, data);
    }
    return data;
  }
}

interface FakeCollectionData {
  /** BSON of each document, by the key of its _id. */
  documents: Map<string, Uint8Array>;
  indexes: Map<string, Document>;
}

function newData(): FakeCollectionData {
  return { documents: new Map(), indexes: new Map([['_id_', { key: { _id: 1 }, name: '_id_' }]]) };
}

export class FakeMongoCollection {
  constructor(
    private readonly db: FakeMongoDatabase,
    readonly collectionName: string,
  ) {}

  async findOne(filter: Document, options: { projection?: Document } = {}): Promise<Document | null> {
    this.db.call(`${this.collectionName}.findOne`);
    const found = this.matching(filter)[0];
    return found === undefined ? null : project(found, options.projection);
  }

  find(filter: Document, options: { sort?: Document; limit?: number; projection?: Document } = {}): { toArray(): Promise<Document[]> } {
    return {
      toArray: async () => {
        this.db.call(`${this.collectionName}.find`);
        let found = this.matching(filter);
        if (options.sort) found = sortDocuments(found, options.sort);
        if (options.limit) found = found.slice(0, options.limit);
        return found.map((document) => project(document, options.projection));
      },
    };
  }

  async countDocuments(filter: Document = {}): Promise<number> {
    this.db.call(`${this.collectionName}.countDocuments`);
    return this.matching(filter).length;
  }

  async createIndexes(specs: Document[]): Promise<string[]> {
    this.db.call(`${this.collectionName}.createIndexes`);
    const data = this.db.data(this.collectionName, true)!;
    for (const spec of specs) {
      const existing = data.indexes.get(spec.name);
      if (existing && JSON.stringify(existing) !== JSON.stringify(spec))
        throw serverError(85, `An existing index has the same name (${spec.name}) but different options`);
      data.indexes.set(spec.name, spec);
    }
    return specs.map((spec) => spec.name as string);
  }

  async updateOne(filter: Document, update: Document, options: { upsert?: boolean } = {}): Promise<Document> {
    this.db.call(`${this.collectionName}.updateOne`);
    return this.write(filter, (current) => applyUpdate(current, update, current === undefined), options.upsert === true);
  }

  async replaceOne(filter: Document, replacement: Document, options: { upsert?: boolean } = {}): Promise<Document> {
    this.db.call(`${this.collectionName}.replaceOne`);
    return this.write(filter, (current) => ({ ...(current ? { _id: current._id } : {}), ...replacement }), options.upsert === true);
  }

  async findOneAndUpdate(
    filter: Document,
    update: Document,
    options: { upsert?: boolean; returnDocument?: 'before' | 'after' } = {},
  ): Promise<Document | null> {
    this.db.call(`${this.collectionName}.findOneAndUpdate`);
    const before = this.matching(filter)[0] ?? null;
    const result = this.write(filter, (current) => applyUpdate(current, update, current === undefined), options.upsert === true);
    if (options.returnDocument === 'after') return result.document;
    return before;
  }

  async deleteOne(filter: Document): Promise<Document> {
    this.db.call(`${this.collectionName}.deleteOne`);
    const found = this.matching(filter)[0];
    if (found === undefined) return { acknowledged: true, deletedCount: 0 };
    this.db.data(this.collectionName, false)!.documents.delete(keyOf(found._id));
    return { acknowledged: true, deletedCount: 1 };
  }

  /** replaceOne and updateOne models; ordered or not, as the driver reports them (E11000 as write errors). */
  async bulkWrite(models: Document[], options: { ordered?: boolean } = {}): Promise<BulkWriteResult> {
    this.db.call(`${this.collectionName}.bulkWrite`);
    const ordered = options.ordered !== false;
    const raw = {
      ok: 1,
      writeErrors: [] as WriteError[],
      writeConcernErrors: [],
      insertedIds: [],
      nInserted: 0,
      nUpserted: 0,
      nMatched: 0,
      nModified: 0,
      nRemoved: 0,
      upserted: [] as Document[],
    };
    for (let index = 0; index < models.length; index++) {
      const model = models[index];
      const [kind, spec] = Object.entries(model)[0] as [string, Document];
      try {
        let outcome: WriteOutcome;
        if (kind === 'replaceOne')
          outcome = this.write(
            spec.filter,
            (current) => ({ ...(current ? { _id: current._id } : {}), ...spec.replacement }),
            spec.upsert === true,
          );
        else if (kind === 'updateOne')
          outcome = this.write(spec.filter, (current) => applyUpdate(current, spec.update, current === undefined), spec.upsert === true);
        else throw new Error(`FakeMongoCollection.bulkWrite: ${kind} is not supported`);
        raw.nMatched += outcome.matchedCount;
        raw.nModified += outcome.modifiedCount;
        if (outcome.upsertedId !== undefined) {
          raw.nUpserted += 1;
          raw.upserted.push({ index, _id: outcome.upsertedId });
        }
      } catch (error) {
        if (!(error instanceof MongoServerError)) throw error;
        raw.writeErrors.push(
          new driverBulk.WriteError({ index, code: error.code as number, errmsg: error.message, errInfo: {}, op: spec }),
        );
        if (ordered) break;
      }
    }
    const result = new driverBulk.BulkWriteResult(raw, ordered);
    if (raw.writeErrors.length > 0) {
      throw new MongoBulkWriteError(
        { message: raw.writeErrors[0].errmsg ?? 'write operation failed', code: raw.writeErrors[0].code, writeErrors: raw.writeErrors },
        result,
      );
    }
    return result;
  }

  private matching(filter: Document): Document[] {
    const data = this.db.data(this.collectionName, false);
    if (!data) return [];
    return [...data.documents.values()].map(read).filter((document) => matches(document, filter));
  }

  /** One guarded write: the first match is changed; without a match, an upsert inserts (E11000 when the _id exists). */
  private write(filter: Document, change: (current: Document | undefined) => Document, upsert: boolean): WriteOutcome {
    const data = this.db.data(this.collectionName, upsert);
    const current = this.matching(filter)[0];
    if (current !== undefined) {
      const next = change(current);
      next._id = current._id;
      const bytes = BSON.serialize(next);
      const modified = Buffer.compare(Buffer.from(bytes), Buffer.from(data!.documents.get(keyOf(current._id))!)) !== 0;
      data!.documents.set(keyOf(current._id), bytes);
      return { matchedCount: 1, modifiedCount: modified ? 1 : 0, document: read(bytes) };
    }
    if (!upsert || !data) return { matchedCount: 0, modifiedCount: 0, document: null };
    const inserted = { ...equalitiesOf(filter), ...change(undefined) };
    if (inserted._id === undefined) throw new Error('FakeMongoCollection: upserts need an _id in the filter');
    const ordered = { _id: inserted._id, ...inserted };
    if (data.documents.has(keyOf(ordered._id))) {
      throw serverError(
        MongoErrorCode.DuplicateKey,
        `E11000 duplicate key error collection: ${this.collectionName} index: _id_ dup key: { _id: ${JSON.stringify(ordered._id)} }`,
      );
    }
    const bytes = BSON.serialize(ordered);
    data.documents.set(keyOf(ordered._id), bytes);
    return { matchedCount: 0, modifiedCount: 0, upsertedId: ordered._id, document: read(bytes) };
  }
}

interface WriteOutcome {
  matchedCount: number;
  modifiedCount: number;
  upsertedId?: unknown;
  document: Document | null;
}

/**
 * The MongoBulkWriteError the driver throws for an unordered bulk write whose ops at these indexes failed with these
 * codes (and, optionally, a write-concern error), built from the driver's own classes.
 */
export function bulkWriteErrorOf(
  failures: readonly { index: number; code: number }[],
  writeConcernError?: { code: number; errmsg: string },
): MongoBulkWriteError {
  const writeErrors = failures.map(
    ({ index, code }) => new driverBulk.WriteError({ index, code, errmsg: `error ${code}`, errInfo: {}, op: {} }),
  );
  const concernErrors = writeConcernError ? [new driverBulk.WriteConcernError(writeConcernError)] : [];
  const raw = {
    ok: 1,
    writeErrors,
    writeConcernErrors: concernErrors,
    insertedIds: [],
    nInserted: 0,
    nUpserted: 0,
    nMatched: 0,
    nModified: 0,
    nRemoved: 0,
    upserted: [],
  };
  const result = new driverBulk.BulkWriteResult(raw, false);
  if (writeErrors.length === 0 && concernErrors.length > 0) return new MongoBulkWriteError(concernErrors[0], result);
  return new MongoBulkWriteError(
    { message: writeErrors[0]?.errmsg ?? 'write operation failed', code: writeErrors[0]?.code ?? 8, writeErrors },
    result,
  );
}

export function serverError(code: number, message: string): MongoServerError {
  return new MongoServerError({ message, errmsg: message, code, ok: 0 });
}

function read(bytes: Uint8Array): Document {
  return BSON.deserialize(bytes);
}

function keyOf(id: unknown): string {
  return `${typeof id}:${String(id)}`;
}

// ── Queries ─────────────────────────────────────────────────────────────────────────────────────────────

function valueAt(document: Document, path: string): unknown {
  let value: unknown = document;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Document)[part];
  }
  return value;
}

export function matches(document: Document, filter: Document): boolean {
  return Object.entries(filter).every(([key, condition]) => {
    if (key === '$and') return (condition as Document[]).every((part) => matches(document, part));
    if (key === '$or') return (condition as Document[]).some((part) => matches(document, part));
    if (key.startsWith('$')) throw new Error(`FakeMongoCollection: ${key} is not supported`);
    const value = valueAt(document, key);
    if (isOperatorObject(condition)) return Object.entries(condition).every(([operator, operand]) => applies(operator, value, operand));
    return equals(value, condition);
  });
}

function isOperatorObject(condition: unknown): condition is Document {
  return (
    condition !== null &&
    typeof condition === 'object' &&
    !Array.isArray(condition) &&
    Object.keys(condition).some((key) => key.startsWith('$'))
  );
}

function applies(operator: string, value: unknown, operand: unknown): boolean {
  switch (operator) {
    case '$in':
      return (operand as unknown[]).some((candidate) => equals(value, candidate));
    case '$ne':
      return !equals(value, operand);
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte': {
      // Type bracketing: only values of the operand's type class compare.
      if (value === undefined || typeClass(value) !== typeClass(operand)) return false;
      const order = compareBson(value, operand);
      return operator === '$gt' ? order > 0 : operator === '$gte' ? order >= 0 : operator === '$lt' ? order < 0 : order <= 0;
    }
    case '$type':
      if (operand === 'string') return typeof value === 'string';
      if (operand === 'number') return typeof value === 'number';
      if (operand === 'null') return value === null;
      throw new Error(`FakeMongoCollection: $type ${String(operand)} is not supported`);
    case '$exists':
      return (value !== undefined) === Boolean(operand);
    default:
      throw new Error(`FakeMongoCollection: ${operator} is not supported`);
  }
}

function equals(value: unknown, candidate: unknown): boolean {
  if (candidate === null) return value === null || value === undefined;
  if (value === undefined || value === null) return false;
  return typeClass(value) === typeClass(candidate) && compareBson(value, candidate) === 0;
}

/** BSON's order of types (canonical type ranks: MinKey < null < numbers < strings < objects < arrays < … < booleans). */
function typeClass(value: unknown): number {
  if (value === undefined || value === null) return 1;
  if (typeof value === 'number') return 2;
  if (typeof value === 'string') return 3;
  if (Array.isArray(value)) return 5;
  if (typeof value === 'object') return 4;
  if (typeof value === 'boolean') return 8;
  throw new Error(`FakeMongoCollection: values of type ${typeof value} are not supported`);
}

export function compareBson(a: unknown, b: unknown): number {
  const classA = typeClass(a);
  const classB = typeClass(b);
  if (classA !== classB) return classA - classB;
  if (classA === 2) return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  // Strings without a collation: simple binary comparison of their UTF-8 bytes.
  if (classA === 3) return Buffer.compare(Buffer.from(a as string, 'utf8'), Buffer.from(b as string, 'utf8'));
  if (classA === 8) return Number(a) - Number(b);
  if (classA === 1) return 0;
  return Buffer.compare(Buffer.from(BSON.serialize({ v: a })), Buffer.from(BSON.serialize({ v: b })));
}

function sortDocuments(documents: Document[], sort: Document): Document[] {
  const keys = Object.entries(sort) as [string, 1 | -1][];
  return [...documents].sort((x, y) => {
    for (const [path, direction] of keys) {
      const order = compareBson(valueAt(x, path) ?? null, valueAt(y, path) ?? null);
      if (order !== 0) return order * direction;
    }
    return 0;
  });
}

function project(document: Document, projection: Document | undefined): Document {
  if (!projection || Object.keys(projection).length === 0) return document;
  const projected: Document = {};
  if (projection._id !== 0) projected._id = document._id;
  for (const [field, include] of Object.entries(projection)) {
    if (field !== '_id' && include && document[field] !== undefined) projected[field] = document[field];
  }
  return projected;
}

// ── Updates ─────────────────────────────────────────────────────────────────────────────────────────────

/** Plain top-level equalities of a filter: what an upsert's insert starts from. */
function equalitiesOf(filter: Document): Document {
  const document: Document = {};
  for (const [key, value] of Object.entries(filter)) {
    if (!key.startsWith('$') && !key.includes('.') && !isOperatorObject(value)) document[key] = value;
  }
  return document;
}

function applyUpdate(current: Document | undefined, update: Document, inserting: boolean): Document {
  const next: Document = structuredClone(current ?? {});
  for (const [operator, fields] of Object.entries(update)) {
    for (const [path, operand] of Object.entries(fields as Document)) {
      switch (operator) {
        case '$set':
          setAt(next, path, operand);
          break;
        case '$setOnInsert':
          if (inserting) setAt(next, path, operand);
          break;
        case '$unset':
          unsetAt(next, path);
          break;
        case '$max': {
          const existing = valueAt(next, path);
          if (existing === undefined || compareBson(operand, existing) > 0) setAt(next, path, operand);
          break;
        }
        case '$addToSet': {
          const list = (valueAt(next, path) as unknown[] | undefined) ?? [];
          const added = isOperatorObject(operand) ? (operand.$each as unknown[]) : [operand];
          for (const item of added) if (!list.some((existing) => compareBson(existing, item) === 0)) list.push(item);
          setAt(next, path, list);
          break;
        }
        case '$pull': {
          const list = (valueAt(next, path) as unknown[] | undefined) ?? [];
          const removed = isOperatorObject(operand) ? (operand.$in as unknown[]) : [operand];
          setAt(
            next,
            path,
            list.filter((item) => !removed.some((gone) => compareBson(item, gone) === 0)),
          );
          break;
        }
        default:
          throw new Error(`FakeMongoCollection: update operator ${operator} is not supported`);
      }
    }
  }
  return next;
}

function setAt(document: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let target = document;
  for (const part of parts.slice(0, -1)) {
    if (target[part] === null || typeof target[part] !== 'object') target[part] = {};
    target = target[part] as Document;
  }
  target[parts[parts.length - 1]] = value;
}

function unsetAt(document: Document, path: string): void {
  const parts = path.split('.');
  const parent = parts.length === 1 ? document : valueAt(document, parts.slice(0, -1).join('.'));
  if (parent !== null && typeof parent === 'object') delete (parent as Document)[parts[parts.length - 1]];
}
