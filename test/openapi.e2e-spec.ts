import type { OpenAPIObject } from '@nestjs/swagger';
import request from 'supertest';
import { answerFindings } from './support/openapi-conformance';
import { seedBasics, startTestApi, TestApi } from './support/test-api';

/**
 * The OpenAPI document is the contract of the web app's typed client: the answers of the API, successes and errors,
 * are what the document it serves says they are (schemas, media types, ETag and X-Projection-Position).
 */
jest.setTimeout(60_000);

const HOUR = 3600_000;

describe('answers conform to the OpenAPI document', () => {
  let api: TestApi;
  let document: OpenAPIObject;
  let ids: Awaited<ReturnType<typeof seedBasics>>;
  let initiativeId: string;
  let childId: string;
  const conforms = async (method: string, template: string, answer: request.Response) => {
    expect(answerFindings(document, method, template, answer)).toEqual([]);
    return answer;
  };

  beforeAll(async () => {
    api = await startTestApi({ now: '2026-02-01T09:00:00.000Z' });
    document = (await request(api.app.getHttpServer()).get('/api/docs-json').expect(200)).body;
    ids = await seedBasics(api);
  });
  afterAll(async () => {
    await api.close();
  });

  it('writes: creations, check-ins, changes', async () => {
    const admin = api.as();
    api.clock.advance(HOUR);
    await conforms(
      'post',
      '/key-results/{id}/check-ins',
      await admin
        .post(`/api/key-results/${ids.keyResultId}/check-ins`)
        .send({ value: 30, confidence: 0.6, note: 'slow start' })
        .expect(201),
    );
    api.clock.advance(HOUR);
    await conforms(
      'post',
      '/key-results/{id}/check-ins',
      await admin.post(`/api/key-results/${ids.keyResultId}/check-ins`).send({ value: 45, confidence: 0.7 }).expect(201),
    );
    await conforms(
      'patch',
      '/key-results/{id}',
      await admin.patch(`/api/key-results/${ids.keyResultId}`).send({ target: 120, reason: 'board asked for more' }).expect(200),
    );
    const child = await conforms(
      'post',
      '/objectives',
      await admin.post('/api/objectives').send({ cycleId: ids.cycleId, title: 'Win the mid-market', kind: 'aspirational' }).expect(201),
    );
    childId = child.body.id;
    await conforms(
      'put',
      '/objectives/{id}/parent',
      await admin.put(`/api/objectives/${childId}/parent`).send({ parentObjectiveId: ids.objectiveId, weight: 2 }).expect(200),
    );
    const initiative = await conforms(
      'post',
      '/initiatives',
      await admin
        .post('/api/initiatives')
        .send({ title: 'Referral programme', keyResultIds: [ids.keyResultId] })
        .expect(201),
    );
    initiativeId = initiative.body.id;
    await conforms(
      'patch',
      '/initiatives/{id}',
      await admin.patch(`/api/initiatives/${initiativeId}`).send({ status: 'in_progress' }).expect(200),
    );
    await conforms('patch', '/teams/{id}', await admin.patch(`/api/teams/${ids.teamId}`).send({ name: 'Growth squad' }).expect(200));
    await conforms('post', '/users', await admin.post('/api/users').send({ name: 'Ada Lovelace', role: 'viewer' }).expect(201));
    api.clock.advance(HOUR);
  });

  it('reads of resources, with their ETag', async () => {
    const admin = api.as();
    const objective = await conforms('get', '/objectives/{id}', await admin.get(`/api/objectives/${ids.objectiveId}`).expect(200));
    expect(objective.body.keyResults[0]).toMatchObject({ current: 45, metric: { target: 120 }, lastEffectiveAt: expect.any(String) });
    await conforms('get', '/objectives/{id}', await admin.get(`/api/objectives/${childId}`).expect(200));
    await conforms('get', '/objectives', await admin.get(`/api/objectives?cycleId=${ids.cycleId}&limit=1`).expect(200));
    await conforms('get', '/key-results/{id}', await admin.get(`/api/key-results/${ids.keyResultId}`).expect(200));
    await conforms('get', '/key-results/{id}/check-ins', await admin.get(`/api/key-results/${ids.keyResultId}/check-ins`).expect(200));
    await conforms('get', '/cycles', await admin.get('/api/cycles').expect(200));
    await conforms('get', '/cycles/{id}', await admin.get(`/api/cycles/${ids.cycleId}`).expect(200));
    await conforms('get', '/teams/{id}', await admin.get(`/api/teams/${ids.teamId}`).expect(200));
    await conforms('get', '/teams/{id}/rollup', await admin.get(`/api/teams/${ids.teamId}/rollup?cycleId=${ids.cycleId}`).expect(200));
    await conforms('get', '/initiatives/{id}', await admin.get(`/api/initiatives/${initiativeId}`).expect(200));
  });

  it('the alignment tree, now and as of a past instant, plain and gzipped', async () => {
    const admin = api.as();
    const tree = await conforms('get', '/cycles/{id}/alignment', await admin.get(`/api/cycles/${ids.cycleId}/alignment`).expect(200));
    expect(tree.body.roots[0]).toMatchObject({ id: ids.objectiveId, team: { id: ids.teamId }, owner: null, children: [{ id: childId }] });
    const gzipped = await admin.get(`/api/cycles/${ids.cycleId}/alignment`).set('Accept-Encoding', 'gzip').expect(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    await conforms('get', '/cycles/{id}/alignment', gzipped);
    const asOf = new Date(api.clock.now().getTime() - 2 * HOUR).toISOString();
    await conforms('get', '/cycles/{id}/alignment', await admin.get(`/api/cycles/${ids.cycleId}/alignment?asOf=${asOf}`).expect(200));
    await conforms('get', '/objectives/{id}', await admin.get(`/api/objectives/${ids.objectiveId}?asOf=${asOf}`).expect(200));
  });

  it('reports, history, audit and health', async () => {
    const admin = api.as();
    const cycle = `/api/cycles/${ids.cycleId}`;
    await conforms('get', '/cycles/{id}/outputs-vs-outcomes', await admin.get(`${cycle}/outputs-vs-outcomes`).expect(200));
    await conforms('get', '/cycles/{id}/target-changes', await admin.get(`${cycle}/target-changes`).expect(200));
    const from = '2026-02-01T09:30:00.000Z';
    const diff = await conforms(
      'get',
      '/cycles/{id}/diff',
      await admin.get(`${cycle}/diff?from=${from}&to=${api.clock.now().toISOString()}`).expect(200),
    );
    expect(diff.body.keyResults.targetChanged).toHaveLength(1);
    await conforms('get', '/cycles/{id}/timeseries', await admin.get(`${cycle}/timeseries?interval=day`).expect(200));
    await conforms('get', '/cycles/{id}/timeseries', await admin.get(`${cycle}/timeseries?format=csv`).expect(200));
    await conforms('get', '/cycles/{id}/events', await admin.get(`${cycle}/events`).expect(200));
    await conforms('get', '/cycles/{id}/events', await admin.get(`${cycle}/events?format=csv`).expect(200));
    const history = await conforms(
      'get',
      '/objectives/{id}/history',
      await admin.get(`/api/objectives/${ids.objectiveId}/history`).expect(200),
    );
    expect(history.body.items.length).toBeGreaterThan(3);
    await conforms(
      'get',
      '/key-results/{id}/history',
      await admin.get(`/api/key-results/${ids.keyResultId}/history?order=asc`).expect(200),
    );
    await conforms('get', '/audit', await admin.get('/api/audit?limit=20').expect(200));
    await conforms('get', '/audit/verify', await admin.get('/api/audit/verify').expect(200));
    const server = api.app.getHttpServer();
    await conforms('get', '/health', await request(server).get('/api/health').expect(200));
    await conforms('get', '/health/live', await request(server).get('/api/health/live').expect(200));
  });

  it('closings and errors: problem+json as documented', async () => {
    const admin = api.as();
    await conforms('post', '/objectives/{id}/close', await admin.post(`/api/objectives/${childId}/close`).send({}).expect(200));
    await conforms('post', '/cycles/{id}/close', await admin.post(`/api/cycles/${ids.cycleId}/close`).expect(200));
    const closed = await conforms(
      'post',
      '/key-results/{id}/check-ins',
      await admin.post(`/api/key-results/${ids.keyResultId}/check-ins`).send({ value: 50, confidence: 0.8 }).expect(409),
    );
    expect(closed.headers['content-type']).toMatch(/^application\/problem\+json/);
    const invalid = await conforms(
      'post',
      '/objectives',
      await admin.post('/api/objectives').send({ cycleId: ids.cycleId, title: '', kind: 'bold' }).expect(400),
    );
    expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['title', 'kind']));
    await conforms('get', '/objectives/{id}', await admin.get('/api/objectives/00000000-0000-4000-8000-000000000000').expect(404));
    await conforms(
      'patch',
      '/key-results/{id}',
      await admin.patch(`/api/key-results/${ids.keyResultId}`).set('If-Match', '"1"').send({ title: 'Signups' }).expect(412),
    );
    await conforms('get', '/cycles', await request(api.app.getHttpServer()).get('/api/cycles').expect(401));
  });
});
