import { TestApi, startTestApi } from './support/test-api';

const DAY = 24 * 3600_000;
const T0 = '2026-01-05T10:00:00.000Z';
const at = (days: number) => new Date(Date.parse(T0) + days * DAY).toISOString();

interface Item {
  keyResultId: string;
  status: string;
  dueAt: string;
}
const ids = (items: Item[]) => items.map((i) => i.keyResultId);

/**
 * Check-in cadence over HTTP: Lea (an editor) owns an objective with a weekly, a fortnightly and a monthly key result,
 * and a key result in Bob's objective; a viewer owns one; another tenant has its own.
 */
describe('check-in cadence: my check-ins and missed check-ins', () => {
  let api: TestApi;
  const id: Record<string, string> = {};
  const token: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi({ now: T0 });
    const admin = api.as();
    id.cycle = (
      await admin.post('/api/cycles').send({ name: '2026 Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' }).expect(201)
    ).body.id;
    for (const [name, role] of [
      ['lea', 'editor'],
      ['bob', 'editor'],
      ['vic', 'viewer'],
    ]) {
      const user = await admin.post('/api/users').send({ name, role }).expect(201);
      id[name] = user.body.id;
      token[name] = user.body.token;
    }
    const objective = async (title: string, ownerId: string) =>
      (await admin.post('/api/objectives').send({ cycleId: id.cycle, title, kind: 'committed', ownerId }).expect(201)).body.id as string;
    const keyResult = async (objectiveId: string, title: string, extra: object = {}) =>
      (
        await admin
          .post(`/api/objectives/${objectiveId}/key-results`)
          .send({ title, metric: { type: 'increase', start: 0, target: 100, unit: 'users' }, ...extra })
          .expect(201)
      ).body.id as string;
    id.leaObjective = await objective('Grow the community', id.lea);
    id.bobObjective = await objective('Ship the app', id.bob);
    id.vicObjective = await objective('Watch the market', id.vic);
    id.weekly = await keyResult(id.leaObjective, 'Weekly signups');
    id.fortnightly = await keyResult(id.leaObjective, 'Meetups held', { checkInCadence: 'fortnightly' });
    id.monthly = await keyResult(id.leaObjective, 'Forum posts', { checkInCadence: 'monthly' });
    id.bobs = await keyResult(id.bobObjective, 'Crash-free sessions');
    id.vics = await keyResult(id.vicObjective, 'Competitors tracked');
    api.clock.set(at(1));
    id.owned = await keyResult(id.bobObjective, 'App store rating', { ownerId: id.lea });

    // Another tenant, with a key result of its own falling due on the same days.
    const acme = await admin.post('/api/tenants').send({ name: 'Acme', adminName: 'Ada' }).expect(201);
    token.acme = acme.body.adminToken;
    const acmeCycle = await api.as(token.acme).post('/api/cycles').send({ name: 'Acme Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' });
    id.acmeCycle = acmeCycle.body.id;
    const acmeObjective = await api
      .as(token.acme)
      .post('/api/objectives')
      .send({ cycleId: id.acmeCycle, title: 'Acme grows', kind: 'committed', ownerId: acme.body.adminId })
      .expect(201);
    id.acmeKr = (
      await api
        .as(token.acme)
        .post(`/api/objectives/${acmeObjective.body.id}/key-results`)
        .send({ title: 'Acme signups', metric: { type: 'milestone' } })
        .expect(201)
    ).body.id;

    // Now: 2026-01-18T10:00. Weekly ones added on the 5th fell due on the 12th, the one added on the 6th on the 13th;
    // the fortnightly one falls due tomorrow; the monthly one on 5 February.
    api.clock.set(at(13));
  });
  afterAll(async () => {
    await api.close();
  });

  it("groups the caller's key results overdue / due / up to date, most overdue first", async () => {
    const res = await api.as(token.lea).get('/api/me/check-ins').expect(200);
    expect(ids(res.body.overdue)).toEqual([id.weekly, id.owned]);
    expect(ids(res.body.due)).toEqual([id.fortnightly]);
    expect(ids(res.body.upToDate)).toEqual([id.monthly]);
    expect(res.body.overdue[0]).toEqual({
      keyResultId: id.weekly,
      title: 'Weekly signups',
      objectiveId: id.leaObjective,
      objectiveTitle: 'Grow the community',
      cycleId: id.cycle,
      ownerId: id.lea,
      teamId: null,
      cadence: 'weekly',
      lastCheckInAt: null,
      dueAt: at(7),
      status: 'overdue',
      metricType: 'increase',
      unit: 'users',
      start: 0,
      currentValue: 0,
      target: 100,
      progress: 0,
      confidence: null,
    });
    expect(res.body.overdue[1]).toMatchObject({ objectiveId: id.bobObjective, ownerId: id.lea, dueAt: at(8) });
    expect(res.body.due[0]).toMatchObject({ cadence: 'fortnightly', status: 'due', dueAt: at(14) });
    expect(res.body.upToDate[0]).toMatchObject({ cadence: 'monthly', status: 'up_to_date', dueAt: '2026-02-05T10:00:00.000Z' });
    // The same with the cycle named.
    expect((await api.as(token.lea).get(`/api/me/check-ins?cycleId=${id.cycle}`).expect(200)).body).toEqual(res.body);
  });

  it("never shows another tenant's key results, nor its cycle", async () => {
    const lea = (await api.as(token.lea).get('/api/me/check-ins').expect(200)).body;
    const acme = (await api.as(token.acme).get('/api/me/check-ins').expect(200)).body;
    const all = (body: Record<string, Item[]>) => [...body.overdue, ...body.due, ...body.upToDate].map((i) => i.keyResultId);
    expect(all(lea)).not.toContain(id.acmeKr);
    expect(all(acme)).toEqual([id.acmeKr]);
    const missed = (await api.as().get(`/api/cycles/${id.cycle}/missed-check-ins`).expect(200)).body;
    expect(ids(missed.items)).not.toContain(id.acmeKr);
    const foreign = await api.as(token.lea).get(`/api/cycles/${id.acmeCycle}/missed-check-ins`).expect(404);
    expect(foreign.headers['content-type']).toContain('application/problem+json');
    await api.as(token.lea).get(`/api/me/check-ins?cycleId=${id.acmeCycle}`).expect(404);
    const malformed = await api.as(token.lea).get('/api/me/check-ins?cycleId=not%20an%20id').expect(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'cycleId' })]);
  });

  it('lets a viewer read their list', async () => {
    const res = await api.as(token.vic).get('/api/me/check-ins').expect(200);
    expect(res.body).toEqual({ overdue: [expect.objectContaining({ keyResultId: id.vics, ownerId: id.vic })], due: [], upToDate: [] });
  });

  it("lists the cycle's missed check-ins for the dashboard, most overdue first (then by title)", async () => {
    const res = await api.as(token.vic).get(`/api/cycles/${id.cycle}/missed-check-ins`).expect(200);
    // Due on the 12th: 'Competitors tracked', 'Crash-free sessions', 'Weekly signups'; on the 13th: 'App store rating'.
    expect(ids(res.body.items)).toEqual([id.vics, id.bobs, id.weekly, id.owned]);
    expect(res.body.items.every((i: Item) => i.status === 'overdue')).toBe(true);
  });

  it('moves a key result from overdue to up to date when its owner checks in', async () => {
    const write = await api.as(token.lea).post(`/api/key-results/${id.weekly}/check-ins`).send({ value: 12, confidence: 0.8 }).expect(201);
    const res = await api.as(token.lea).get('/api/me/check-ins').set('X-Min-Position', String(write.body.position)).expect(200);
    expect(ids(res.body.overdue)).toEqual([id.owned]);
    expect(ids(res.body.upToDate)).toEqual([id.weekly, id.monthly]);
    expect(res.body.upToDate[0]).toMatchObject({ lastCheckInAt: at(13), dueAt: at(20), currentValue: 12, confidence: 0.8 });
    const missed = await api.as().get(`/api/cycles/${id.cycle}/missed-check-ins`).set('X-Min-Position', String(write.body.position));
    expect(ids(missed.body.items)).toEqual([id.vics, id.bobs, id.owned]);
  });

  it("follows a key result's own cadence, and the tenant's that an admin sets", async () => {
    const monthly = await api.as(token.lea).patch(`/api/key-results/${id.owned}`).send({ checkInCadence: 'monthly' }).expect(200);
    let mine = (await api.as(token.lea).get('/api/me/check-ins').set('X-Min-Position', String(monthly.body.position)).expect(200)).body;
    expect(ids(mine.overdue)).toEqual([]);
    expect(mine.upToDate.find((i: Item) => i.keyResultId === id.owned)).toMatchObject({ cadence: 'monthly' });
    expect((await api.as(token.lea).get(`/api/key-results/${id.owned}`).expect(200)).body.checkInCadence).toBe('monthly');

    // Back to the tenant's (weekly): overdue again.
    await api.as(token.lea).patch(`/api/key-results/${id.owned}`).send({ checkInCadence: null }).expect(200);
    mine = (await api.as(token.lea).get('/api/me/check-ins').expect(200)).body;
    expect(ids(mine.overdue)).toEqual([id.owned]);

    // The tenant's cadence: only admins change it; a bad value names the field.
    expect((await api.as(token.lea).get('/api/tenant').expect(200)).body).toMatchObject({ name: 'Default', checkInCadence: 'weekly' });
    await api.as(token.lea).patch('/api/tenant').send({ checkInCadence: 'monthly' }).expect(403);
    const bad = await api.as().patch('/api/tenant').send({ checkInCadence: 'daily' }).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'checkInCadence' })]);
    await api.as().patch('/api/tenant').send({ checkInCadence: 'monthly' }).expect(200);
    expect((await api.as(token.lea).get('/api/tenant').expect(200)).body.checkInCadence).toBe('monthly');
    mine = (await api.as(token.lea).get('/api/me/check-ins').expect(200)).body;
    expect(ids(mine.overdue)).toEqual([]);
    expect(mine.upToDate.find((i: Item) => i.keyResultId === id.owned)).toMatchObject({ cadence: 'monthly' });
    // The other tenant keeps its own.
    expect((await api.as(token.acme).get('/api/tenant').expect(200)).body.checkInCadence).toBe('weekly');

    const history = (await api.as().get(`/api/key-results/${id.owned}/history?order=asc`).expect(200)).body.items;
    expect(history.map((e: { summary: string }) => e.summary)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Check-in cadence of 'App store rating' changed from the tenant's to monthly by lea$/),
        expect.stringMatching(/^Check-in cadence of 'App store rating' changed from monthly to the tenant's by lea$/),
      ]),
    );
    await api.as().patch('/api/tenant').send({ checkInCadence: 'weekly' }).expect(200);
  });

  it('owes nothing for a closed objective', async () => {
    await api.as().post(`/api/objectives/${id.bobObjective}/close`).send({}).expect(200);
    const mine = (await api.as(token.lea).get('/api/me/check-ins').expect(200)).body;
    expect([...ids(mine.overdue), ...ids(mine.due), ...ids(mine.upToDate)]).not.toContain(id.owned);
    expect(ids((await api.as().get(`/api/cycles/${id.cycle}/missed-check-ins`).expect(200)).body.items)).toEqual([id.vics]);
  });
});
