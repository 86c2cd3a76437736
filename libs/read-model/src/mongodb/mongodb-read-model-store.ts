import { performance } from 'node:perf_hooks';
import { AnyBulkWriteOperation, Collection as MongoCollection, Db, MongoClient } from 'mongodb';
import { Collection, CollectionSpec, LeaseRequest, LeaseState, ReadModelDocument, ReadModelStore, WriteBatch } from '../read-model.port';
import { normaliseSpec, validateBatch, validateCollectionName, validateProjection } from '../internal/rules';
import { databaseFromUrl, DEFAULT_DATABASE, redactMongoUrl, scrubUrlSecrets, validateDatabaseName } from './mongo-connection-url';
import { MongoCollectionCatalog } from './mongo-collection-catalog';
import { MongoCollectionHandle } from './mongo-collection-handle';
import { failedOnlyOnDuplicateKeys, isUnreachableError, MongoUnavailableError, translateError } from './mongo-errors';
import { LeaseDocument, MongoLeases } from './mongo-lease';
import { CheckpointDocument, checkpointUpdate, StoredDocument, writeModelOf } from './mongo-update-documents';

export interface MongoReadModelOptions {
  /** `mongodb://…` or `mongodb+srv://…`; credentials are never shown in errors. */
  url: string;
  /** Database name; default taken from the URL's path, else 'okr'. */
  database?: string;
  /** How long to wait for the server at connect (ms), default 10000. Also how long a later call waits for it to come back. */
  connectTimeoutMs?: number;
}

export interface MongoPing {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

/** Collections of the store's own, beside the read-model collections (`rm_<name>`) and the catalog. */
export const CHECKPOINTS_COLLECTION = 'checkpoints';
export const LEASES_COLLECTION = 'leases';

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** A ping answers within this (or the connect timeout, if shorter), so a health check never hangs on a lost server. */
const MAX_PING_TIMEOUT_MS = 2_000;

interface Connection {
  /** Closed by close() when the store opened it; undefined for attach(). */
  client?: MongoClient;
  /** The URL, for scrubbing secrets out of messages; undefined for attach(). */
  url?: string;
  /** What messages call the server. */
  description: string;
  pingTimeoutMs: number;
}

/**
 * Read-model store in MongoDB (official driver), for several API replicas sharing their read models. Works on a
 * standalone mongod: no transactions, no change streams. See docs/decisions/0008-mongodb-read-models.md.
 *
 * - A read-model collection `x` is the MongoDB collection `rm_x`; each document is `{_id, version, live, fields,
 *   doc | json}` (mongo-update-documents.ts), tombstones `{_id, version, live: false}`. `fields` holds the indexed
 *   values as the port compares them, indexed by `fields_<f>` {fields.f: 1, _id: 1} (mongo-index-specs.ts).
 * - A batch is validated and encoded completely, then written with one unordered bulkWrite per collection of
 *   version-guarded upserts (one op per id: the batch is reduced first, which gives the sequential result), E11000
 *   meaning "a newer or equal version is stored"; then the checkpoint (`checkpoints`, `$max`). Not atomic: a batch
 *   that fails half-way may be partly applied, its checkpoint is not stored, and replaying it is harmless.
 * - Which collections exist and which fields they index is in the catalog (`read_model_collections`, see
 *   mongo-collection-catalog.ts); leases in `leases` (mongo-lease.ts).
 * - Calls reject with MongoUnavailableError while the server cannot be reached (after waiting up to
 *   connectTimeoutMs for it); the driver reconnects by itself, so the store recovers when the server is back.
 */
export class MongoReadModelStore implements ReadModelStore {
  /** The connected database (for an idempotency store or the like that wants to live beside the read models). */
  readonly db: Db;
  private readonly catalog: MongoCollectionCatalog;
  private readonly leases: MongoLeases;
  private closed = false;

  /**
   * Connects and checks that the server answers (ping) within connectTimeoutMs; rejects otherwise with an Error
   * naming the server without credentials (MongoUnavailableError when it cannot be reached). A malformed URL or
   * option is a TypeError/RangeError.
   */
  static async connect(options: MongoReadModelOptions): Promise<MongoReadModelStore> {
    if (options === null || typeof options !== 'object')
      throw new TypeError('MongoReadModelStore.connect needs options { url, database?, connectTimeoutMs? }');
    const { url } = options;
    if (typeof url !== 'string' || url.trim().length === 0)
      throw new TypeError('MongoReadModelStore: url must be a non-empty mongodb:// or mongodb+srv:// URL');
    const description = redactMongoUrl(url);
    const database = options.database ?? databaseFromUrl(url) ?? DEFAULT_DATABASE;
    validateDatabaseName(database);
    const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    if (typeof timeoutMs !== 'number' || !Number.isSafeInteger(timeoutMs) || timeoutMs < 1) {
      throw new RangeError(`MongoReadModelStore: connectTimeoutMs must be a positive integer (ms), got ${String(timeoutMs)}`);
    }

    let client: MongoClient;
    try {
      client = new MongoClient(url, { serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs, appName: 'okr-read-models' });
    } catch (error) {
      throw new TypeError(`Invalid MongoDB URL ${description}: ${scrubUrlSecrets((error as Error).message, url)}`, { cause: error });
    }
    try {
      await client.connect();
      const db = client.db(database);
      await db.command({ ping: 1 }, { signal: AbortSignal.timeout(timeoutMs) });
      return new MongoReadModelStore(db, { client, url, description, pingTimeoutMs: Math.min(timeoutMs, MAX_PING_TIMEOUT_MS) });
    } catch (error) {
      await client.close().catch(() => undefined);
      const reason = scrubUrlSecrets(error instanceof Error ? error.message : String(error), url);
      const message = `Cannot connect to MongoDB at ${description} (database ${database}) within ${timeoutMs} ms: ${reason}`;
      if (isUnreachableError(error) || (error instanceof Error && error.name === 'TimeoutError'))
        throw new MongoUnavailableError(message, { cause: error });
      throw new Error(message, { cause: error });
    }
  }

  /**
   * A store on a database of a client the caller manages (and closes: `close()` leaves the client open). Nothing
   * is checked or created until the first call.
   */
  static attach(db: Db, options: { pingTimeoutMs?: number } = {}): MongoReadModelStore {
    return new MongoReadModelStore(db, {
      description: `database ${db.databaseName}`,
      pingTimeoutMs: options.pingTimeoutMs ?? MAX_PING_TIMEOUT_MS,
    });
  }

  private constructor(
    db: Db,
    private readonly connection: Connection,
  ) {
    this.db = db;
    this.catalog = new MongoCollectionCatalog(db);
    this.leases = new MongoLeases(() => this.db.collection<LeaseDocument>(LEASES_COLLECTION));
  }

  /** Whether the server answers now, and how fast; never throws. */
  async ping(): Promise<MongoPing> {
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 100) / 100;
    if (this.closed) return { status: 'down', latencyMs: 0, error: 'MongoReadModelStore is closed' };
    try {
      await this.db.command({ ping: 1 }, { signal: AbortSignal.timeout(this.connection.pingTimeoutMs) });
      return { status: 'up', latencyMs: elapsed() };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { status: 'down', latencyMs: elapsed(), error: this.scrub(message) };
    }
  }

  collection<T extends ReadModelDocument>(spec: CollectionSpec): Promise<Collection<T>> {
    return this.run(async () => {
      const { name, indexes } = normaliseSpec(spec);
      await this.catalog.declare(name, indexes);
      return new MongoCollectionHandle<T>(name, { catalog: this.catalog, run: (call) => this.run(call) });
    });
  }

  apply(batch: WriteBatch): Promise<void> {
    return this.run(async () => {
      const ops = validateBatch(batch);
      const entries = await this.catalog.forWriting([...new Set(ops.map((op) => op.collection))]);
      // Encode every op before writing any: a malformed document refuses the whole batch.
      const models = new Map<string, AnyBulkWriteOperation<StoredDocument>[]>();
      for (const op of ops) {
        const entry = entries.get(op.collection)!;
        let list = models.get(op.collection);
        if (!list) models.set(op.collection, (list = []));
        list.push(writeModelOf(op, [...entry.indexes, ...entry.pending]));
      }
      const results = await Promise.allSettled([...models].map(([name, list]) => guardedBulkWrite(this.catalog.physical(name), list)));
      const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      if (failure) throw failure.reason;
      if (batch.checkpoint) {
        const { projection, position } = batch.checkpoint;
        await this.checkpoints().updateOne({ _id: projection }, checkpointUpdate(position), { upsert: true });
      }
    });
  }

  checkpoint(projection: string): Promise<number> {
    return this.run(async () => {
      validateProjection(projection);
      const stored = await this.checkpoints().findOne({ _id: projection });
      return stored?.position ?? 0;
    });
  }

  resetCheckpoint(projection: string): Promise<void> {
    return this.run(async () => {
      validateProjection(projection);
      await this.checkpoints().deleteOne({ _id: projection });
    });
  }

  dropCollection(name: string): Promise<void> {
    return this.run(async () => {
      validateCollectionName(name);
      await this.catalog.drop(name);
    });
  }

  renameCollection(from: string, to: string): Promise<void> {
    return this.run(async () => {
      validateCollectionName(from);
      validateCollectionName(to);
      await this.catalog.rename(from, to);
    });
  }

  acquireLease(request: LeaseRequest): Promise<LeaseState> {
    return this.run(() => this.leases.acquire(request));
  }

  releaseLease(name: string, owner: string): Promise<void> {
    return this.run(() => this.leases.release(name, owner));
  }

  /** Idempotent. Closes the client when connect() opened it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.catalog.forget();
    await this.connection.client?.close();
  }

  private checkpoints(): MongoCollection<CheckpointDocument> {
    return this.db.collection<CheckpointDocument>(CHECKPOINTS_COLLECTION);
  }

  /** Every call: refused once closed; driver errors translated (unreachable server, secrets scrubbed). */
  private async run<R>(call: () => Promise<R>): Promise<R> {
    if (this.closed) throw new Error('MongoReadModelStore is closed');
    try {
      return await call();
    } catch (error) {
      throw translateError(error, this.connection.url, this.connection.description);
    }
  }

  private scrub(message: string): string {
    return this.connection.url === undefined ? message : scrubUrlSecrets(message, this.connection.url);
  }
}

/** An unordered bulk write of version-guarded upserts: E11000 on some ops is their guard at work, not a failure. */
async function guardedBulkWrite(
  collection: MongoCollection<StoredDocument>,
  models: AnyBulkWriteOperation<StoredDocument>[],
): Promise<void> {
  try {
    await collection.bulkWrite(models, { ordered: false });
  } catch (error) {
    if (!failedOnlyOnDuplicateKeys(error)) throw error;
  }
}
