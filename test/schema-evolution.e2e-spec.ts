/**
 * Schema evolution: the stored fixture test/fixtures/schema-v1/okr.db holds KeyResultCheckedIn events in their
 * first shape (schema version 1, no effectiveAt). Every reader sees them upcast to version 2 (effectiveAt =
 * recordedAt, or the one a pre-bump v1 event already carried): the command side folding the stream, a
 * projection rebuild, and the query answering from the rebuilt read models. Tests work on a copy of the file.
 */
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SqliteEventStore, StoredEvent } from '@okr/event-store';
import { Collections, KeyResultDocument, OKR_COLLECTIONS, okrProjection, rebuildProjection } from '@okr/projections';
import { SqliteReadModelStore } from '@okr/read-model';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApiApp } from '../apps/api/src/create-api-app';
import { SqliteIdempotencyStore, ManualClock } from '@okr/platform';
import { FIXTURE_ADMIN_TOKEN, V1_CHECK_INS } from './fixtures/schema-v1/make-fixture';

const FIXTURE = join(__dirname, 'fixtures/schema-v1/okr.db');
/** Fixed by the deterministic generator (make-fixture.ts). */
const KEY_RESULT_ID = '00000000-0000-4000-8000-000000000015';
const OBJECTIVE_ID = '00000000-0000-4000-8000-000000000012';
const KR_STREAM = `keyresult-${KEY_RESULT_ID}`;

/** A fresh copy of the fixture in a temp directory (the committed file is never opened for writing). */
function copyOfFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'okr-schema-v1-'));
  copyFileSync(FIXTURE, join(dir, 'okr.db'));
  return dir;
}

interface ApiOnDir {
  app: NestFastifyApplication;
  store: SqliteEventStore;
  get(url: string): Promise<request.Response>;
  post(url: string, body: object): Promise<request.Response>;
  close(): Promise<void>;
}

/** The API on the embedded stores of `dataDir` (as `npm start` with OKR_DATA_DIR), with a manual clock. */
async function startApiOn(dataDir: string, now: string): Promise<ApiOnDir> {
  const store = SqliteEventStore.open({ filePath: join(dataDir, 'okr.db') });
  const readModels = SqliteReadModelStore.open({ filePath: join(dataDir, 'read-models.db') });
  const { app } = await createApiApp({
    eventStore: store,
    idempotencyStore: new SqliteIdempotencyStore(store.database),
    readModelStore: readModels,
    clock: new ManualClock(now),
    adminToken: FIXTURE_ADMIN_TOKEN,
    logLevels: false,
  });
  const auth = `Bearer ${FIXTURE_ADMIN_TOKEN}`;
  return {
    app,
    store,
    get: async (url) =>
      request(app.getHttpServer())
        .get(url)
        .set('Authorization', auth)
        .set('X-Min-Position', String(await store.headPosition())),
    post: (url, body) => request(app.getHttpServer()).post(url).set('Authorization', auth).send(body),
    async close() {
      await app.close();
      await readModels.close();
      await store.close();
    },
  };
}

describe('the schema-v1 fixture', () => {
  it('holds v1 check-ins: three without effectiveAt, one (pre-bump) with a backdated one', async () => {
    const dir = copyOfFixture();
    const store = SqliteEventStore.open({ filePath: join(dir, 'okr.db') });
    try {
      const checkIns = (await store.readStream(KR_STREAM)).filter((e) => e.type === 'KeyResultCheckedIn');
      expect(checkIns.map((e) => e.metadata.schemaVersion)).toEqual([1, 1, 1, 1]);
      expect(checkIns.map((e) => (e.data as { effectiveAt?: string }).effectiveAt)).toEqual([
        undefined,
        undefined,
        undefined,
        '2026-02-02T00:00:00.000Z',
      ]);
      expect(checkIns.map((e) => e.metadata.recordedAt)).toEqual(V1_CHECK_INS.map((c) => c.recordedAt));
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reading v1 check-ins through the command side (stream read, decider fold)', () => {
  let dir: string;
  let api: ApiOnDir;

  beforeEach(async () => {
    dir = copyOfFixture();
    api = await startApiOn(dir, '2026-02-15T12:00:00.000Z');
  });
  afterEach(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('folds the v1 check-ins by the time they were recorded: a new backdated check-in does not supersede them', async () => {
    // Effective 2026-01-20: before the v1 check-ins recorded on 2026-01-26 and 2026-02-09, so the current value
    // stays 35 (recorded 2026-02-09, the latest effective time once upcast; the pre-bump one is effective 2026-02-02).
    const checkIn = await api.post(`/api/key-results/${KEY_RESULT_ID}/check-ins`, {
      value: 5,
      confidence: 0.4,
      effectiveAt: '2026-01-20T00:00:00.000Z',
    });
    expect(checkIn.status).toBe(201);
    expect(checkIn.body.version).toBe(6);

    // Closing scores the objective from the key result folded from its stream (not from the read models).
    const close = await api.post(`/api/objectives/${OBJECTIVE_ID}/close`, {});
    expect(close.status).toBe(200);
    expect(close.body.score).toBeCloseTo(0.35, 10);
    const closed = (await api.store.readStream(`objective-${OBJECTIVE_ID}`)).at(-1)!;
    expect(closed.type).toBe('ObjectiveClosed');
    expect(closed.data).toMatchObject({
      scoreSource: 'computed',
      keyResultScores: [{ keyResultId: KEY_RESULT_ID, weight: 1, score: 0.35 }],
    });
  });

  it('exports v1 check-ins upcast: effectiveAt = recordedAt, schemaVersion 2, storedSchemaVersion 1', async () => {
    const res = await request(api.app.getHttpServer())
      .get('/api/cycles/00000000-0000-4000-8000-000000000006/events')
      .set('Authorization', `Bearer ${FIXTURE_ADMIN_TOKEN}`)
      .set('X-Min-Position', String(await api.store.headPosition()))
      .buffer(true)
      .parse((response, callback) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => callback(null, text));
      });
    expect(res.status).toBe(200);
    const checkIns = (res.body as string)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((e) => e.type === 'KeyResultCheckedIn');
    expect(checkIns.map((e) => [e.schemaVersion, e.storedSchemaVersion, e.recordedAt, e.data.effectiveAt])).toEqual(
      V1_CHECK_INS.map((c) => [2, 1, c.recordedAt, c.effectiveAt ?? c.recordedAt]),
    );
  });

  it('writes a new check-in as version 2 with effectiveAt, after the v1 ones', async () => {
    const checkIn = await api.post(`/api/key-results/${KEY_RESULT_ID}/check-ins`, { value: 50, confidence: 0.8 });
    expect(checkIn.status).toBe(201);
    const last = (await api.store.readStream(KR_STREAM)).at(-1) as StoredEvent<{ value: number; effectiveAt: string }>;
    expect(last).toMatchObject({ revision: 5, type: 'KeyResultCheckedIn', data: { value: 50, effectiveAt: '2026-02-15T12:00:00.000Z' } });
    expect(last.metadata.schemaVersion).toBe(2);

    const keyResult = await api.get(`/api/key-results/${KEY_RESULT_ID}`);
    expect(keyResult.status).toBe(200);
    expect(keyResult.body).toMatchObject({ current: 50, progress: 0.5, checkInCount: 5 });
  });
});

describe('reading v1 check-ins through a projection rebuild and the queries', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('rebuilds the key result from v1 check-ins (effectiveAt = recordedAt), and serves their series from the stream', async () => {
    dir = copyOfFixture();
    const store = SqliteEventStore.open({ filePath: join(dir, 'okr.db') });
    const readModels = SqliteReadModelStore.open({ filePath: join(dir, 'read-models.db') });
    try {
      const result = await rebuildProjection(store, readModels, okrProjection);
      expect(result.position).toBe(await store.headPosition());
      const spec = (name: string) => OKR_COLLECTIONS.find((c) => c.name === name)!;
      const keyResult = await (await readModels.collection<KeyResultDocument>(spec(Collections.keyResults))).get(KEY_RESULT_ID);
      expect(keyResult).toMatchObject({ current: 35, progress: 0.35, checkInCount: 4, currentEffectiveAt: '2026-02-09T08:00:00.000Z' });
      // Added as KeyResultAdded v1 (before cadences): the tenant's cadence.
      expect(keyResult?.checkInCadence).toBeNull();
    } finally {
      await readModels.close();
      await store.close();
    }

    // The API on the rebuilt read models: the series (read from the key result's stream, upcast) by effective
    // time, the pre-bump backdated one in its place.
    const api = await startApiOn(dir, '2026-02-15T12:00:00.000Z');
    try {
      const series = await api.get(`/api/key-results/${KEY_RESULT_ID}/check-ins`);
      expect(series.status).toBe(200);
      const byEffectiveTime = V1_CHECK_INS.map((c) => ({
        id: c.checkInId,
        value: c.value,
        effectiveAt: c.effectiveAt ?? c.recordedAt,
        recordedAt: c.recordedAt,
      })).sort((a, b) => Date.parse(a.effectiveAt) - Date.parse(b.effectiveAt));
      expect(
        series.body.items.map((c: { id: string; value: number; effectiveAt: string; recordedAt: string }) => ({
          id: c.id,
          value: c.value,
          effectiveAt: c.effectiveAt,
          recordedAt: c.recordedAt,
        })),
      ).toEqual(byEffectiveTime);
      expect(
        series.body.items.map((c: { value: number; effectiveAt: string; recordedAt: string; note: string | null }) => [
          c.value,
          c.effectiveAt,
          c.recordedAt,
          c.note,
        ]),
      ).toEqual([
        [10, '2026-01-12T09:30:00.000Z', '2026-01-12T09:30:00.000Z', 'first week of signups'],
        [25, '2026-01-26T16:45:00.000Z', '2026-01-26T16:45:00.000Z', 'referral programme, "beta"'],
        [30, '2026-02-02T00:00:00.000Z', '2026-02-11T10:00:00.000Z', 'late report for the first week of February'],
        [35, '2026-02-09T08:00:00.000Z', '2026-02-09T08:00:00.000Z', null],
      ]);
      const objective = await api.get(`/api/objectives/${OBJECTIVE_ID}`);
      expect(objective.body).toMatchObject({ progress: 0.35, keyResults: [{ id: KEY_RESULT_ID, current: 35 }] });
    } finally {
      await api.close();
    }
  });
});
