import { TestApi, startTestApi } from './support/test-api';

interface Entry {
  position: number;
  recordedAt: string;
  effectiveAt?: string;
  actor: { id: string; name: string };
  type: string;
  streamId: string;
  summary: string;
  changes: Record<string, { from: unknown; to: unknown }>;
  reason?: string;
}

/** A quarter's worth of changes to one objective, made by two people on a simulated clock, read back as history. */
describe('history timelines and the audit trail', () => {
  let api: TestApi;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const as = (who?: string) => api.as(who ? tokens[who] : undefined);
  const at = (iso: string) => api.clock.set(iso);

  async function post(who: string | undefined, url: string, body: object, status = 201) {
    return (await as(who).post(url).send(body).expect(status)).body;
  }
  async function patch(who: string | undefined, url: string, body: object) {
    return (await as(who).patch(url).send(body).expect(200)).body;
  }
  async function put(who: string | undefined, url: string, body: object) {
    return (await as(who).put(url).send(body).expect(200)).body;
  }
  async function allPages(url: string, limit: number, between?: () => Promise<void>): Promise<Entry[]> {
    const out: Entry[] = [];
    let cursor: string | null = null;
    do {
      const sep = url.includes('?') ? '&' : '?';
      const res: { body: { items: Entry[]; nextCursor: string | null } } = await as()
        .get(`${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
        .expect(200);
      out.push(...res.body.items);
      cursor = res.body.nextCursor;
      if (between) await between();
    } while (cursor);
    return out;
  }

  beforeAll(async () => {
    api = await startTestApi({ now: '2026-01-05T09:00:00.000Z' });
    ids.cycle = (await post(undefined, '/api/cycles', { name: '2026 Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' })).id;
    ids.team = (await post(undefined, '/api/teams', { name: 'Growth' })).id;
    const ada = await post(undefined, '/api/users', { name: 'Ada Lovelace', role: 'editor' });
    const bob = await post(undefined, '/api/users', { name: 'Bob Builder', role: 'editor' });
    [ids.ada, tokens.ada, ids.bob, tokens.bob] = [ada.id, ada.token, bob.id, bob.token];

    at('2026-01-06T09:00:00.000Z');
    ids.p1 = (await post('ada', '/api/objectives', { cycleId: ids.cycle, title: 'Win the market', kind: 'committed' })).id;
    ids.p2 = (await post('ada', '/api/objectives', { cycleId: ids.cycle, title: 'Grow revenue', kind: 'committed' })).id;
    ids.obj = (
      await post('ada', '/api/objectives', { cycleId: ids.cycle, title: 'Keep customers', kind: 'committed', teamId: ids.team })
    ).id;
    ids.kr = (
      await post('ada', `/api/objectives/${ids.obj}/key-results`, {
        title: 'Reduce churn',
        metric: { type: 'decrease', start: 5, target: 3, unit: '%' },
      })
    ).id;
    ids.kr2 = (
      await post('ada', `/api/objectives/${ids.obj}/key-results`, {
        title: 'Signups',
        metric: { type: 'increase', start: 0, target: 100, unit: 'users' },
      })
    ).id;
    ids.other = (await post('ada', '/api/objectives', { cycleId: ids.cycle, title: 'Unrelated', kind: 'aspirational' })).id;
    ids.otherKr = (
      await post('ada', `/api/objectives/${ids.other}/key-results`, { title: 'Elsewhere', metric: { type: 'atLeast', target: 10 } })
    ).id;

    at('2026-01-12T10:00:00.000Z');
    await patch('ada', `/api/key-results/${ids.kr}`, { target: 2.5, reason: 'board asked for more' });
    await patch('bob', `/api/key-results/${ids.kr}`, { weight: 2 });
    await put('ada', `/api/objectives/${ids.obj}/parent`, { parentObjectiveId: ids.p1 });

    at('2026-01-19T10:00:00.000Z');
    await put('ada', `/api/objectives/${ids.obj}/parent`, { parentObjectiveId: ids.p2, weight: 2 });
    await post('bob', `/api/key-results/${ids.kr}/check-ins`, { value: 4.5, confidence: 0.6 });
    ids.initiative = (await post(undefined, '/api/initiatives', { title: 'Win-back emails', keyResultIds: [ids.kr] })).id;
    ids.elsewhere = (await post(undefined, '/api/initiatives', { title: 'Not ours', keyResultIds: [ids.otherKr] })).id;

    at('2026-01-26T10:00:00.000Z');
    await post('bob', `/api/key-results/${ids.kr}/check-ins`, { value: 4, confidence: 0.7, note: 'win-back emails are working' });
    await post('bob', `/api/key-results/${ids.kr}/check-ins`, { value: 4.2, confidence: 0.65, effectiveAt: '2026-01-22T00:00:00.000Z' });
    await patch(undefined, `/api/initiatives/${ids.initiative}`, { status: 'in_progress' });
    await patch(undefined, `/api/initiatives/${ids.elsewhere}`, { status: 'in_progress' });

    at('2026-02-02T10:00:00.000Z');
    await as('ada').delete(`/api/key-results/${ids.kr2}`).expect(200);
    await post('ada', `/api/objectives/${ids.obj}/archive`, {}, 200);
  });
  afterAll(async () => {
    await api.close();
  });

  async function objectiveHistory(query = 'limit=200'): Promise<Entry[]> {
    const res = await as().get(`/api/objectives/${ids.obj}/history?${query}`).expect(200);
    return res.body.items;
  }

  it('tells a target change as a sentence, with from → to, the actor by name and the reason', async () => {
    const items = await objectiveHistory();
    const entry = items.find((e) => e.type === 'KeyResultTargetChanged')!;
    expect(entry).toEqual({
      position: expect.any(Number),
      recordedAt: '2026-01-12T10:00:00.000Z',
      actor: { id: ids.ada, name: 'Ada Lovelace' },
      type: 'KeyResultTargetChanged',
      streamId: `keyresult-${ids.kr}`,
      summary: "Target of 'Reduce churn' changed from 3 % to 2.5 % by Ada Lovelace: board asked for more",
      changes: { target: { from: 3, to: 2.5 } },
      reason: 'board asked for more',
    });
  });

  it('records weight changes, realignments, check-ins and the archive with their changes', async () => {
    const items = await objectiveHistory();
    const weight = items.find((e) => e.type === 'KeyResultWeightChanged')!;
    expect(weight).toMatchObject({
      actor: { id: ids.bob, name: 'Bob Builder' },
      changes: { weight: { from: 1, to: 2 } },
      summary: "Weight of 'Reduce churn' changed from 1 to 2 by Bob Builder",
    });

    const [realigned, aligned] = items.filter((e) => e.type === 'ObjectiveAligned');
    expect(aligned).toMatchObject({
      summary: "'Keep customers' aligned under 'Win the market' with weight 1 by Ada Lovelace",
      changes: { parentObjectiveId: { from: null, to: ids.p1 } },
    });
    expect(realigned).toMatchObject({
      summary: "'Keep customers' realigned from 'Win the market' to 'Grow revenue' with weight 2 by Ada Lovelace",
      changes: { parentObjectiveId: { from: ids.p1, to: ids.p2 }, alignmentWeight: { from: 1, to: 2 } },
    });

    const [backdated, second, first] = items.filter((e) => e.type === 'KeyResultCheckedIn');
    expect(first).toMatchObject({
      effectiveAt: '2026-01-19T10:00:00.000Z',
      changes: { value: { from: 5, to: 4.5 }, confidence: { from: null, to: 0.6 } },
    });
    expect(second).toMatchObject({
      effectiveAt: '2026-01-26T10:00:00.000Z',
      changes: { value: { from: 4.5, to: 4 }, confidence: { from: 0.6, to: 0.7 } },
      reason: 'win-back emails are working',
      summary: "'Reduce churn' checked in at 4 % (was 4.5 %), confidence 70 % (was 60 %) by Bob Builder: win-back emails are working",
    });
    expect(backdated).toMatchObject({
      effectiveAt: '2026-01-22T00:00:00.000Z',
      recordedAt: '2026-01-26T10:00:00.000Z',
      changes: { value: { from: 4.5, to: 4.2 }, confidence: { from: 0.6, to: 0.65 } },
      summary: "'Reduce churn' checked in at 4.2 % effective 2026-01-22 (was 4.5 %), confidence 65 % (was 60 %) by Bob Builder",
    });

    expect(items[0]).toMatchObject({
      type: 'ObjectiveArchived',
      summary: "Objective 'Keep customers' archived by Ada Lovelace",
      changes: { status: { from: 'open', to: 'archived' } },
    });
    expect(items[1]).toMatchObject({
      type: 'KeyResultRemoved',
      streamId: `keyresult-${ids.kr2}`,
      summary: "Key result 'Signups' removed from 'Keep customers' by Ada Lovelace",
      changes: { removed: { from: false, to: true } },
    });
  });

  it('covers the objective, its key results and their initiatives only, newest first, oldest first on request', async () => {
    const items = await objectiveHistory();
    const positions = items.map((e) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => b - a));
    expect(new Set(items.map((e) => e.streamId))).toEqual(
      new Set([`objective-${ids.obj}`, `keyresult-${ids.kr}`, `keyresult-${ids.kr2}`, `initiative-${ids.initiative}`]),
    );
    expect(items.filter((e) => e.streamId === `initiative-${ids.initiative}`).map((e) => e.type)).toEqual([
      'InitiativeStatusChanged',
      'InitiativeCreated',
    ]);
    expect(items.find((e) => e.type === 'InitiativeCreated')!.summary).toMatch(
      /^Initiative 'Win-back emails' created, linked to 'Reduce churn', by /,
    );
    expect(items[items.length - 1]).toMatchObject({
      type: 'ObjectiveCreated',
      changes: { title: { from: null, to: 'Keep customers' }, teamId: { from: null, to: ids.team } },
    });
    expect(items[items.length - 1].summary).toBe(
      "Objective 'Keep customers' created in cycle '2026 Q1' (committed, team 'Growth') by Ada Lovelace",
    );

    const ascending = await objectiveHistory('limit=200&order=asc');
    expect(ascending).toEqual([...items].reverse());
  });

  it('pages with an opaque cursor, stable while new events arrive', async () => {
    const before = await objectiveHistory();
    let written = false;
    const paged = await allPages(`/api/objectives/${ids.obj}/history`, 4, async () => {
      if (written) return;
      written = true;
      // A new event between pages: newest first, it lands before the first page and shifts nothing.
      await patch('bob', `/api/initiatives/${ids.initiative}`, { status: 'done' });
    });
    expect(paged).toEqual(before);
    const after = await objectiveHistory();
    expect(after.length).toBe(before.length + 1);
    expect(after[0]).toMatchObject({
      type: 'InitiativeStatusChanged',
      summary: "Status of initiative 'Win-back emails' changed from in progress to done by Bob Builder",
      changes: { status: { from: 'in_progress', to: 'done' } },
    });

    expect(await allPages(`/api/objectives/${ids.obj}/history?order=asc`, 5)).toEqual([...after].reverse());
    const bad = await as().get(`/api/objectives/${ids.obj}/history?cursor=nonsense`).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    const descCursor = (await as().get(`/api/objectives/${ids.obj}/history?limit=1`).expect(200)).body.nextCursor;
    await as()
      .get(`/api/objectives/${ids.obj}/history?order=asc&cursor=${encodeURIComponent(descCursor)}`)
      .expect(400);
    await as().get(`/api/objectives/${ids.obj}/history?order=sideways`).expect(400);
    await as().get(`/api/objectives/${ids.obj}/history?limit=0`).expect(400);
  });

  it('gives a key result its own timeline with its initiatives', async () => {
    const res = await as().get(`/api/key-results/${ids.kr}/history?order=asc`).expect(200);
    const items: Entry[] = res.body.items;
    expect(res.body.keyResultId).toBe(ids.kr);
    expect(new Set(items.map((e) => e.streamId))).toEqual(new Set([`keyresult-${ids.kr}`, `initiative-${ids.initiative}`]));
    expect(items.map((e) => e.type)).toEqual([
      'KeyResultAdded',
      'KeyResultTargetChanged',
      'KeyResultWeightChanged',
      'KeyResultCheckedIn',
      'InitiativeCreated',
      'KeyResultCheckedIn',
      'KeyResultCheckedIn',
      'InitiativeStatusChanged',
      'InitiativeStatusChanged', // done, written by the paging test
    ]);
    expect(items[0].summary).toBe(
      "Key result 'Reduce churn' added to 'Keep customers': decrease from 5 % to 3 %, weight 1, by Ada Lovelace",
    );
    await as().get('/api/key-results/no-such-key-result/history').expect(404);
  });

  it('lists the tenant-wide audit trail filtered by actor, type and recording window', async () => {
    const bobs: Entry[] = (await as().get(`/api/audit?actorId=${ids.bob}&limit=200`).expect(200)).body.items;
    expect(bobs.map((e) => e.type)).toEqual([
      'KeyResultWeightChanged',
      'KeyResultCheckedIn',
      'KeyResultCheckedIn',
      'KeyResultCheckedIn',
      'InitiativeStatusChanged',
    ]);
    expect(bobs.every((e) => e.actor.id === ids.bob && e.actor.name === 'Bob Builder')).toBe(true);
    expect(bobs.map((e) => e.type)).toEqual(expect.arrayContaining(['KeyResultWeightChanged', 'KeyResultCheckedIn']));

    const comma = (await as().get('/api/audit?type=KeyResultTargetChanged,KeyResultWeightChanged').expect(200)).body;
    const repeated = (await as().get('/api/audit?type=KeyResultTargetChanged&type=KeyResultWeightChanged').expect(200)).body;
    expect(comma.items.map((e: Entry) => e.type)).toEqual(['KeyResultTargetChanged', 'KeyResultWeightChanged']);
    expect(repeated.items).toEqual(comma.items);
    expect(comma.items[0]).toMatchObject({
      summary: "Target of 'Reduce churn' changed from 3 % to 2.5 % by Ada Lovelace: board asked for more",
      changes: { target: { from: 3, to: 2.5 } },
    });
    expect(comma.nextCursor).toBeNull();
    expect(comma.scannedUpTo).toBe(await api.eventCount());

    const window = (await as().get('/api/audit?from=2026-01-19T00:00:00Z&to=2026-01-26T00:00:00Z&limit=200').expect(200)).body
      .items as Entry[];
    expect(window.map((e) => e.type)).toEqual(['ObjectiveAligned', 'KeyResultCheckedIn', 'InitiativeCreated', 'InitiativeCreated']);
    expect(window[0].changes).toEqual({ parentObjectiveId: { from: ids.p1, to: ids.p2 }, alignmentWeight: { from: 1, to: 2 } });
    expect(window.every((e) => e.recordedAt >= '2026-01-19T00:00:00.000Z' && e.recordedAt < '2026-01-26T00:00:00.000Z')).toBe(true);

    const everything: Entry[] = (await as().get('/api/audit?limit=200').expect(200)).body.items;
    expect(await allPages('/api/audit', 3)).toEqual(everything);
    expect(everything.map((e) => e.position)).toEqual([...everything.map((e) => e.position)].sort((a, b) => a - b));

    await as().get('/api/audit?type=NoSuchEvent').expect(400);
    await as().get('/api/audit?from=yesterday').expect(400);
    await as().get('/api/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z').expect(400);
    await as().get('/api/audit?cursor=%21%21').expect(400);
    // Any role of the tenant reads it.
    const viewer = await post(undefined, '/api/users', { name: 'Vera Viewer', role: 'viewer' });
    await api.as(viewer.token).get('/api/audit?limit=1').expect(200);
  });

  it('shows another tenant nothing: 404 for the timelines, none of our events in its audit trail', async () => {
    const acme = await post(undefined, '/api/tenants', { name: 'Acme', adminName: 'Ann' });
    const other = api.as(acme.adminToken);
    const notFound = await other.get(`/api/objectives/${ids.obj}/history`).expect(404);
    expect(notFound.headers['content-type']).toMatch(/application\/problem\+json/);
    await other.get(`/api/key-results/${ids.kr}/history`).expect(404);
    const theirs: Entry[] = (await other.get('/api/audit?limit=200').expect(200)).body.items;
    const ours: Entry[] = (await as().get('/api/audit?limit=200').expect(200)).body.items;
    const ourPositions = new Set(ours.map((e) => e.position));
    expect(theirs.some((e) => ourPositions.has(e.position))).toBe(false);
    expect(theirs.some((e) => e.streamId.includes(ids.obj) || e.actor.id === ids.ada || e.actor.id === ids.bob)).toBe(false);
    expect((await other.get(`/api/audit?actorId=${ids.ada}`).expect(200)).body.items).toEqual([]);
  });
});
