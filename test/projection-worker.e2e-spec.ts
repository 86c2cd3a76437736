import { Logger } from '@nestjs/common';
import { okrProjection } from '@okr/projections';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ProjectionWorkerHost, ProjectionsService } from '@okr/platform';
import { TestApi, seedBasics, startTestApi } from './support/test-api';

/** The projection worker of the embedded API (SQLite read models): follows live, survives its own death, stops cleanly. */
describe('the embedded projection in its worker thread', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi();
  });
  afterEach(async () => {
    await api.close();
  });

  const host = () => (api.app.get(ProjectionsService) as unknown as { worker: ProjectionWorkerHost }).worker;
  const threadOf = (h: ProjectionWorkerHost) => (h as unknown as { channel: { thread?: Worker } }).channel.thread;
  const workerThread = () => threadOf(host());
  const health = async () => (await api.as().get('/api/health').expect(200)).body.projections;
  const waitUntil = async (condition: () => Promise<boolean>, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  it('runs in a worker thread and serves each write to a reader that asks for its position', async () => {
    expect(workerThread()).toBeInstanceOf(Worker);
    const { objectiveId, keyResultId } = await seedBasics(api);
    const checkIn = await api.as().post(`/api/key-results/${keyResultId}/check-ins`).send({ value: 25, confidence: 0.6 }).expect(201);
    const read = await api.as().get(`/api/objectives/${objectiveId}`).set('X-Min-Position', String(checkIn.body.position)).expect(200);
    expect(Number(read.headers['x-projection-position'])).toBeGreaterThanOrEqual(checkIn.body.position);
    expect(read.body.progress).toBe(0.25);
    expect(await health()).toMatchObject({ mode: 'embedded', running: true, lastError: null });
  });

  it('a worker that dies is replaced: the fresh one resumes from the checkpoint and nothing is lost', async () => {
    const { objectiveId, keyResultId } = await seedBasics(api);
    const first = workerThread()!;
    // The host's own exit handler runs first: this one sees the status it left.
    const statusAtExit = new Promise((resolve) => first.once('exit', () => resolve(host().status())));
    await first.terminate();
    expect(await statusAtExit).toMatchObject({ running: false, lastError: expect.stringContaining('projection worker stopped') });
    // Meanwhile writes go on (the log is the truth).
    const checkIn = await api.as().post(`/api/key-results/${keyResultId}/check-ins`).send({ value: 70, confidence: 0.9 }).expect(201);
    await waitUntil(async () => (await health()).running === true, 10_000);
    expect(workerThread()).not.toBe(first);
    const read = await api.as().get(`/api/objectives/${objectiveId}`).set('X-Min-Position', String(checkIn.body.position)).expect(200);
    expect(read.body.progress).toBe(0.7);
  });

  it('stops gracefully with the app: its stores closed, the stored checkpoint is the last position it reported', async () => {
    const { objectiveId, keyResultId } = await seedBasics(api);
    await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        api.as().post(`/api/key-results/${keyResultId}/check-ins`).send({ value: n, confidence: 0.5 }).expect(201),
      ),
    );
    const head = await api.store.headPosition();
    await api.as().get(`/api/objectives/${objectiveId}`).set('X-Min-Position', String(head)).expect(200);
    const thread = workerThread()!;
    const exited = new Promise<number>((resolve) => thread.once('exit', resolve));
    await api.app.close();
    // It stored its batch, closed its stores and ended by itself (exit code 0), not terminated after the host's stop timeout (1).
    expect(await exited).toBe(0);
    expect(host().status()).toMatchObject({ position: head });
    expect(await api.readModels.checkpoint(okrProjection.name)).toBe(head);
  });

  it('after catching up over many events, hands over to a fresh worker that follows live', async () => {
    const { keyResultId } = await seedBasics(api);
    await Promise.all(
      [1, 2, 3].map((n) => api.as().post(`/api/key-results/${keyResultId}/check-ins`).send({ value: n, confidence: 0.5 }).expect(201)),
    );
    // A second host on the same log with read models of its own: it catches up from zero.
    const readModelsFile = join(api.dataDir, 'other-read-models.db');
    const said: string[] = [];
    const logger = {
      log: (m: string) => said.push(m),
      warn: (m: string) => said.push(m),
      error: (m: string) => said.push(m),
    } as unknown as Logger;
    const other = new ProjectionWorkerHost({ eventStoreFile: join(api.dataDir, 'okr.db'), readModelsFile }, logger, {
      freshWorkerAfterEvents: 5,
    });
    const catchUpWorker = new Promise<Worker | undefined>((resolve) => setImmediate(() => resolve(threadOf(other))));
    try {
      const head = await api.store.headPosition();
      const started = await other.start();
      expect(started.position).toBe(head);
      expect(said.join('\n')).toMatch(/caught up over \d+ events; a fresh one follows live/);
      const live = threadOf(other);
      expect(live).toBeInstanceOf(Worker);
      expect(live).not.toBe(await catchUpWorker);
      // The fresh worker follows live.
      const checkIn = await api.as().post(`/api/key-results/${keyResultId}/check-ins`).send({ value: 9, confidence: 0.5 }).expect(201);
      expect(await other.waitFor(checkIn.body.position, 10_000)).toBe(true);
      expect(other.status()).toMatchObject({ running: true, lastError: null });
    } finally {
      await other.stop();
    }
  });
});
