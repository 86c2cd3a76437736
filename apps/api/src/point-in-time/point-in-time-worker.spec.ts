import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SqliteEventStore } from '@okr/event-store';
import { SqliteSnapshotStore, okrProjection } from '@okr/projections';
import { SqliteReadModelStore } from '@okr/read-model';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApiApp } from '../create-api-app';
import { SqliteIdempotencyStore, ManualClock, answerJson } from '@okr/platform';
import { WorkerUnavailableError } from '@okr/workers';
import { toProblemDetails } from '../http/problem-details.filter';
import { PointInTimeWorkerClient, PointInTimeEngine, CycleDiffBody } from '@okr/reads';

jest.setTimeout(120_000);

const TOKEN = 'worker-spec-admin-token-0123456789';
const DAY = 24 * 3600_000;

/**
 * The asOf answers computed in the worker thread (its own heap, its own connection to okr.db, persisted
 * snapshots) equal what the live endpoints answered at those moments, field for field; its errors map to the
 * same problem+json as in process, and a worker that dies answers 503, never crashes the API.
 */
describe('point-in-time worker', () => {
  let dir: string;
  let store: SqliteEventStore;
  let readModels: SqliteReadModelStore;
  let app: NestFastifyApplication;
  const clock = new ManualClock('2025-12-20T09:00:00.000Z');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pit-worker-'));
    store = SqliteEventStore.open({ filePath: join(dir, 'okr.db') });
    readModels = SqliteReadModelStore.open({ filePath: join(dir, 'read-models.db') });
    ({ app } = await createApiApp({
      eventStore: store,
      idempotencyStore: new SqliteIdempotencyStore(store.database),
      readModelStore: readModels,
      clock,
      adminToken: TOKEN,
      logLevels: false,
      pointInTime: {
        snapshotFile: join(dir, 'point-in-time.db'),
        snapshotEvery: 7,
        worker: { eventStoreFile: join(dir, 'okr.db'), heapMb: 256, buildAhead: false },
      },
    }));
  });

  afterAll(async () => {
    await app.close();
    await readModels.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const head = () => (store.database.prepare('SELECT COALESCE(MAX(position), 0) AS head FROM events').get() as { head: number }).head;
  const get = (url: string) =>
    request(app.getHttpServer()).get(url).set('Authorization', `Bearer ${TOKEN}`).set('X-Min-Position', String(head()));
  const post = (url: string, body: object) => request(app.getHttpServer()).post(url).set('Authorization', `Bearer ${TOKEN}`).send(body);
  const put = (url: string, body: object) => request(app.getHttpServer()).put(url).set('Authorization', `Bearer ${TOKEN}`).send(body);
  const patch = (url: string, body: object) => request(app.getHttpServer()).patch(url).set('Authorization', `Bearer ${TOKEN}`).send(body);

  it('answers asOf exactly as the live endpoints answered then, and maps its errors like the API process', async () => {
    const cycle = (await post('/api/cycles', { name: '2026 Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' }).expect(201)).body.id;
    const team = (await post('/api/teams', { name: 'Company' }).expect(201)).body.id;
    const objectives: string[] = [];
    const keyResults: string[] = [];
    for (let i = 0; i < 4; i++) {
      clock.advance(60_000);
      const id = (await post('/api/objectives', { cycleId: cycle, teamId: team, title: `Objective ${i}`, kind: 'committed' }).expect(201))
        .body.id;
      objectives.push(id);
      if (i > 0) await put(`/api/objectives/${id}/parent`, { parentObjectiveId: objectives[0], weight: i }).expect(200);
      keyResults.push(
        (
          await post(`/api/objectives/${id}/key-results`, {
            title: `KR ${i}`,
            metric: { type: 'increase', start: 0, target: 100, unit: '%' },
          }).expect(201)
        ).body.id,
      );
    }
    await post('/api/initiatives', { title: 'Launch', keyResultIds: [keyResults[1]] }).expect(201);
    clock.set('2026-01-05T09:00:00.000Z');
    const captured: { at: string; alignment: unknown; objective: unknown }[] = [];
    for (let moment = 0; moment < 4; moment++) {
      for (let n = 0; n < 5; n++) {
        clock.advance(3600_000);
        await post(`/api/key-results/${keyResults[(moment + n) % 4]}/check-ins`, { value: 10 * moment + n, confidence: 0.5 }).expect(201);
      }
      if (moment === 2) await patch(`/api/key-results/${keyResults[0]}`, { target: 80, reason: 'scope cut' }).expect(200);
      clock.advance(1000);
      const at = clock.now().toISOString();
      captured.push({
        at,
        alignment: (await get(`/api/cycles/${cycle}/alignment`).expect(200)).body,
        objective: (await get(`/api/objectives/${objectives[0]}`).expect(200)).body,
      });
      clock.advance(7 * DAY);
    }
    expect(new Set(captured.map((c) => JSON.stringify(c.alignment))).size).toBe(captured.length);
    for (const moment of [...captured].reverse()) {
      const asOf = encodeURIComponent(moment.at);
      expect((await get(`/api/cycles/${cycle}/alignment?asOf=${asOf}`).expect(200)).body).toEqual(moment.alignment);
      expect((await get(`/api/objectives/${objectives[0]}?asOf=${asOf}`).expect(200)).body).toEqual(moment.objective);
      const gzipped = await get(`/api/cycles/${cycle}/alignment?asOf=${asOf}`).set('Accept-Encoding', 'gzip').expect(200);
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(gzipped.body).toEqual(moment.alignment);
    }
    // The cycle diff is computed in the worker too: the same body (its numbers as the API answers them) as the engine
    // replaying in this thread, plus who changed the target and why (from the key result's stream).
    const [first, last] = [captured[0].at, captured[captured.length - 1].at];
    const diff = (await get(`/api/cycles/${cycle}/diff?from=${encodeURIComponent(first)}&to=${encodeURIComponent(last)}`).expect(200)).body;
    const tenantId = (
      store.database.prepare(`SELECT tenant_id FROM events WHERE stream_id = ?`).get(`cycle-${cycle}`) as { tenant_id: string }
    ).tenant_id;
    const inThread = await new PointInTimeEngine(store, { keepSnapshots: 2 }).cycleDiff(
      tenantId,
      cycle,
      Date.parse(first),
      Date.parse(last),
    );
    const withoutWhy = (body: CycleDiffBody) => ({
      ...body,
      keyResults: { ...body.keyResults, targetChanged: body.keyResults.targetChanged.map(({ changes: _changes, ...entry }) => entry) },
    });
    expect(withoutWhy(diff)).toEqual({ cycleId: cycle, from: first, to: last, ...JSON.parse(answerJson(withoutWhy(inThread))) });
    expect(diff.keyResults.targetChanged).toEqual([
      expect.objectContaining({
        id: keyResults[0],
        from: 100,
        to: 80,
        changes: [expect.objectContaining({ from: 100, to: 80, reason: 'scope cut' })],
      }),
    ]);
    expect(diff.progress.length).toBeGreaterThan(0);
    await get(`/api/cycles/${cycle}/diff?from=${encodeURIComponent(first)}&to=2025-12-01T00:00:00Z`).expect(400);
    await get(`/api/cycles/${cycle}/diff?from=2025-11-01T00:00:00Z&to=2025-12-01T00:00:00Z`).expect(404);
    // The worker left its snapshots in the file (every 7th position it passed), for later questions and restarts.
    const persisted = new SqliteSnapshotStore(join(dir, 'point-in-time.db'));
    expect((await persisted.list(okrProjection.name, okrProjection.version)).map((s) => s.position)).toEqual(
      Array.from({ length: Math.floor(head() / 7) }, (_, i) => 7 * (i + 1)).filter((p) => p <= head()),
    );
    persisted.close();
    // Not there yet at that instant: the same 404 problem as in process.
    const missing = await get(`/api/objectives/${objectives[3]}?asOf=2025-12-20T09:01:30.000Z`).expect(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    await get(`/api/cycles/${cycle}/alignment?asOf=2025-12-01T00:00:00Z`).expect(404);
  });

  it('answers 503 when the worker cannot run or runs out of its heap, question after question, without crashing the API', async () => {
    const notADirectory = join(dir, 'plain-file');
    writeFileSync(notADirectory, 'x');
    const broken = new PointInTimeWorkerClient({ eventStoreFile: join(notADirectory, 'okr.db'), buildAhead: false }, 128);
    const unavailable = await broken.objective('t', 'o', Date.now()).catch((error: unknown) => error);
    expect(unavailable).toBeInstanceOf(WorkerUnavailableError);
    expect(unavailable).toMatchObject({ message: expect.stringMatching(/^The point-in-time worker stopped \(.+\)$/) });
    expect(toProblemDetails(unavailable).problem).toMatchObject({ status: 503 });
    await expect(broken.objective('t', 'o', Date.now())).rejects.toBeInstanceOf(WorkerUnavailableError);
    await broken.close();
    const starved = new PointInTimeWorkerClient({ eventStoreFile: join(dir, 'okr.db'), buildAhead: false }, 2);
    const starvedError = await starved.alignment('t', 'c', Date.now(), false).catch((error: unknown) => error);
    expect(starvedError).toBeInstanceOf(WorkerUnavailableError);
    expect(starvedError).toMatchObject({
      message: 'The point-in-time view could not be computed: the replay needed more than its 2 MB heap (raise POINT_IN_TIME_HEAP_MB)',
    });
    await starved.close();
  });
});
