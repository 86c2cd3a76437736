import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EventStore, SqliteEventStore } from '@okr/event-store';
import { InMemoryReadModelStore, ReadModelStore, SqliteReadModelStore } from '@okr/read-model';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { SqliteIdempotencyStore, ManualClock, embeddedPaths } from '@okr/platform';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestApi {
  app: NestFastifyApplication;
  store: SqliteEventStore;
  readModels: ReadModelStore;
  clock: ManualClock;
  dataDir: string;
  /** supertest bound to the app, with the admin's bearer token unless another is given. */
  as(token?: string): ReturnType<typeof authed>;
  eventCount(): Promise<number>;
  close(): Promise<void>;
}

function authed(app: NestFastifyApplication, token: string, head: () => number) {
  const server = app.getHttpServer();
  const withAuth = (test: request.Test) => test.set('Authorization', `Bearer ${token}`);
  return {
    /** GET that reads its own writes: X-Min-Position is the store's head when the request is built. */
    get: (url: string) => withAuth(request(server).get(url)).set('X-Min-Position', String(head())),
    post: (url: string) => withAuth(request(server).post(url)),
    patch: (url: string) => withAuth(request(server).patch(url)),
    put: (url: string) => withAuth(request(server).put(url)),
    delete: (url: string) => withAuth(request(server).delete(url)),
  };
}

/** The store's head position, read synchronously (better-sqlite3) so that request builders can use it. */
function headNow(store: SqliteEventStore): number {
  const row = store.database.prepare('SELECT COALESCE(MAX(position), 0) AS head FROM events').get() as { head: number };
  return row.head;
}

/**
 * The API on an embedded SQLite store in a fresh temp directory, with a manual clock. With SQLite read models (the
 * default) it runs as `npm start` does: group commits on the event store's writer thread, the projection in its
 * worker thread; with in-memory read models, both on this thread.
 */
export async function startTestApi(options: { now?: string; readModels?: 'sqlite' | 'memory' } = {}): Promise<TestApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'okr-e2e-'));
  const paths = embeddedPaths(dataDir);
  const store = SqliteEventStore.open({ filePath: paths.events });
  const sqlite = options.readModels !== 'memory';
  const readModels: ReadModelStore = sqlite ? SqliteReadModelStore.open({ filePath: paths.readModels }) : new InMemoryReadModelStore();
  if (sqlite) await store.startWriterThread();
  const clock = new ManualClock(options.now ?? '2026-02-15T12:00:00.000Z');
  const { app } = await createApiApp({
    eventStore: store,
    idempotencyStore: new SqliteIdempotencyStore(store.database),
    readModelStore: readModels,
    clock,
    ...(sqlite ? { projectionWorker: { eventStoreFile: paths.events, readModelsFile: paths.readModels } } : {}),
    adminToken: ADMIN_TOKEN,
    logLevels: false,
  });
  return {
    app,
    store,
    readModels,
    clock,
    dataDir,
    as: (token = ADMIN_TOKEN) => authed(app, token, () => headNow(store)),
    eventCount: () => store.headPosition(),
    async close() {
      await app.close();
      await readModels.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Builds a small OKR set: a cycle (Q1 2026), a team, an objective and one increase key result 0 → 100. */
export async function seedBasics(api: TestApi) {
  const admin = api.as();
  const cycle = await admin.post('/api/cycles').send({ name: '2026 Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' }).expect(201);
  const team = await admin.post('/api/teams').send({ name: 'Growth' }).expect(201);
  const objective = await admin
    .post('/api/objectives')
    .send({ cycleId: cycle.body.id, title: 'Grow revenue', kind: 'committed', teamId: team.body.id })
    .expect(201);
  const keyResult = await admin
    .post(`/api/objectives/${objective.body.id}/key-results`)
    .send({ title: 'Signups', metric: { type: 'increase', start: 0, target: 100, unit: 'users' } })
    .expect(201);
  return {
    cycleId: cycle.body.id as string,
    teamId: team.body.id as string,
    objectiveId: objective.body.id as string,
    keyResultId: keyResult.body.id as string,
  };
}

export type { EventStore };
