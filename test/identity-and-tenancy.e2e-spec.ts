import request from 'supertest';
import { TestApi, seedBasics, startTestApi } from './support/test-api';

describe('identity, roles and tenant isolation', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('serves health without a token', async () => {
    const res = await request(api.app.getHttpServer()).get('/api/health').expect(200);
    expect(res.body.status).toBe('ok');
  });

  it('answers 401 problem+json without or with a wrong token', async () => {
    const none = await request(api.app.getHttpServer()).get('/api/cycles/abc').expect(401);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.headers['www-authenticate']).toContain('Bearer');
    await api.as('not-a-valid-token').get('/api/cycles/abc').expect(401);
  });

  it('lets an admin create users; viewers read but cannot write; only admins create users', async () => {
    const admin = api.as();
    const { objectiveId } = await seedBasics(api);
    const viewer = await admin.post('/api/users').send({ name: 'Vera Viewer', role: 'viewer' }).expect(201);
    expect(viewer.body).toEqual({
      id: expect.any(String),
      token: expect.stringMatching(/^okr_/),
      version: 1,
      position: expect.any(Number),
    });
    const editor = await admin.post('/api/users').send({ name: 'Ed Editor', role: 'editor' }).expect(201);

    await api.as(viewer.body.token).get(`/api/objectives/${objectiveId}`).expect(200);
    const before = await api.eventCount();
    const forbidden = await api.as(viewer.body.token).patch(`/api/objectives/${objectiveId}`).send({ title: 'nope' }).expect(403);
    expect(forbidden.headers['content-type']).toContain('application/problem+json');
    expect(await api.eventCount()).toBe(before);

    await api.as(editor.body.token).patch(`/api/objectives/${objectiveId}`).send({ title: 'Edited by editor' }).expect(200);
    await api.as(editor.body.token).post('/api/users').send({ name: 'x', role: 'admin' }).expect(403);
    const events = await api.store.readStream(`objective-${objectiveId}`);
    expect(events[events.length - 1].metadata.actorId).toBe(editor.body.id);
  });

  it('creates tenants that never see or change each other', async () => {
    const admin = api.as();
    const { objectiveId, keyResultId, cycleId } = await seedBasics(api);
    const tenant = await admin.post('/api/tenants').send({ name: 'Acme', adminName: 'Ada' }).expect(201);
    expect(tenant.body).toEqual({
      id: expect.any(String),
      adminId: expect.any(String),
      adminToken: expect.stringMatching(/^okr_/),
      position: expect.any(Number),
    });
    const acme = api.as(tenant.body.adminToken);

    const before = await api.eventCount();
    await acme.get(`/api/objectives/${objectiveId}`).expect(404);
    await acme.get(`/api/key-results/${keyResultId}`).expect(404);
    await acme.get(`/api/cycles/${cycleId}`).expect(404);
    await acme.patch(`/api/objectives/${objectiveId}`).send({ title: 'hijack' }).expect(404);
    await acme.post(`/api/key-results/${keyResultId}/check-ins`).send({ value: 1, confidence: 1 }).expect(404);
    await acme
      .post(`/api/objectives/${objectiveId}/key-results`)
      .send({ title: 'x', metric: { type: 'milestone' } })
      .expect(404);
    const foreignCycle = await acme.post('/api/objectives').send({ cycleId, title: 'x', kind: 'committed' }).expect(404);
    expect(foreignCycle.body.errors).toEqual([expect.objectContaining({ field: 'cycleId' })]);
    expect(await api.eventCount()).toBe(before);

    // Acme works in its own space, and its admin cannot create tenants.
    const own = await acme.post('/api/cycles').send({ name: 'Acme Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' }).expect(201);
    await admin.get(`/api/cycles/${own.body.id}`).expect(404);
    await acme.post('/api/tenants').send({ name: 'Evil', adminName: 'Eve' }).expect(403);
    const events = await api.store.readStream(`cycle-${own.body.id}`);
    expect(events[0].metadata.tenantId).toBe(tenant.body.id);
  });
});
