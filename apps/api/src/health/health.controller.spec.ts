import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InMemoryEventStore } from '@okr/event-store';
import { InMemoryReadModelStore } from '@okr/read-model';
import request from 'supertest';
import { createApiApp } from '../create-api-app';
import { InMemoryIdempotencyStore, ProjectorMode } from '@okr/platform';
import { HealthService } from './health.service';

const ADMIN_TOKEN = 'health-spec-admin-token-0123456789';

/** Stand-ins for an outage: while `failing`, the store's calls reject; while `hanging`, they never answer. */
class FlakyEventStore extends InMemoryEventStore {
  failing = false;
  hanging = false;
  override async headPosition(): Promise<number> {
    if (this.hanging) return new Promise(() => undefined);
    if (this.failing) throw new Error('connect ECONNREFUSED esdb://admin:changeit@10.0.0.7:2113');
    return super.headPosition();
  }
}

class FlakyReadModelStore extends InMemoryReadModelStore {
  failing = false;
  hanging = false;
  override async checkpoint(projection: string): Promise<number> {
    if (this.hanging) return new Promise(() => undefined);
    if (this.failing) throw new Error('MongoServerSelectionError: connection refused');
    return super.checkpoint(projection);
  }
}

async function start(projector: ProjectorMode) {
  const events = new FlakyEventStore();
  const readModels = new FlakyReadModelStore();
  const { app } = await createApiApp({
    eventStore: events,
    readModelStore: readModels,
    idempotencyStore: new InMemoryIdempotencyStore(),
    projector,
    adminToken: ADMIN_TOKEN,
    logLevels: false,
  });
  return { app, events, readModels };
}

async function createCycle(app: NestFastifyApplication): Promise<number> {
  const res = await request(app.getHttpServer())
    .post('/api/cycles')
    .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
    .send({ name: 'Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' })
    .expect(201);
  return res.body.position as number;
}

describe('GET /api/health', () => {
  describe('with the projections in this process (embedded)', () => {
    let app: NestFastifyApplication;
    let events: FlakyEventStore;
    let readModels: FlakyReadModelStore;

    beforeEach(async () => {
      ({ app, events, readModels } = await start('embedded'));
    });
    afterEach(async () => {
      await app.close();
    });

    it('answers 200 ok without a token, with every dependency, the projections and no lag once caught up', async () => {
      const position = await createCycle(app);
      const res = await request(app.getHttpServer()).get('/api/health').set('X-Min-Position', String(position)).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual({
        status: 'ok',
        dependencies: {
          eventStore: { kind: 'memory', status: 'up', latencyMs: expect.any(Number), headPosition: position },
          readModels: { kind: 'memory', status: 'up', latencyMs: expect.any(Number) },
        },
        projections: { mode: 'embedded', position, lag: 0, checkpoint: position, running: true, lastError: null },
      });
    });

    it('answers 503 degraded when the read-model store fails, naming its error, and 503 down when both fail', async () => {
      readModels.failing = true;
      const degraded = await request(app.getHttpServer()).get('/api/health').expect(503);
      expect(degraded.body).toMatchObject({
        status: 'degraded',
        dependencies: {
          eventStore: { status: 'up' },
          readModels: { kind: 'memory', status: 'down', error: 'MongoServerSelectionError: connection refused' },
        },
        projections: { mode: 'embedded', checkpoint: null },
      });

      events.failing = true;
      const down = await request(app.getHttpServer()).get('/api/health').expect(503);
      expect(down.body.status).toBe('down');
      expect(down.body.dependencies.eventStore).toEqual({
        kind: 'memory',
        status: 'down',
        latencyMs: expect.any(Number),
        error: 'connect ECONNREFUSED esdb://***@10.0.0.7:2113',
      });
      expect(down.body.projections.lag).toBeNull();

      events.failing = false;
      readModels.failing = false;
      await request(app.getHttpServer()).get('/api/health').expect(200);
    });

    it('reports a dependency that does not answer as down within the deadline', async () => {
      events.hanging = true;
      const started = Date.now();
      const report = await app.get(HealthService).check(100);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(report.status).toBe('degraded');
      expect(report.dependencies.eventStore).toMatchObject({ status: 'down', error: 'no answer within 100 ms' });
      events.hanging = false;
    });

    it('keeps liveness at 200 whatever the dependencies do', async () => {
      events.failing = true;
      readModels.failing = true;
      const res = await request(app.getHttpServer()).get('/api/health/live').expect(200);
      expect(res.body).toEqual({ status: 'ok' });
    });
  });

  describe('with an external projector', () => {
    it('reports the stored checkpoint as the position and the lag behind the log', async () => {
      const { app, readModels } = await start('external');
      try {
        const position = await createCycle(app);
        const behind = await request(app.getHttpServer()).get('/api/health').expect(200);
        expect(behind.headers['x-projection-position']).toBe('0');
        expect(behind.body.projections).toEqual({ mode: 'external', position: 0, lag: position, checkpoint: 0 });

        // What a projector does: store documents and the checkpoint.
        await readModels.apply({ ops: [], checkpoint: { projection: 'okr', position } });
        const caughtUp = await request(app.getHttpServer()).get('/api/health').expect(200);
        expect(caughtUp.body.projections).toEqual({ mode: 'external', position, lag: 0, checkpoint: position });

        readModels.failing = true;
        const degraded = await request(app.getHttpServer()).get('/api/health').expect(503);
        expect(degraded.headers['x-projection-position']).toBeUndefined();
        expect(degraded.body).toMatchObject({
          status: 'degraded',
          projections: { mode: 'external', position: null, lag: null, checkpoint: null },
        });

        // A read store that does not answer at all: still a 503 with the report, within the probe's usual 3 s.
        readModels.failing = false;
        readModels.hanging = true;
        const started = Date.now();
        const hanging = await request(app.getHttpServer()).get('/api/health').expect(503);
        expect(Date.now() - started).toBeLessThan(3500);
        expect(hanging.headers['x-projection-position']).toBeUndefined();
        expect(hanging.body.dependencies.readModels).toMatchObject({ status: 'down', error: 'no answer within 2000 ms' });
      } finally {
        await app.close();
      }
    });
  });
});
