import { TestApi, startTestApi } from './support/test-api';

describe('GET /api/cycles/:id/diff: what changed between two instants', () => {
  let api: TestApi;
  const ids: Record<string, string> = {};
  const T1 = '2026-01-10T00:00:00.000Z';
  const T2 = '2026-01-20T00:00:00.000Z';

  async function send(method: 'post' | 'patch' | 'put', url: string, body: object, status = 201) {
    return (await api.as()[method](url).send(body).expect(status)).body;
  }

  beforeAll(async () => {
    api = await startTestApi({ now: '2026-01-05T00:00:00.000Z' });
    ids.cycle = (await send('post', '/api/cycles', { name: 'Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' })).id;
    const objective = async (title: string) =>
      (await send('post', '/api/objectives', { cycleId: ids.cycle, title, kind: 'committed' })).id as string;
    ids.top = await objective('Win the market');
    ids.child = await objective('Ship faster');
    ids.doomed = await objective('Side quest');
    ids.closing = await objective('Quick win');
    await send('put', `/api/objectives/${ids.child}/parent`, { parentObjectiveId: ids.top }, 200);
    const kr = async (objectiveId: string, title: string, target: number) =>
      (await send('post', `/api/objectives/${objectiveId}/key-results`, { title, metric: { type: 'increase', start: 0, target } }))
        .id as string;
    ids.revenue = await kr(ids.top, 'Revenue', 100);
    ids.deploys = await kr(ids.child, 'Deploys per day', 10);
    ids.quick = await kr(ids.closing, 'Quick thing', 1);
    await send('post', `/api/key-results/${ids.revenue}/check-ins`, { value: 10, confidence: 0.5 });

    api.clock.set(T1);
    api.clock.advance(1000);
    // Between T1 and T2: an objective added, one archived, one closed, a realignment weight, a target, a weight, check-ins.
    ids.added = await objective('New idea');
    await send('post', `/api/objectives/${ids.doomed}/archive`, {}, 200);
    await send('post', `/api/key-results/${ids.quick}/check-ins`, { value: 1, confidence: 1 });
    await send('post', `/api/objectives/${ids.closing}/close`, { score: 0.9 }, 200);
    await send('put', `/api/objectives/${ids.child}/parent`, { parentObjectiveId: ids.top, weight: 3 }, 200);
    await send('patch', `/api/key-results/${ids.revenue}`, { target: 80, reason: 'market shrank' }, 200);
    await send('patch', `/api/key-results/${ids.deploys}`, { weight: 2 }, 200);
    await send('post', `/api/key-results/${ids.deploys}/check-ins`, { value: 5, confidence: 0.8 });
    api.clock.set(T2);
  });
  afterAll(async () => {
    await api.close();
  });

  it('lists objectives added, archived, closed and realigned, key results re-targeted and re-weighted, and progress deltas', async () => {
    const res = await api.as().get(`/api/cycles/${ids.cycle}/diff?from=${T1}&to=${T2}`).expect(200);
    const d = res.body;
    expect(d).toMatchObject({ cycleId: ids.cycle, from: T1, to: T2 });
    expect(d.objectives.added).toEqual([{ id: ids.added, title: 'New idea', parentId: null }]);
    expect(d.objectives.archived).toEqual([{ id: ids.doomed, title: 'Side quest' }]);
    expect(d.objectives.closed).toEqual([{ id: ids.closing, title: 'Quick win', score: 0.9 }]);
    expect(d.objectives.realigned).toEqual([
      { id: ids.child, title: 'Ship faster', parent: { from: ids.top, to: ids.top }, weight: { from: 1, to: 3 } },
    ]);
    expect(d.keyResults.targetChanged).toEqual([
      {
        id: ids.revenue,
        title: 'Revenue',
        objectiveId: ids.top,
        from: 100,
        to: 80,
        changes: [
          {
            position: expect.any(Number),
            recordedAt: '2026-01-10T00:00:01.000Z',
            actor: { id: expect.any(String), name: expect.any(String) },
            from: 100,
            to: 80,
            reason: 'market shrank',
          },
        ],
      },
    ]);
    expect(d.keyResults.targetChanged[0].changes[0].actor.name).not.toBe(d.keyResults.targetChanged[0].changes[0].actor.id);
    expect(d.keyResults.weightChanged).toEqual([
      {
        id: ids.deploys,
        title: 'Deploys per day',
        objectiveId: ids.child,
        from: 1,
        to: 2,
        changes: [expect.objectContaining({ from: 1, to: 2 })],
      },
    ]);
    expect(d.keyResults.added).toEqual([]);
    const child = d.progress.find((p: { id: string }) => p.id === ids.child);
    expect(child.progress).toEqual({ from: 0, to: 0.5, delta: 0.5 });
    const top = d.progress.find((p: { id: string }) => p.id === ids.top);
    // Revenue 10 of 100 → 10 of 80; the rollup also takes the child (weight 1 → 3, progress 0 → 0.5).
    expect(top.progress.from).toBeCloseTo(0.1, 12);
    expect(top.progress.to).toBeCloseTo(0.125, 12);
    expect(top.rollup.from).toBeCloseTo((0.1 + 0) / 2, 12);
    expect(top.rollup.to).toBeCloseTo((0.125 + 3 * 0.5) / 4, 12);
    expect(top.status).toEqual({ from: expect.any(String), to: expect.any(String) });
  });

  it('treats everything as added from an instant before the cycle existed, and refuses bad instants', async () => {
    const early = await api.as().get(`/api/cycles/${ids.cycle}/diff?from=2025-12-01T00:00:00Z&to=${T1}`).expect(200);
    expect(early.body.objectives.added.map((o: { id: string }) => o.id).sort()).toEqual(
      [ids.top, ids.child, ids.doomed, ids.closing].sort(),
    );
    await api.as().get(`/api/cycles/${ids.cycle}/diff?from=${T2}&to=${T1}`).expect(400);
    await api.as().get(`/api/cycles/${ids.cycle}/diff?from=${T1}&to=2030-01-01T00:00:00Z`).expect(400);
    await api.as().get(`/api/cycles/${ids.cycle}/diff?from=yesterday&to=${T2}`).expect(400);
    await api.as().get(`/api/cycles/${ids.cycle}/diff?to=${T2}`).expect(400);
    await api.as().get(`/api/cycles/00000000-0000-4000-8000-000000000000/diff?from=${T1}&to=${T2}`).expect(404);
  });
});
