import { TestApi, startTestApi } from './support/test-api';

describe('GET /api/cycles/:id/target-changes: goalposts moved', () => {
  let api: TestApi;
  let last = 0;
  const ids: Record<string, string> = {};

  async function send(method: 'post' | 'patch', url: string, body: object, status: number) {
    const res = await api.as()[method](url).send(body).expect(status);
    last = Math.max(last, res.body.position ?? 0);
    return res.body;
  }
  const get = (url: string) => api.as().get(url).set('X-Min-Position', String(last));

  beforeAll(async () => {
    api = await startTestApi({ now: '2026-01-06T00:00:00.000Z' });
    ids.cycle = (await send('post', '/api/cycles', { name: 'Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' }, 201)).id;
    ids.objective = (await send('post', '/api/objectives', { cycleId: ids.cycle, title: 'Grow revenue', kind: 'committed' }, 201)).id;
    const kr = (title: string, target: number) =>
      send('post', `/api/objectives/${ids.objective}/key-results`, { title, metric: { type: 'increase', start: 0, target } }, 201);
    ids.lowered = (await kr('Deals closed', 100)).id;
    ids.untouched = (await kr('Demos given', 10)).id;
    ids.roundTrip = (await kr('Partners signed', 20)).id;
    await send('patch', `/api/key-results/${ids.lowered}`, { target: 80, reason: 'scope cut by the board' }, 200);
    await send('post', `/api/key-results/${ids.lowered}/check-ins`, { value: 60, confidence: 0.7 }, 201);
    await send('patch', `/api/key-results/${ids.roundTrip}`, { target: 30, reason: 'big market' }, 200);
    await send('patch', `/api/key-results/${ids.roundTrip}`, { target: 20, reason: 'back to plan' }, 200);
    await send('post', `/api/key-results/${ids.roundTrip}/check-ins`, { value: 5, confidence: 0.5 }, 201);
  });
  afterAll(async () => {
    await api.close();
  });

  it('lists each key result whose target changed, scored against the original and the current target, with who and why', async () => {
    const res = await get(`/api/cycles/${ids.cycle}/target-changes`).expect(200);
    expect(res.body.cycleId).toBe(ids.cycle);
    expect(res.body.keyResults.map((k: { keyResultId: string }) => k.keyResultId)).toEqual([ids.lowered, ids.roundTrip]);
    const [lowered, roundTrip] = res.body.keyResults;
    expect(lowered).toMatchObject({
      title: 'Deals closed',
      objective: { id: ids.objective, title: 'Grow revenue' },
      metric: 'increase',
      current: 60,
      originalTarget: 100,
      currentTarget: 80,
      againstOriginal: { progress: 0.6, raw: 0.6 },
      againstCurrent: { progress: 0.75, raw: 0.75 },
    });
    expect(lowered.shift).toBeCloseTo(0.15, 12);
    expect(lowered.changes).toHaveLength(1);
    expect(lowered.changes[0]).toMatchObject({ from: 100, to: 80, reason: 'scope cut by the board', actor: { name: expect.any(String) } });
    expect(lowered.changes[0].actor.name).not.toBe(lowered.changes[0].actor.id);
    // Moved and moved back: it changed twice, and the score is the same either way.
    expect(roundTrip).toMatchObject({ originalTarget: 20, currentTarget: 20, shift: 0, againstCurrent: { progress: 0.25 } });
    expect(roundTrip.changes.map((c: { from: number; to: number; reason: string }) => [c.from, c.to, c.reason])).toEqual([
      [20, 30, 'big market'],
      [30, 20, 'back to plan'],
    ]);
  });

  it("is the tenant's own: another tenant's cycle is not found", async () => {
    const other = await api.as().post('/api/tenants').send({ name: 'Other Co', adminName: 'Olga' }).expect(201);
    await api.as(other.body.adminToken).get(`/api/cycles/${ids.cycle}/target-changes`).expect(404);
  });
});
