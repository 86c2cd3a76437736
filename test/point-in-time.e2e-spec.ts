import { mulberry32 } from '@okr/demo';
import { startTestApi, TestApi } from './support/test-api';

/**
 * Point in time: `?asOf=T` answers equal, field for field, what the live endpoints answered at T. A quarter is
 * simulated through HTTP on the manual clock; at eight moments the live answers are captured; at the end the
 * same questions are asked with asOf and compared.
 */
jest.setTimeout(120_000);

const DAY = 24 * 3600_000;
const QUARTER = { name: '2026 Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' };

interface Quarter {
  cycleId: string;
  objectiveIds: string[];
  keyResultIds: string[];
  /** Key results of objectives that were closed or archived: check-ins on them are refused from then on. */
  ended: Set<string>;
  objectiveOf: Map<string, string>;
}

/** A cycle with a company / department / squad tree of objectives, key results of every metric type and initiatives (on 2025-12-20). */
async function planQuarter(api: TestApi): Promise<Quarter> {
  const admin = api.as();
  api.clock.set('2025-12-20T09:00:00.000Z');
  const cycle = await admin.post('/api/cycles').send(QUARTER).expect(201);
  const people: string[] = [];
  for (const name of ['Ada Lovelace', 'Grace Hopper', 'Alan Turing']) {
    api.clock.advance(60_000);
    people.push((await admin.post('/api/users').send({ name, role: 'editor' }).expect(201)).body.id);
  }
  const company = (await admin.post('/api/teams').send({ name: 'Company' }).expect(201)).body.id;
  const teams = [company];
  for (const name of ['Engineering', 'Sales']) {
    api.clock.advance(60_000);
    teams.push((await admin.post('/api/teams').send({ name, parentTeamId: company }).expect(201)).body.id);
  }
  const objectiveIds: string[] = [];
  const keyResultIds: string[] = [];
  const objectiveOf = new Map<string, string>();
  const metrics = [
    { type: 'increase', start: 0, target: 100, unit: 'users' },
    { type: 'decrease', start: 10, target: 3, unit: '%' },
    { type: 'atLeast', start: 20, target: 60, unit: 'NPS' },
    { type: 'atMost', start: 900, target: 300, unit: 'ms' },
    { type: 'milestone' },
  ];
  for (let i = 0; i < 7; i++) {
    api.clock.advance(3600_000);
    const created = await admin
      .post('/api/objectives')
      .send({
        cycleId: cycle.body.id,
        title: `Objective ${i}`,
        kind: i % 3 === 0 ? 'aspirational' : 'committed',
        teamId: teams[i % teams.length],
        ownerId: people[i % people.length],
      })
      .expect(201);
    objectiveIds.push(created.body.id);
    if (i > 0)
      await admin
        .put(`/api/objectives/${created.body.id}/parent`)
        .send({ parentObjectiveId: objectiveIds[Math.floor((i - 1) / 2)], weight: 1 + (i % 3) })
        .expect(200);
    for (let k = 0; k < 2 + (i % 2); k++) {
      const kr = await admin
        .post(`/api/objectives/${created.body.id}/key-results`)
        .send({ title: `KR ${i}.${k}`, metric: metrics[(i + k) % metrics.length], weight: 1 + k })
        .expect(201);
      keyResultIds.push(kr.body.id);
      objectiveOf.set(kr.body.id, created.body.id);
    }
  }
  await admin
    .post('/api/initiatives')
    .send({ title: 'Onboarding revamp', keyResultIds: [keyResultIds[0], keyResultIds[3]] })
    .expect(201);
  await admin
    .post('/api/initiatives')
    .send({ title: 'Latency budget', keyResultIds: [keyResultIds[4]] })
    .expect(201);
  return { cycleId: cycle.body.id, objectiveIds, keyResultIds, ended: new Set(), objectiveOf };
}

/** About eleven days of activity from the clock's time on: check-ins (some backdated), moved targets and weights, a realignment, an archive. */
async function simulatePeriod(api: TestApi, quarter: Quarter, period: number, random: () => number): Promise<void> {
  const admin = api.as();
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
  const cycleStart = Date.parse(`${QUARTER.startsOn}T00:00:00Z`);
  for (let day = 0; day < 10; day++) {
    api.clock.advance(DAY);
    for (let n = 0; n < 3; n++) {
      api.clock.advance(Math.floor(random() * 3600_000));
      const kr = pick(quarter.keyResultIds);
      const backdated =
        random() < 0.25
          ? {
              effectiveAt: new Date(
                Math.max(cycleStart, api.clock.now().getTime() - Math.floor(random() * 4) * DAY - 3600_000),
              ).toISOString(),
            }
          : {};
      const res = await admin
        .post(`/api/key-results/${kr}/check-ins`)
        .send({ value: Math.round(random() * 120), confidence: Math.round(random() * 100) / 100, ...backdated });
      // Refused on a closed or archived objective (which must leave no trace either).
      expect(res.status).toBe(quarter.ended.has(quarter.objectiveOf.get(kr)!) ? 409 : 201);
    }
  }
  api.clock.advance(3600_000);
  await admin.patch(`/api/key-results/${pick(quarter.keyResultIds)}`).send({ weight: 1 + Math.floor(random() * 4) });
  await admin
    .patch(`/api/key-results/${quarter.keyResultIds[period % quarter.keyResultIds.length]}`)
    .send({ target: 150 + period, reason: 'board asked for more' });
  if (period === 3)
    await admin
      .put(`/api/objectives/${quarter.objectiveIds[6]}/parent`)
      .send({ parentObjectiveId: quarter.objectiveIds[1], weight: 3 })
      .expect(200);
  if (period === 5) {
    await admin.post(`/api/objectives/${quarter.objectiveIds[5]}/archive`).expect(200);
    quarter.ended.add(quarter.objectiveIds[5]);
  }
  if (period === 6) {
    await admin.post(`/api/objectives/${quarter.objectiveIds[4]}/close`).send({ score: 0.6 }).expect(200);
    quarter.ended.add(quarter.objectiveIds[4]);
  }
}

describe('point in time (asOf)', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi({ now: '2025-12-20T09:00:00.000Z' });
  });
  afterEach(async () => {
    await api.close();
  });

  it('answers every asOf question exactly as the live endpoints answered at that moment, over a simulated quarter', async () => {
    const quarter = await planQuarter(api);
    const admin = api.as();
    const watched = [quarter.objectiveIds[0], quarter.objectiveIds[1], quarter.objectiveIds[5], quarter.objectiveIds[6]];
    const random = mulberry32(7);
    api.clock.set('2026-01-01T08:00:00.000Z');
    const captured: { at: string; alignment: unknown; objectives: Map<string, unknown> }[] = [];
    for (let period = 0; period < 8; period++) {
      await simulatePeriod(api, quarter, period, random);
      // The moment: later than every write so far; the next write comes after it.
      api.clock.advance(1000);
      const at = api.clock.now().toISOString();
      const alignment = await admin.get(`/api/cycles/${quarter.cycleId}/alignment`).expect(200);
      expect(alignment.body.at).toBe(at);
      const objectives = new Map<string, unknown>();
      for (const id of watched) objectives.set(id, (await admin.get(`/api/objectives/${id}`).expect(200)).body);
      captured.push({ at, alignment: alignment.body, objectives });
      api.clock.advance(1000);
    }
    // The quarter moved: the answers differ from one moment to the next (else the comparison would prove little).
    expect(new Set(captured.map((c) => JSON.stringify(c.alignment))).size).toBe(captured.length);

    for (const moment of captured) {
      const alignment = await admin.get(`/api/cycles/${quarter.cycleId}/alignment?asOf=${encodeURIComponent(moment.at)}`).expect(200);
      expect(alignment.body).toEqual(moment.alignment);
      for (const [id, live] of moment.objectives) {
        const res = await admin.get(`/api/objectives/${id}?asOf=${encodeURIComponent(moment.at)}`).expect(200);
        expect(res.body).toEqual(live);
      }
    }
    // Gzipped asOf answers decode to the same tree.
    const last = captured[captured.length - 1];
    const gzipped = await admin
      .get(`/api/cycles/${quarter.cycleId}/alignment?asOf=${encodeURIComponent(last.at)}`)
      .set('Accept-Encoding', 'gzip')
      .expect(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.body).toEqual(last.alignment);
  });

  it('leaves a backdated check-in out of every view before it was recorded, and shows it from then on', async () => {
    const quarter = await planQuarter(api);
    const admin = api.as();
    const objectiveId = quarter.objectiveIds[0];
    const keyResultId = quarter.keyResultIds[0]; // increase 0 → 100
    api.clock.set('2026-01-10T09:00:00.000Z');
    await admin.post(`/api/key-results/${keyResultId}/check-ins`).send({ value: 10, confidence: 0.5 }).expect(201);
    const effective = '2026-01-15T09:00:00.000Z';
    api.clock.set('2026-01-20T09:00:00.000Z');
    const recorded = api.clock.now().toISOString();
    await admin.post(`/api/key-results/${keyResultId}/check-ins`).send({ value: 40, confidence: 0.8, effectiveAt: effective }).expect(201);
    api.clock.set('2026-01-25T09:00:00.000Z');

    const keyResultAt = async (asOf: string) => {
      const objective = await admin.get(`/api/objectives/${objectiveId}?asOf=${encodeURIComponent(asOf)}`).expect(200);
      return objective.body.keyResults.find((k: { id: string }) => k.id === keyResultId);
    };
    // Between its effective time and its recording nobody knew of it.
    for (const asOf of ['2026-01-16T00:00:00.000Z', '2026-01-20T08:59:59.999Z']) {
      expect(await keyResultAt(asOf)).toMatchObject({ current: 10, checkInCount: 1, lastEffectiveAt: '2026-01-10T09:00:00.000Z' });
    }
    // From its recording on, it counts, with its effective time.
    for (const asOf of [recorded, '2026-01-24T00:00:00.000Z']) {
      expect(await keyResultAt(asOf)).toMatchObject({ current: 40, checkInCount: 2, lastEffectiveAt: effective });
    }
    const before = await admin.get(`/api/cycles/${quarter.cycleId}/alignment?asOf=2026-01-20T08:59:59.999Z`).expect(200);
    const after = await admin.get(`/api/cycles/${quarter.cycleId}/alignment?asOf=${encodeURIComponent(recorded)}`).expect(200);
    expect(after.body.roots[0].progress).toBeGreaterThan(before.body.roots[0].progress);
  });

  it('answers 404 before the cycle or objective existed, and 400 for a bad or future asOf', async () => {
    const quarter = await planQuarter(api);
    const admin = api.as();
    await admin.get(`/api/cycles/${quarter.cycleId}/alignment?asOf=2025-12-01T00:00:00Z`).expect(404);
    await admin.get(`/api/objectives/${quarter.objectiveIds[0]}?asOf=2025-12-01T00:00:00Z`).expect(404);
    // The cycle existed before the last objective did.
    const created = '2025-12-20T09:03:00.000Z';
    const early = await admin.get(`/api/cycles/${quarter.cycleId}/alignment?asOf=${created}`).expect(200);
    expect(early.body.objectives).toBe(0);
    await admin.get(`/api/objectives/${quarter.objectiveIds[6]}?asOf=${created}`).expect(404);

    for (const bad of ['yesterday', '2026-02-30T00:00:00Z', '2026-01-10', '2026-01-10T10:00:00']) {
      const res = await admin.get(`/api/objectives/${quarter.objectiveIds[0]}?asOf=${encodeURIComponent(bad)}`).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'asOf' })]);
    }
    const future = new Date(api.clock.now().getTime() + DAY).toISOString();
    const res = await admin.get(`/api/cycles/${quarter.cycleId}/alignment?asOf=${future}`).expect(400);
    expect(res.body.errors).toEqual([{ field: 'asOf', message: 'asOf must not be in the future' }]);
  });
});
