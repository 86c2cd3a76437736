import { TestApi, seedBasics, startTestApi } from './support/test-api';

describe('concurrency and idempotency over HTTP', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi();
  });
  afterEach(async () => {
    await api.close();
  });

  it('stores all of 100 concurrent check-ins on one key result: none lost, none doubled', async () => {
    const admin = api.as();
    const { keyResultId } = await seedBasics(api);
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        admin.post(`/api/key-results/${keyResultId}/check-ins`).send({ value: i, confidence: 0.5, note: `n${i}` }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(100).fill(201));
    const events = await api.store.readStream(`keyresult-${keyResultId}`);
    const checkIns = events.filter((e) => e.type === 'KeyResultCheckedIn');
    expect(checkIns).toHaveLength(100);
    expect(new Set(checkIns.map((e) => (e.data as { note: string }).note)).size).toBe(100);
    expect(new Set(responses.map((r) => r.body.version)).size).toBe(100);
    const kr = await admin.get(`/api/key-results/${keyResultId}`).expect(200);
    expect(kr.body.checkInCount).toBe(100);
    expect(kr.body.version).toBe(101);
  });

  it('with If-Match, concurrent writers on one version: one wins, the others get 412', async () => {
    const admin = api.as();
    const { objectiveId } = await seedBasics(api);
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        admin
          .patch(`/api/objectives/${objectiveId}`)
          .set('If-Match', '"1"')
          .send({ title: `Title ${i}` }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(9);
    expect(await api.store.readStream(`objective-${objectiveId}`)).toHaveLength(2);
  });

  it('replays the first response for the same Idempotency-Key and body, appending nothing', async () => {
    const admin = api.as();
    const { keyResultId } = await seedBasics(api);
    const body = { value: 12, confidence: 0.4 };
    const first = await admin.post(`/api/key-results/${keyResultId}/check-ins`).set('Idempotency-Key', 'retry-1').send(body).expect(201);
    const count = await api.eventCount();
    const again = await admin.post(`/api/key-results/${keyResultId}/check-ins`).set('Idempotency-Key', 'retry-1').send(body).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await api.eventCount()).toBe(count);

    const conflict = await admin
      .post(`/api/key-results/${keyResultId}/check-ins`)
      .set('Idempotency-Key', 'retry-1')
      .send({ value: 13, confidence: 0.4 })
      .expect(422);
    expect(conflict.headers['content-type']).toContain('application/problem+json');
    expect(await api.eventCount()).toBe(count);
  });

  it('runs concurrent requests with one Idempotency-Key once', async () => {
    const admin = api.as();
    await seedBasics(api);
    const count = await api.eventCount();
    const body = { name: '2026 Q3', startsOn: '2026-07-01', endsOn: '2026-09-30' };
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => admin.post('/api/cycles').set('Idempotency-Key', 'create-q3').send(body)),
    );
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(await api.eventCount()).toBe(count + 1);
  });
});
