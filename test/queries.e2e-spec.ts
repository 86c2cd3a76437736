import { TestApi, startTestApi } from './support/test-api';

/** Reads after a write: waits for the projection to include the write's position. */
function fresh(position: number) {
  return { 'X-Min-Position': String(position) };
}

describe('queries from the read models', () => {
  let api: TestApi;
  let last = 0;
  const ids: Record<string, string> = {};

  async function post(url: string, body: object, status = 201) {
    const res = await api.as().post(url).send(body).expect(status);
    last = Math.max(last, res.body.position ?? 0);
    return res.body;
  }
  async function put(url: string, body: object) {
    const res = await api.as().put(url).send(body).expect(200);
    last = Math.max(last, res.body.position);
    return res.body;
  }
  async function patch(url: string, body: object) {
    const res = await api.as().patch(url).send(body).expect(200);
    last = Math.max(last, res.body.position);
    return res.body;
  }
  const get = (url: string) => api.as().get(url).set(fresh(last));

  beforeAll(async () => {
    // Halfway through a ten-day cycle.
    api = await startTestApi({ now: '2026-01-06T00:00:00.000Z' });
    ids.cycle = (await post('/api/cycles', { name: 'Sprint', startsOn: '2026-01-01', endsOn: '2026-01-10' })).id;
    ids.company = (await post('/api/teams', { name: 'Company' })).id;
    ids.eng = (await post('/api/teams', { name: 'Engineering', parentTeamId: ids.company })).id;
    ids.platform = (await post('/api/teams', { name: 'Platform', parentTeamId: ids.eng })).id;
    ids.owner = (await post('/api/users', { name: 'Olivia Owner', role: 'editor' })).id;

    ids.top = (
      await post('/api/objectives', {
        cycleId: ids.cycle,
        title: 'Win the market',
        kind: 'committed',
        teamId: ids.company,
        ownerId: ids.owner,
      })
    ).id;
    ids.mid = (await post('/api/objectives', { cycleId: ids.cycle, title: 'Ship faster', kind: 'committed', teamId: ids.eng })).id;
    ids.leaf = (await post('/api/objectives', { cycleId: ids.cycle, title: 'Fast CI', kind: 'aspirational', teamId: ids.platform })).id;
    ids.loner = (
      await post('/api/objectives', { cycleId: ids.cycle, title: 'Unaligned work', kind: 'committed', teamId: ids.platform })
    ).id;
    await put(`/api/objectives/${ids.mid}/parent`, { parentObjectiveId: ids.top, weight: 3 });
    await put(`/api/objectives/${ids.leaf}/parent`, { parentObjectiveId: ids.mid });

    ids.topKr = (
      await post(`/api/objectives/${ids.top}/key-results`, { title: 'Revenue', metric: { type: 'increase', start: 0, target: 100 } })
    ).id;
    ids.midKr = (
      await post(`/api/objectives/${ids.mid}/key-results`, { title: 'Lead time', metric: { type: 'decrease', start: 10, target: 2 } })
    ).id;
    ids.leafKr = (
      await post(`/api/objectives/${ids.leaf}/key-results`, {
        title: 'CI minutes',
        metric: { type: 'decrease', start: 30, target: 10 },
        weight: 2,
      })
    ).id;
    ids.leafKr2 = (
      await post(`/api/objectives/${ids.leaf}/key-results`, { title: 'Green builds', metric: { type: 'atLeast', target: 95 } })
    ).id;

    await post(`/api/key-results/${ids.topKr}/check-ins`, { value: 50, confidence: 0.9 });
    await post(`/api/key-results/${ids.midKr}/check-ins`, { value: 6, confidence: 0.5 }); // progress 0.5
    await post(`/api/key-results/${ids.leafKr}/check-ins`, { value: 20, confidence: 0.4 }); // progress 0.5
  });
  afterAll(async () => {
    await api.close();
  });

  it('serves an objective from the read model with key results, rollup, status and the stream version', async () => {
    const res = await get(`/api/objectives/${ids.leaf}`).expect(200);
    expect(Number(res.headers['x-projection-position'])).toBeGreaterThanOrEqual(last);
    expect(res.headers.etag).toBe(`"${res.body.version}"`);
    expect(res.body).toMatchObject({
      id: ids.leaf,
      lifecycle: 'open',
      parentObjectiveId: ids.mid,
      progress: 0.333333333333333, // (2·0.5 + 1·0) / 3, answered with 15 significant digits
      rollup: 0.333333333333333,
      confidence: 0.4,
      version: 2,
      keyResults: [
        { id: ids.leafKr, current: 20, progress: 0.5, progressRaw: 0.5, confidence: 0.4, version: 2 },
        { id: ids.leafKr2, current: 0, progress: 0, confidence: null, version: 1 },
      ],
    });
    // Halfway (expected 0.5): 0.333 is below 0.9 × 0.5 but not below 0.6 × 0.5 → at risk.
    expect(res.body).toMatchObject({ status: 'at_risk', expected: 0.5 });
  });

  it('rolls a change deep in the tree up through every ancestor', async () => {
    const before = (await get(`/api/objectives/${ids.top}`).expect(200)).body;
    await post(`/api/key-results/${ids.leafKr2}/check-ins`, { value: 99, confidence: 0.8 });
    const leaf = (await get(`/api/objectives/${ids.leaf}`).expect(200)).body;
    const mid = (await get(`/api/objectives/${ids.mid}`).expect(200)).body;
    const top = (await get(`/api/objectives/${ids.top}`).expect(200)).body;
    expect(leaf.rollup).toBeCloseTo(2 / 3, 12); // (2·0.5 + 1·1) / 3
    expect(mid.rollup).toBeCloseTo((1 * 0.5 + 1 * leaf.rollup) / 2, 12);
    expect(top.rollup).toBeCloseTo((1 * 0.5 + 3 * mid.rollup) / 4, 12);
    expect(top.rollup).toBeGreaterThan(before.rollup);
    expect(top.childIds).toEqual([ids.mid]);
    expect(top.status).toBe('on_track');
  });

  it('lists objectives with filters and stable cursor paging', async () => {
    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await get(`/api/objectives?cycleId=${ids.cycle}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`).expect(
        200,
      );
      all.push(...res.body.items.map((o: { id: string }) => o.id));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    expect(all).toEqual([ids.top, ids.mid, ids.leaf, ids.loner]);
    expect((await get(`/api/objectives?teamId=${ids.platform}`).expect(200)).body.items.map((o: { id: string }) => o.id)).toEqual([
      ids.leaf,
      ids.loner,
    ]);
    expect((await get(`/api/objectives?parentId=${ids.mid}`).expect(200)).body.items.map((o: { id: string }) => o.id)).toEqual([ids.leaf]);
    expect((await get(`/api/objectives?ownerId=${ids.owner}&status=open`).expect(200)).body.items).toHaveLength(1);
    await get('/api/objectives?limit=0').expect(400);
    await get('/api/objectives?colour=red').expect(400);
    const bad = await get('/api/objectives?cursor=not-a-cursor').expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });

  it('answers the alignment tree of a cycle with owners, teams, progress, rollup, status and confidence', async () => {
    const res = await get(`/api/cycles/${ids.cycle}/alignment`).expect(200);
    expect(res.body.objectives).toBe(4);
    expect(res.body.roots.map((n: { id: string }) => n.id)).toEqual([ids.top, ids.loner]);
    const top = res.body.roots[0];
    expect(top).toMatchObject({
      title: 'Win the market',
      owner: { id: ids.owner, name: 'Olivia Owner' },
      team: { id: ids.company, name: 'Company' },
      confidence: 0.9,
    });
    expect(top.children[0]).toMatchObject({ id: ids.mid, team: { name: 'Engineering' }, alignmentWeight: 3 });
    expect(top.children[0].children[0]).toMatchObject({ id: ids.leaf, children: [] });
    for (const key of ['progress', 'rollup', 'status', 'confidence']) expect(top).toHaveProperty(key);
  });

  it('answers the alignment tree for the time of each request, and follows writes at once', async () => {
    const statusOf = (body: { roots: { id: string; status: string; rollup: number; children: unknown[] }[] }, id: string) =>
      body.roots.find((n) => n.id === id)!;
    const first = (await get(`/api/cycles/${ids.cycle}/alignment`).expect(200)).body;
    expect(first.expected).toBeCloseTo(0.5, 10);
    expect(first.at).toBe('2026-01-06T00:00:00.000Z');
    // Nothing written since: the same read models, but a later time (the cycle's last second) moves the statuses.
    api.clock.set('2026-01-10T23:59:59.000Z');
    try {
      const later = (await get(`/api/cycles/${ids.cycle}/alignment`).expect(200)).body;
      expect(later.expected).toBeGreaterThan(0.99);
      expect(statusOf(later, ids.loner)).toMatchObject({ status: 'off_track', rollup: 0 });
      expect(statusOf(first, ids.loner).status).toBe('off_track');
      const top = statusOf(later, ids.top);
      // Below 0.6 of what is expected by now.
      expect(top.rollup).toBeLessThan(0.6 * later.expected);
      expect(top.status).toBe('off_track');
    } finally {
      api.clock.set('2026-01-06T00:00:00.000Z');
    }
    // A write moves the read models: the next answer has it.
    const lonerKr = (
      await post(`/api/objectives/${ids.loner}/key-results`, { title: 'Done things', metric: { type: 'increase', start: 0, target: 10 } })
    ).id;
    await post(`/api/key-results/${lonerKr}/check-ins`, { value: 10, confidence: 1 });
    const after = (await get(`/api/cycles/${ids.cycle}/alignment`).expect(200)).body;
    expect(statusOf(after, ids.loner)).toMatchObject({ status: 'on_track', rollup: 1, progress: 1, confidence: 1 });
    expect(statusOf(after, ids.top)).toEqual(statusOf(first, ids.top));
  });

  it('gzips the alignment tree for clients that take it, and sends it plain otherwise', async () => {
    const zipped = await get(`/api/cycles/${ids.cycle}/alignment`).set('Accept-Encoding', 'gzip').expect(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['vary']).toMatch(/Accept-Encoding/i);
    const plain = await get(`/api/cycles/${ids.cycle}/alignment`).set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toMatch(/^application\/json/);
    expect(plain.body).toEqual(zipped.body);
    const refused = await get(`/api/cycles/${ids.cycle}/alignment`).set('Accept-Encoding', 'gzip;q=0, identity').expect(200);
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('rolls a team and its sub-teams up without counting aligned objectives twice', async () => {
    const res = await get(`/api/teams/${ids.eng}/rollup?cycleId=${ids.cycle}`).expect(200);
    const objectives = res.body.objectives.map((o: { id: string }) => o.id);
    expect(objectives.sort()).toEqual([ids.mid, ids.leaf, ids.loner].sort());
    expect(res.body.topObjectiveIds.sort()).toEqual([ids.mid, ids.loner].sort());
    const mid = res.body.objectives.find((o: { id: string }) => o.id === ids.mid);
    const loner = res.body.objectives.find((o: { id: string }) => o.id === ids.loner);
    expect(res.body.rollup).toBeCloseTo((mid.rollup + loner.rollup) / 2, 12);
    expect(res.body.teams.map((t: { name: string }) => t.name)).toEqual(['Engineering', 'Platform']);
    await get(`/api/teams/${ids.eng}/rollup`).expect(400);
  });

  it('serves the check-in series ordered by effective time, with the actor', async () => {
    api.clock.set('2026-01-07T00:00:00.000Z');
    await post(`/api/key-results/${ids.topKr}/check-ins`, {
      value: 40,
      confidence: 0.7,
      effectiveAt: '2026-01-03T00:00:00Z',
      note: 'backdated',
    });
    const res = await get(`/api/key-results/${ids.topKr}/check-ins`).expect(200);
    expect(res.body.items.map((c: { value: number }) => c.value)).toEqual([40, 50]);
    expect(res.body.items[0]).toMatchObject({
      note: 'backdated',
      effectiveAt: '2026-01-03T00:00:00.000Z',
      recordedAt: '2026-01-07T00:00:00.000Z',
      actor: { id: 'default-admin', name: 'Administrator' },
    });
    // The backdated check-in does not replace the later one as the current value.
    expect((await get(`/api/key-results/${ids.topKr}`).expect(200)).body.current).toBe(50);
    await get('/api/key-results/nope/check-ins').expect(404);
    // Paged one at a time with the cursors it returns: the same series.
    const first = await get(`/api/key-results/${ids.topKr}/check-ins?limit=1`).expect(200);
    expect(first.body.items.map((c: { value: number }) => c.value)).toEqual([40]);
    const second = await get(`/api/key-results/${ids.topKr}/check-ins?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`).expect(
      200,
    );
    expect(second.body).toMatchObject({ keyResultId: ids.topKr, items: [{ value: 50 }], nextCursor: null });
    const bad = await get(`/api/key-results/${ids.topKr}/check-ins?cursor=not-a-cursor`).expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });

  it('flags outputs without outcome, outcomes without outputs, orphans and unaligned objectives', async () => {
    const done1 = (await post('/api/initiatives', { title: 'Build cache', keyResultIds: [ids.midKr] })).id;
    const done2 = (await post('/api/initiatives', { title: 'Parallel tests', keyResultIds: [ids.midKr] })).id;
    const dropped = (await post('/api/initiatives', { title: 'Dropped idea', keyResultIds: [ids.midKr] })).id;
    const orphan = (await post('/api/initiatives', { title: 'Someday', keyResultIds: [] })).id;
    await patch(`/api/initiatives/${done1}`, { status: 'done' });
    await patch(`/api/initiatives/${done2}`, { status: 'done' });
    await patch(`/api/initiatives/${dropped}`, { status: 'dropped' });
    // Lead time back to 9 → progress 0.125 < 0.3 while all live initiatives are done.
    await post(`/api/key-results/${ids.midKr}/check-ins`, { value: 9, confidence: 0.3 });

    const res = await get(`/api/cycles/${ids.cycle}/outputs-vs-outcomes`).expect(200);
    const row = (id: string) => res.body.keyResults.find((k: { keyResultId: string }) => k.keyResultId === id);
    expect(row(ids.midKr)).toMatchObject({ initiatives: { total: 2, done: 2 }, flags: ['outputs_without_outcome'] });
    expect(row(ids.topKr)).toMatchObject({ initiatives: { total: 0, done: 0 }, flags: ['outcome_without_outputs'] });
    expect(res.body.orphanInitiatives).toEqual([{ id: orphan, title: 'Someday', status: 'planned' }]);
    expect(res.body.unalignedObjectives.map((o: { id: string }) => o.id)).toEqual([ids.loner]);
  });

  it('waits for X-Min-Position, refuses a malformed one, and answers 503 when the projection cannot reach it in time', async () => {
    const write = await api.as().post(`/api/key-results/${ids.topKr}/check-ins`).send({ value: 60, confidence: 0.9 }).expect(201);
    const read = await api
      .as()
      .get(`/api/key-results/${ids.topKr}/check-ins`)
      .set('X-Min-Position', String(write.body.position))
      .expect(200);
    expect(read.body.items.map((c: { value: number }) => c.value)).toContain(60);
    expect(Number(read.headers['x-projection-position'])).toBeGreaterThanOrEqual(write.body.position);
    const bad = await api.as().get(`/api/objectives/${ids.top}`).set('X-Min-Position', 'soon').expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'X-Min-Position' })]);
    const started = Date.now();
    const late = await api
      .as()
      .get(`/api/objectives/${ids.top}`)
      .set('X-Min-Position', String(write.body.position + 1000))
      .expect(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4900);
    expect(late.headers['retry-after']).toBe('1');
  }, 15_000);

  it('keeps tenants apart in every query', async () => {
    const tenant = await api.as().post('/api/tenants').send({ name: 'Other', adminName: 'Oscar' }).expect(201);
    const other = api.as(tenant.body.adminToken);
    await other.get(`/api/objectives/${ids.top}`).set(fresh(last)).expect(404);
    await other.get(`/api/cycles/${ids.cycle}/alignment`).expect(404);
    await other.get(`/api/cycles/${ids.cycle}/outputs-vs-outcomes`).expect(404);
    await other.get(`/api/teams/${ids.eng}/rollup?cycleId=${ids.cycle}`).expect(404);
    await other.get(`/api/key-results/${ids.topKr}/check-ins`).expect(404);
    expect((await other.get('/api/objectives').expect(200)).body.items).toEqual([]);
  });
});
