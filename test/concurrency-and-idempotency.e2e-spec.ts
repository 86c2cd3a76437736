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

  describe('a retry whose idempotency record was lost (the process died after the append, before recording the key)', () => {
    type Test = ReturnType<ReturnType<TestApi['as']>['post']>;

    /** What a crash between the append and the record leaves behind: the events, and no idempotency record. */
    function forgetIdempotencyRecords(): void {
      api.store.database.prepare('DELETE FROM idempotency_records').run();
    }

    /**
     * Sends the request, forgets its record, sends it again: the retry is answered from the events the first one
     * stored (same status, same resource), stores nothing (but `appended` events), and from then on is replayed from
     * its new record.
     */
    async function retryAfterLostRecord(send: () => Test, status: number, appended = 0) {
      const first = await send();
      expect({ status: first.status, body: first.body }).toMatchObject({ status });
      const stored = await api.eventCount();
      forgetIdempotencyRecords();
      const retry = await send().expect(status);
      expect(retry.headers['idempotent-replayed']).toBeUndefined();
      expect(await api.eventCount()).toBe(stored + appended);
      const again = await send().expect(status);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(retry.body);
      return { first: first.body, retry: retry.body };
    }

    it('a check-in: the same check-in, stored once', async () => {
      const { keyResultId } = await seedBasics(api);
      const { first, retry } = await retryAfterLostRecord(
        () =>
          api
            .as()
            .post(`/api/key-results/${keyResultId}/check-ins`)
            .set('Idempotency-Key', 'check-in-1')
            .send({ value: 12, confidence: 0.4 }),
        201,
      );
      expect(retry).toEqual(first);
      const checkIns = (await api.store.readStream(`keyresult-${keyResultId}`)).filter((e) => e.type === 'KeyResultCheckedIn');
      expect(checkIns.map((e) => (e.data as { checkInId: string }).checkInId)).toEqual([first.id]);
    });

    it('a check-in retried after other check-ins: still the first answer', async () => {
      const { keyResultId } = await seedBasics(api);
      const checkIn = () =>
        api
          .as()
          .post(`/api/key-results/${keyResultId}/check-ins`)
          .set('Idempotency-Key', 'check-in-2')
          .send({ value: 20, confidence: 0.5 });
      const first = await checkIn().expect(201);
      await api.as().post(`/api/key-results/${keyResultId}/check-ins`).send({ value: 30, confidence: 0.6 }).expect(201);
      const stored = await api.eventCount();
      forgetIdempotencyRecords();
      const retry = await checkIn().expect(201);
      expect(retry.body).toEqual(first.body);
      expect(await api.eventCount()).toBe(stored);
    });

    it('creations (cycle, team, objective, key result, initiative): the same resource, created once', async () => {
      const ids = await seedBasics(api);
      const creations: [string, object, number][] = [
        ['/api/cycles', { name: '2026 Q2', startsOn: '2026-04-01', endsOn: '2026-06-30' }, 201],
        ['/api/teams', { name: 'Platform' }, 201],
        ['/api/objectives', { cycleId: ids.cycleId, title: 'Crash-proof', kind: 'committed' }, 201],
        [`/api/objectives/${ids.objectiveId}/key-results`, { title: 'Retries', metric: { type: 'atLeast', target: 5 } }, 201],
        ['/api/initiatives', { title: 'Make ids deterministic', keyResultIds: [ids.keyResultId] }, 201],
      ];
      for (const [url, body, status] of creations) {
        const { first, retry } = await retryAfterLostRecord(
          () => api.as().post(url).set('Idempotency-Key', `create:${url}`).send(body),
          status,
        );
        expect({ url, retry }).toEqual({ url, retry: first });
      }
    });

    it('closing, grading and archiving: the same answer, even with If-Match', async () => {
      const ids = await seedBasics(api);
      const grade = await retryAfterLostRecord(
        () => api.as().post(`/api/key-results/${ids.keyResultId}/grade`).set('Idempotency-Key', 'grade').send({ score: 0.7 }),
        200,
      );
      expect(grade.retry).toEqual(grade.first);
      const close = await retryAfterLostRecord(
        () => api.as().post(`/api/objectives/${ids.objectiveId}/close`).set('Idempotency-Key', 'close').send({}),
        200,
      );
      expect(close.retry).toEqual(close.first);
      const other = await api
        .as()
        .post('/api/objectives')
        .send({ cycleId: ids.cycleId, title: 'Side quest', kind: 'committed' })
        .expect(201);
      const archive = await retryAfterLostRecord(
        () => api.as().post(`/api/objectives/${other.body.id}/archive`).set('Idempotency-Key', 'archive').set('If-Match', '"1"').send({}),
        200,
      );
      expect(archive.retry).toEqual(archive.first);
    });

    it('carrying an objective over (several streams): the same new objective and key results, written once', async () => {
      const { objectiveId } = await seedBasics(api);
      const q2 = await api.as().post('/api/cycles').send({ name: '2026 Q2', startsOn: '2026-04-01', endsOn: '2026-06-30' }).expect(201);
      const { first, retry } = await retryAfterLostRecord(
        () => api.as().post(`/api/objectives/${objectiveId}/carry-over`).set('Idempotency-Key', 'carry').send({ cycleId: q2.body.id }),
        201,
      );
      expect(retry).toEqual(first);
      expect(first.keyResultIds).toHaveLength(1);
      const origin = await api.as().get(`/api/objectives/${objectiveId}`).expect(200);
      expect(origin.body.carriedOverTo).toEqual([{ objectiveId: first.id, cycleId: q2.body.id }]);
    });

    it('closing a cycle (its objectives closed in a sweep): the same objectives closed, once', async () => {
      const ids = await seedBasics(api);
      const second = await api.as().post('/api/objectives').send({ cycleId: ids.cycleId, title: 'Second', kind: 'committed' }).expect(201);
      const { first, retry } = await retryAfterLostRecord(
        () => api.as().post(`/api/cycles/${ids.cycleId}/close`).set('Idempotency-Key', 'close-cycle'),
        200,
      );
      expect(retry).toEqual(first);
      expect([...first.closedObjectiveIds].sort()).toEqual([ids.objectiveId, second.body.id].sort());
    });

    it('closing a cycle without open objectives: the same answer, not "already closed"', async () => {
      const cycle = await api.as().post('/api/cycles').send({ name: 'Empty', startsOn: '2026-01-01', endsOn: '2026-03-31' }).expect(201);
      const { first, retry } = await retryAfterLostRecord(
        () => api.as().post(`/api/cycles/${cycle.body.id}/close`).set('Idempotency-Key', 'close-empty'),
        200,
      );
      expect(retry).toEqual(first);
      expect(first.closedObjectiveIds).toEqual([]);
    });

    it('creating a user: the same user once, with a new token that works (the first one was never delivered)', async () => {
      const { first, retry } = await retryAfterLostRecord(
        () => api.as().post('/api/users').set('Idempotency-Key', 'user').send({ name: 'Rita Retry', role: 'editor' }),
        201,
        1, // UserTokenReplaced
      );
      expect(retry).toMatchObject({ id: first.id, token: expect.any(String) });
      expect(retry.token).not.toBe(first.token);
      await api.as(retry.token).get('/api/cycles').expect(200);
      await api.as(first.token).get('/api/cycles').expect(401);
      const created = (await api.store.readAll()).filter(
        (e) => e.type === 'UserCreated' && (e.data as { name: string }).name === 'Rita Retry',
      );
      expect(created).toHaveLength(1);
    });

    it('creating a tenant: the same tenant and admin once, with a new admin token that works', async () => {
      const { first, retry } = await retryAfterLostRecord(
        () => api.as().post('/api/tenants').set('Idempotency-Key', 'tenant').send({ name: 'Acme', adminName: 'Ada' }),
        201,
        1, // UserTokenReplaced
      );
      expect(retry).toMatchObject({ id: first.id, adminId: first.adminId, adminToken: expect.any(String) });
      await api.as(retry.adminToken).get('/api/cycles').expect(200);
      expect(
        (await api.store.readAll()).filter((e) => e.type === 'TenantCreated' && (e.data as { name: string }).name === 'Acme'),
      ).toHaveLength(1);
    });

    it('a reused key with another request is still a different request: it does its own work', async () => {
      const { keyResultId } = await seedBasics(api);
      const send = (value: number) =>
        api.as().post(`/api/key-results/${keyResultId}/check-ins`).set('Idempotency-Key', 'same-key').send({ value, confidence: 0.5 });
      const first = await send(1).expect(201);
      forgetIdempotencyRecords();
      const other = await send(2).expect(201);
      expect(other.body.id).not.toBe(first.body.id);
    });
  });
});
