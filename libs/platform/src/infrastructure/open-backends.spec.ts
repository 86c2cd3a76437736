import { SqliteEventStore } from '@okr/event-store';
import { SqliteReadModelStore } from '@okr/read-model';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteIdempotencyStore } from '../idempotency/sqlite-idempotency.store';
import { BackendUnavailableError, openBackends } from './open-backends';

/** Nothing listens on port 1 of the loopback: connections are refused at once. */
const CLOSED = '127.0.0.1:1';

async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: Error) => error,
  );
}

describe('openBackends', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'okr-backends-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('opens the embedded stores, with the idempotency records in okr.db beside the events', async () => {
    const backends = await openBackends({ dataDir, eventStore: { kind: 'sqlite' }, readStore: { kind: 'sqlite' } }, { idempotency: true });
    try {
      expect(backends.eventStore).toBeInstanceOf(SqliteEventStore);
      expect(backends.readModelStore).toBeInstanceOf(SqliteReadModelStore);
      expect(backends.idempotencyStore).toBeInstanceOf(SqliteIdempotencyStore);
      expect(backends.describe).toEqual({
        eventStore: `sqlite ${join(dataDir, 'okr.db')}`,
        readModels: `sqlite ${join(dataDir, 'read-models.db')}`,
        idempotency: `sqlite ${join(dataDir, 'okr.db')}`,
      });
      await backends.idempotencyStore!.save({
        scope: 's',
        key: 'k',
        requestHash: 'h',
        status: 201,
        body: { ok: true },
        createdAt: '2026-01-01T00:00:00.000Z',
      });
      const tables = (backends.eventStore as SqliteEventStore).database
        .prepare("SELECT name FROM sqlite_master WHERE name = 'idempotency_records'")
        .all();
      expect(tables).toHaveLength(1);
      expect(await backends.eventStore.headPosition()).toBe(0);
      expect(await backends.readModelStore.checkpoint('okr')).toBe(0);
    } finally {
      await backends.close();
      await backends.close(); // idempotent
    }
    expect(existsSync(join(dataDir, 'idempotency.db'))).toBe(false);
  });

  it('opens no idempotency store unless asked (the projector and the rebuild need none)', async () => {
    const backends = await openBackends({ dataDir, eventStore: { kind: 'sqlite' }, readStore: { kind: 'sqlite' } });
    expect(backends.idempotencyStore).toBeUndefined();
    expect(backends.describe.idempotency).toBeUndefined();
    await backends.close();
  });

  it('fails with a clear error naming OKR_DATA_DIR when the embedded store cannot be opened', async () => {
    const file = join(dataDir, 'a-file');
    writeFileSync(file, 'not a directory');
    const error = await rejection(
      openBackends({ dataDir: join(file, 'data'), eventStore: { kind: 'sqlite' }, readStore: { kind: 'sqlite' } }),
    );
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as BackendUnavailableError).variable).toBe('OKR_DATA_DIR');
    expect(error.message).toMatch(/^Cannot open the embedded event store .*okr\.db \(check OKR_DATA_DIR\): /);
  });

  it('fails fast when EventStoreDB cannot be reached, naming EVENTSTORE_URL without its credentials', async () => {
    const url = `esdb://admin:Es-S3cret@${CLOSED}?tls=false`;
    const started = Date.now();
    const error = await rejection(
      openBackends(
        { dataDir, eventStore: { kind: 'eventstoredb', url }, readStore: { kind: 'sqlite' } },
        { idempotency: true, connectTimeoutMs: 2000 },
      ),
    );
    expect(Date.now() - started).toBeLessThan(8000);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as BackendUnavailableError).variable).toBe('EVENTSTORE_URL');
    expect(error.message).toMatch(/^Cannot connect to EventStoreDB at esdb:\/\/\*\*\*@127\.0\.0\.1:1\?…/);
    expect(error.message).toContain('(check EVENTSTORE_URL and that the server is up)');
    expect(error.message).not.toContain('Es-S3cret');
    // Nothing was opened before it (the event store comes first), so nothing is left in the data directory.
    expect(existsSync(join(dataDir, 'read-models.db'))).toBe(false);
  }, 15_000);

  it('fails fast when MongoDB cannot be reached, naming MONGODB_URL without its credentials, and closes the event store it opened', async () => {
    const close = jest.spyOn(SqliteEventStore.prototype, 'close');
    try {
      const url = `mongodb://okr:Mo-S3cret@${CLOSED}/okr?authSource=admin`;
      const started = Date.now();
      const error = await rejection(
        openBackends(
          { dataDir, eventStore: { kind: 'sqlite' }, readStore: { kind: 'mongodb', url } },
          { idempotency: true, connectTimeoutMs: 1000 },
        ),
      );
      expect(Date.now() - started).toBeLessThan(8000);
      expect(error).toBeInstanceOf(BackendUnavailableError);
      expect((error as BackendUnavailableError).variable).toBe('MONGODB_URL');
      expect(error.message).toMatch(/^Cannot connect to MongoDB at mongodb:\/\/\*\*\*@127\.0\.0\.1:1\/okr/);
      expect(error.message).toContain('(check MONGODB_URL and that the server is up)');
      expect(error.message).not.toContain('Mo-S3cret');
      expect(error.message).not.toContain('authSource');
      expect(close).toHaveBeenCalledTimes(1);
    } finally {
      close.mockRestore();
    }
  }, 15_000);
});
