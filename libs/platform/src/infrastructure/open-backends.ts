import { EventStore, EventStoreDbEventStore, SqliteEventStore } from '@okr/event-store';
import { MongoReadModelStore, ReadModelStore, SqliteReadModelStore } from '@okr/read-model';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { MONGODB_URL_RULES, parseServerUrl, redactServerUrl, scrubServerUrl } from '../config/server-url';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { MongoIdempotencyStore } from '../idempotency/mongodb-idempotency.store';
import { SqliteIdempotencyStore } from '../idempotency/sqlite-idempotency.store';
import { embeddedPaths } from './embedded-stores';

/** The MongoDB database used when MONGODB_URL names none. */
export const DEFAULT_MONGODB_DATABASE = 'okr';
/** The SQLite file of the idempotency records when the events are in EventStoreDB and the read models in SQLite. */
export const IDEMPOTENCY_FILE = 'idempotency.db';
/** How long start-up waits for a server before giving up. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** A configured backend could not be opened (server unreachable, file not writable…). The message names the variable to check and never holds credentials. */
export class BackendUnavailableError extends Error {
  constructor(
    /** The environment variable(s) that chose the backend. */
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'BackendUnavailableError';
  }
}

export interface Backends {
  eventStore: EventStore;
  readModelStore: ReadModelStore;
  /** Present when asked for (`idempotency: true`): the API needs it, the projector does not. */
  idempotencyStore?: IdempotencyStore;
  /** Where each backend is, for logs: file paths or redacted connection strings. */
  describe: { eventStore: string; readModels: string; idempotency?: string };
  /** Closes everything opened, in reverse order. Idempotent. */
  close(): Promise<void>;
}

export interface OpenBackendsOptions {
  /** Open the idempotency store too. Default false. */
  idempotency?: boolean;
  connectTimeoutMs?: number;
  /** Page cache of the embedded read-model store's connection (KiB). Default: the store's (64 MiB). */
  readModelCacheKib?: number;
}

type BackendConfig = Pick<AppConfig, 'dataDir' | 'eventStore' | 'readStore'>;

/**
 * Opens the configured backends: the event store (EVENT_STORE), the read-model store (READ_STORE) and, when
 * asked, the idempotency store. Fails fast with a BackendUnavailableError when one cannot be opened, after
 * closing what was already open.
 *
 * Where idempotency records live: beside the events in okr.db when the event store is the embedded SQLite
 * file (as before); in MongoDB (collection idempotency_records) when the events are in EventStoreDB and the
 * read models in MongoDB, so every API replica shares them; and in a SQLite file of its own
 * (OKR_DATA_DIR/idempotency.db) for EventStoreDB with SQLite read models — a single-machine setup, since
 * the read models are a local file there too.
 */
export async function openBackends(config: BackendConfig, options: OpenBackendsOptions = {}): Promise<Backends> {
  const timeout = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const closers: (() => Promise<void> | void)[] = [];
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    for (const closer of closers.reverse()) {
      try {
        await closer();
      } catch {
        // Closing is best effort: the process is going away.
      }
    }
  };
  const paths = embeddedPaths(config.dataDir);

  try {
    let eventStore: EventStore;
    let eventStoreDescription: string;
    if (config.eventStore.kind === 'sqlite') {
      const sqlite = openFile('OKR_DATA_DIR', `the embedded event store ${paths.events}`, () =>
        SqliteEventStore.open({ filePath: paths.events }),
      );
      eventStore = sqlite;
      eventStoreDescription = `sqlite ${paths.events}`;
    } else {
      const url = config.eventStore.url;
      eventStore = await connectServer('EVENTSTORE_URL', 'EventStoreDB', url, () =>
        EventStoreDbEventStore.connect({ connectionString: url, connectTimeoutMs: timeout }),
      );
      eventStoreDescription = `eventstoredb ${redactServerUrl(url)}`;
    }
    closers.push(() => eventStore.close());

    let readModelStore: ReadModelStore;
    let readModelsDescription: string;
    let mongo: MongoReadModelStore | undefined;
    if (config.readStore.kind === 'sqlite') {
      readModelStore = openFile('OKR_DATA_DIR', `the embedded read-model store ${paths.readModels}`, () =>
        SqliteReadModelStore.open({
          filePath: paths.readModels,
          ...(options.readModelCacheKib !== undefined ? { cacheSizeKib: options.readModelCacheKib } : {}),
        }),
      );
      readModelsDescription = `sqlite ${paths.readModels}`;
    } else {
      const url = config.readStore.url;
      const database = parseServerUrl(url, MONGODB_URL_RULES).path ?? DEFAULT_MONGODB_DATABASE;
      mongo = await connectServer('MONGODB_URL', 'MongoDB', url, () =>
        MongoReadModelStore.connect({ url, database, connectTimeoutMs: timeout }),
      );
      readModelStore = mongo;
      readModelsDescription = `mongodb ${redactServerUrl(url)} (database ${database})`;
    }
    closers.push(() => readModelStore.close());

    let idempotencyStore: IdempotencyStore | undefined;
    let idempotencyDescription: string | undefined;
    if (options.idempotency) {
      if (eventStore instanceof SqliteEventStore) {
        idempotencyStore = new SqliteIdempotencyStore(eventStore.database);
        idempotencyDescription = `sqlite ${paths.events}`;
      } else if (mongo) {
        idempotencyStore = new MongoIdempotencyStore(mongo.db);
        idempotencyDescription = `mongodb collection ${MongoIdempotencyStore.COLLECTION}`;
      } else {
        const file = join(config.dataDir, IDEMPOTENCY_FILE);
        const db = openFile('OKR_DATA_DIR', `the idempotency records ${file}`, () => openIdempotencyFile(file));
        closers.push(() => void db.close());
        idempotencyStore = new SqliteIdempotencyStore(db);
        idempotencyDescription = `sqlite ${file}`;
      }
    }

    return {
      eventStore,
      readModelStore,
      ...(idempotencyStore ? { idempotencyStore } : {}),
      describe: {
        eventStore: eventStoreDescription,
        readModels: readModelsDescription,
        ...(idempotencyDescription ? { idempotency: idempotencyDescription } : {}),
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function openFile<T>(variable: string, what: string, open: () => T): T {
  try {
    return open();
  } catch (error) {
    throw new BackendUnavailableError(
      variable,
      `Cannot open ${what} (check ${variable}): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

async function connectServer<T>(variable: string, server: string, url: string, connect: () => Promise<T>): Promise<T> {
  try {
    return await connect();
  } catch (error) {
    const reason = scrubServerUrl(error instanceof Error ? error.message : String(error), url);
    const hint = `check ${variable} and that the server is up`;
    // The adapters' own messages usually name the server already (redacted): then only the hint is added.
    const message = reason.startsWith(`Cannot connect to ${server}`)
      ? `${reason} (${hint})`
      : `Cannot connect to ${server} at ${redactServerUrl(url)} (${hint}): ${reason}`;
    throw new BackendUnavailableError(variable, message);
  }
}

/** A SQLite file for idempotency records alone: WAL (several API processes on the machine can share it), synchronous=FULL like okr.db. */
function openIdempotencyFile(file: string): Database.Database {
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
