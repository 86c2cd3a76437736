import { TestApi, seedBasics, startTestApi } from './support/test-api';

describe('OKR lifecycle over HTTP (embedded store)', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi();
  });
  afterEach(async () => {
    await api.close();
  });

  it('plans and tracks: cycle → team → objective → key result → check-in → read', async () => {
    const admin = api.as();
    const { cycleId, teamId, objectiveId, keyResultId } = await seedBasics(api);

    const checkIn = await admin
      .post(`/api/key-results/${keyResultId}/check-ins`)
      .send({ value: 40, confidence: 0.8, note: 'campaign live' })
      .expect(201);
    expect(checkIn.body).toEqual({ id: expect.any(String), version: 2, position: expect.any(Number) });

    const objective = await admin.get(`/api/objectives/${objectiveId}`).expect(200);
    expect(objective.headers.etag).toBe('"1"');
    expect(objective.body).toMatchObject({
      id: objectiveId,
      cycleId,
      teamId,
      title: 'Grow revenue',
      kind: 'committed',
      lifecycle: 'open',
      progress: 0.4,
      version: 1,
      keyResults: [
        {
          id: keyResultId,
          title: 'Signups',
          metric: { type: 'increase', start: 0, target: 100, unit: 'users' },
          weight: 1,
          current: 40,
          confidence: 0.8,
          progress: 0.4,
          progressRaw: 0.4,
          version: 2,
        },
      ],
    });

    const kr = await admin.get(`/api/key-results/${keyResultId}`).expect(200);
    expect(kr.headers.etag).toBe('"2"');
    expect(kr.body).toMatchObject({ current: 40, progress: 0.4, version: 2 });

    const cycle = await admin.get(`/api/cycles/${cycleId}`).expect(200);
    expect(cycle.body).toMatchObject({ id: cycleId, name: '2026 Q1', status: 'open', objectiveIds: [objectiveId] });
    const team = await admin.get(`/api/teams/${teamId}`).expect(200);
    expect(team.body).toMatchObject({ id: teamId, name: 'Growth', parentTeamId: null });
  });

  it('keeps raw and clamped progress, weights key results, and uses the latest effective check-in', async () => {
    const admin = api.as();
    const { objectiveId, keyResultId } = await seedBasics(api);
    const second = await admin
      .post(`/api/objectives/${objectiveId}/key-results`)
      .send({ title: 'Churn', metric: { type: 'decrease', start: 10, target: 5 }, weight: 3 })
      .expect(201);
    await admin.post(`/api/key-results/${keyResultId}/check-ins`).send({ value: 150, confidence: 0.9 }).expect(201);
    // A backdated check-in does not replace a later one.
    await admin
      .post(`/api/key-results/${keyResultId}/check-ins`)
      .send({ value: 20, confidence: 0.5, effectiveAt: '2026-01-10T00:00:00Z' })
      .expect(201);
    await admin.post(`/api/key-results/${second.body.id}/check-ins`).send({ value: 8, confidence: 0.6 }).expect(201);

    const objective = await admin.get(`/api/objectives/${objectiveId}`).expect(200);
    const [signups, churn] = objective.body.keyResults;
    expect(signups).toMatchObject({ current: 150, progressRaw: 1.5, progress: 1, confidence: 0.9 });
    expect(churn).toMatchObject({ current: 8, progress: 0.4, weight: 3 });
    expect(objective.body.progress).toBeCloseTo((1 * 1 + 3 * 0.4) / 4, 10);
  });

  it('changes a target only with a reason, and records weight and title changes', async () => {
    const admin = api.as();
    const { keyResultId } = await seedBasics(api);
    const missing = await admin.patch(`/api/key-results/${keyResultId}`).send({ target: 80 }).expect(400);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);

    const changed = await admin
      .patch(`/api/key-results/${keyResultId}`)
      .send({ target: 80, reason: 'board asked for realism', weight: 2, title: 'New signups' })
      .expect(200);
    expect(changed.body).toEqual({ version: 4, position: expect.any(Number) });
    const events = await api.store.readStream(`keyresult-${keyResultId}`);
    expect(events.map((e) => e.type)).toEqual(['KeyResultAdded', 'KeyResultRenamed', 'KeyResultTargetChanged', 'KeyResultWeightChanged']);
    expect(events[2].data).toEqual({ keyResultId, target: 80, previousTarget: 100, reason: 'board asked for realism' });

    const kr = await admin.get(`/api/key-results/${keyResultId}`).expect(200);
    expect(kr.body).toMatchObject({ title: 'New signups', weight: 2, originalTarget: 100, metric: { target: 80 } });
  });

  it('refuses business-rule violations with 409 and stores nothing', async () => {
    const admin = api.as();
    const { objectiveId, keyResultId } = await seedBasics(api);
    await admin.delete(`/api/key-results/${keyResultId}`).expect(200);
    const before = await api.eventCount();
    const refused = await admin.post(`/api/key-results/${keyResultId}/check-ins`).send({ value: 1, confidence: 0.5 }).expect(409);
    expect(refused.body).toMatchObject({ status: 409, code: 'key_result.removed' });
    expect(await api.eventCount()).toBe(before);

    const kr2 = await admin
      .post(`/api/objectives/${objectiveId}/key-results`)
      .send({ title: 'Ship v2', metric: { type: 'milestone' } })
      .expect(201);
    await admin.post(`/api/objectives/${objectiveId}/close`).send({}).expect(200);
    const afterClose = await admin.post(`/api/key-results/${kr2.body.id}/check-ins`).send({ value: 1, confidence: 1 }).expect(409);
    expect(afterClose.body.code).toBe('objective.closed');
    await admin.patch(`/api/objectives/${objectiveId}`).send({ title: 'x' }).expect(409);
  });

  it('refuses a start equal to the target on increase/decrease with 400 naming the field', async () => {
    const admin = api.as();
    const { objectiveId } = await seedBasics(api);
    const res = await admin
      .post(`/api/objectives/${objectiveId}/key-results`)
      .send({ title: 'Flat', metric: { type: 'increase', start: 5, target: 5 } })
      .expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'metric.target' })]);
  });

  it('refuses check-ins in the future or before the cycle', async () => {
    const admin = api.as();
    const { keyResultId } = await seedBasics(api);
    const future = await admin
      .post(`/api/key-results/${keyResultId}/check-ins`)
      .send({ value: 1, confidence: 0.5, effectiveAt: '2026-02-16T00:00:00Z' })
      .expect(400);
    expect(future.body.errors[0].field).toBe('effectiveAt');
    const before = await admin
      .post(`/api/key-results/${keyResultId}/check-ins`)
      .send({ value: 1, confidence: 0.5, effectiveAt: '2025-12-31T23:59:59Z' })
      .expect(400);
    expect(before.body.errors[0].field).toBe('effectiveAt');
  });

  it('aligns objectives with weights, refuses loops, and unaligns', async () => {
    const admin = api.as();
    const { cycleId, objectiveId } = await seedBasics(api);
    const child = await admin.post('/api/objectives').send({ cycleId, title: 'Team goal', kind: 'aspirational' }).expect(201);
    const grandchild = await admin.post('/api/objectives').send({ cycleId, title: 'Personal goal', kind: 'committed' }).expect(201);
    await admin.put(`/api/objectives/${child.body.id}/parent`).send({ parentObjectiveId: objectiveId, weight: 2 }).expect(200);
    await admin.put(`/api/objectives/${grandchild.body.id}/parent`).send({ parentObjectiveId: child.body.id }).expect(200);

    const loop = await admin.put(`/api/objectives/${objectiveId}/parent`).send({ parentObjectiveId: grandchild.body.id }).expect(409);
    expect(loop.body).toMatchObject({ code: 'objective.alignment_loop' });
    const self = await admin.put(`/api/objectives/${objectiveId}/parent`).send({ parentObjectiveId: objectiveId }).expect(409);
    expect(self.body.code).toBe('objective.alignment_loop');

    const read = await admin.get(`/api/objectives/${child.body.id}`).expect(200);
    expect(read.body).toMatchObject({ parentObjectiveId: objectiveId, alignmentWeight: 2 });
    await admin.put(`/api/objectives/${child.body.id}/parent`).send({ parentObjectiveId: null }).expect(200);
    expect((await admin.get(`/api/objectives/${child.body.id}`).expect(200)).body.parentObjectiveId).toBeNull();
  });

  it('keeps the team hierarchy free of loops', async () => {
    const admin = api.as();
    const company = await admin.post('/api/teams').send({ name: 'Company' }).expect(201);
    const eng = await admin.post('/api/teams').send({ name: 'Engineering', parentTeamId: company.body.id }).expect(201);
    const platform = await admin.post('/api/teams').send({ name: 'Platform', parentTeamId: eng.body.id }).expect(201);
    const loop = await admin.patch(`/api/teams/${company.body.id}`).send({ parentTeamId: platform.body.id }).expect(409);
    expect(loop.body).toMatchObject({ code: 'team.hierarchy_loop' });
    await admin.patch(`/api/teams/${platform.body.id}`).send({ name: 'Platform & Infra', parentTeamId: company.body.id }).expect(200);
    const read = await admin.get(`/api/teams/${platform.body.id}`).expect(200);
    expect(read.body).toMatchObject({ name: 'Platform & Infra', parentTeamId: company.body.id, version: 3 });
    const unknownParent = await admin.post('/api/teams').send({ name: 'Orphan', parentTeamId: 'no-such-team' }).expect(404);
    expect(unknownParent.body.errors).toEqual([expect.objectContaining({ field: 'parentTeamId' })]);
  });

  it('closing a cycle closes and scores its open objectives; grades override progress', async () => {
    const admin = api.as();
    const { cycleId, objectiveId, keyResultId } = await seedBasics(api);
    const milestone = await admin
      .post(`/api/objectives/${objectiveId}/key-results`)
      .send({ title: 'Launch', metric: { type: 'milestone' }, weight: 3 })
      .expect(201);
    await admin.post(`/api/key-results/${keyResultId}/check-ins`).send({ value: 50, confidence: 0.7 }).expect(201);
    await admin.post(`/api/key-results/${milestone.body.id}/grade`).send({ score: 0.3 }).expect(200);
    const other = await admin.post('/api/objectives').send({ cycleId, title: 'Already done', kind: 'committed' }).expect(201);
    await admin.post(`/api/objectives/${other.body.id}/close`).send({ score: 0.9 }).expect(200);

    const closed = await admin.post(`/api/cycles/${cycleId}/close`).expect(200);
    expect(closed.body).toEqual({ version: 2, position: expect.any(Number), closedObjectiveIds: [objectiveId] });
    const objective = await admin.get(`/api/objectives/${objectiveId}`).expect(200);
    expect(objective.body.status).toBe('closed');
    expect(objective.body.score).toBeCloseTo((0.5 * 1 + 0.3 * 3) / 4, 10);
    const events = await api.store.readStream(`objective-${objectiveId}`);
    const closedEvent = events[events.length - 1];
    expect(closedEvent.data).toMatchObject({ reason: 'cycle_closed', scoreSource: 'computed' });
    expect((await admin.get(`/api/objectives/${other.body.id}`)).body.score).toBe(0.9);

    await admin.post(`/api/cycles/${cycleId}/close`).expect(409);
    const late = await admin.post('/api/objectives').send({ cycleId, title: 'Too late', kind: 'committed' }).expect(409);
    expect(late.body.code).toBe('cycle.closed');
  });

  it('carries an objective over with its open key results starting from their current values', async () => {
    const admin = api.as();
    const { objectiveId, keyResultId } = await seedBasics(api);
    const done = await admin
      .post(`/api/objectives/${objectiveId}/key-results`)
      .send({ title: 'Done already', metric: { type: 'atLeast', target: 5 } })
      .expect(201);
    await admin.post(`/api/key-results/${done.body.id}/check-ins`).send({ value: 6, confidence: 1 }).expect(201);
    await admin.post(`/api/key-results/${keyResultId}/check-ins`).send({ value: 35, confidence: 0.6 }).expect(201);
    const q2 = await admin.post('/api/cycles').send({ name: '2026 Q2', startsOn: '2026-04-01', endsOn: '2026-06-30' }).expect(201);

    const carried = await admin.post(`/api/objectives/${objectiveId}/carry-over`).send({ cycleId: q2.body.id }).expect(201);
    const next = await admin.get(`/api/objectives/${carried.body.id}`).expect(200);
    expect(next.body).toMatchObject({ cycleId: q2.body.id, title: 'Grow revenue', carriedOverFrom: objectiveId, lifecycle: 'open' });
    expect(next.body.keyResults).toHaveLength(1);
    expect(next.body.keyResults[0]).toMatchObject({
      title: 'Signups',
      metric: { type: 'increase', start: 35, target: 100 },
      current: 35,
      progress: 0,
      carriedOverFrom: keyResultId,
    });
    const origin = await admin.get(`/api/objectives/${objectiveId}`).expect(200);
    expect(origin.body.carriedOverTo).toEqual([{ objectiveId: carried.body.id, cycleId: q2.body.id }]);

    const sameCycle = await admin.post(`/api/objectives/${objectiveId}/carry-over`).send({ cycleId: origin.body.cycleId }).expect(409);
    expect(sameCycle.body.code).toBe('objective.carry_over_same_cycle');
  });

  it('archives an objective, after which it cannot change', async () => {
    const admin = api.as();
    const { objectiveId } = await seedBasics(api);
    await admin.post(`/api/objectives/${objectiveId}/archive`).expect(200);
    expect((await admin.get(`/api/objectives/${objectiveId}`)).body.status).toBe('archived');
    await admin.post(`/api/objectives/${objectiveId}/archive`).expect(409);
    await admin.patch(`/api/objectives/${objectiveId}`).send({ title: 'Renamed' }).expect(409);
  });

  it('tracks initiatives: links, unlinks and status', async () => {
    const admin = api.as();
    const { objectiveId, keyResultId } = await seedBasics(api);
    const kr2 = await admin
      .post(`/api/objectives/${objectiveId}/key-results`)
      .send({ title: 'NPS', metric: { type: 'atLeast', target: 40 } })
      .expect(201);
    const created = await admin
      .post('/api/initiatives')
      .send({ title: 'Onboarding revamp', keyResultIds: [keyResultId] })
      .expect(201);
    expect(created.body).toEqual({ id: expect.any(String), version: 1, position: expect.any(Number) });
    await admin
      .patch(`/api/initiatives/${created.body.id}`)
      .send({ status: 'in_progress', keyResultIds: [kr2.body.id] })
      .expect(200);
    const read = await admin.get(`/api/initiatives/${created.body.id}`).expect(200);
    expect(read.body).toMatchObject({ title: 'Onboarding revamp', status: 'in_progress', keyResultIds: [kr2.body.id], version: 4 });
    expect(read.headers.etag).toBe('"4"');
    const events = await api.store.readStream(`initiative-${created.body.id}`);
    expect(events.map((e) => e.type)).toEqual([
      'InitiativeCreated',
      'InitiativeKeyResultLinked',
      'InitiativeKeyResultUnlinked',
      'InitiativeStatusChanged',
    ]);
    const unknown = await admin
      .post('/api/initiatives')
      .send({ title: 'x', keyResultIds: [keyResultId, 'nope'] })
      .expect(404);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'keyResultIds.1' })]);
  });

  it('answers 412 to a stale If-Match and 200 to a current one', async () => {
    const admin = api.as();
    const { objectiveId } = await seedBasics(api);
    const read = await admin.get(`/api/objectives/${objectiveId}`).expect(200);
    const etag = read.headers.etag;
    await admin.patch(`/api/objectives/${objectiveId}`).set('If-Match', etag).send({ title: 'First' }).expect(200);
    const stale = await admin.patch(`/api/objectives/${objectiveId}`).set('If-Match', etag).send({ title: 'Second' }).expect(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect((await admin.get(`/api/objectives/${objectiveId}`)).body.title).toBe('First');
    await admin.patch(`/api/objectives/${objectiveId}`).set('If-Match', '"2"').send({ title: 'Second' }).expect(200);
  });

  it('records tenant, actor, correlation and time in every event', async () => {
    const admin = api.as();
    const { keyResultId } = await seedBasics(api);
    await admin
      .post(`/api/key-results/${keyResultId}/check-ins`)
      .set('X-Correlation-Id', 'corr-42')
      .send({ value: 5, confidence: 0.5 })
      .expect(201);
    const events = await api.store.readStream(`keyresult-${keyResultId}`);
    expect(events[1].metadata).toMatchObject({
      tenantId: 'default',
      actorId: 'default-admin',
      correlationId: 'corr-42',
      recordedAt: '2026-02-15T12:00:00.000Z',
      schemaVersion: 2, // KeyResultCheckedIn is at schema version 2 (decision 11)
    });
    expect(events[1].metadata.commandId).toEqual(events[1].metadata.causationId);
  });
});
