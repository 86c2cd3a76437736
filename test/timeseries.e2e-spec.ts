import { mulberry32 } from '@okr/demo';
import { startTestApi, TestApi } from './support/test-api';

/**
 * GET /api/cycles/:id/timeseries over a quarter simulated through HTTP on the manual clock: at every week boundary
 * the live objectives are captured; afterwards the series must give, at each boundary, exactly what the live
 * endpoint answered then (and what asOf answers), in JSON and CSV, weekly and daily.
 */
jest.setTimeout(180_000);

const DAY = 24 * 3600_000;
const QUARTER = { name: '2026 Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' };
const CYCLE_START = Date.parse('2026-01-01T00:00:00.000Z');
const CYCLE_END = Date.parse('2026-04-01T00:00:00.000Z');

interface Quarter {
  cycleId: string;
  objectiveIds: string[];
  keyResultIds: string[];
  objectiveOf: Map<string, string>;
  ended: Set<string>;
}

interface LiveObjective {
  id: string;
  progress: number;
  rollup: number;
  keyResults: { id: string; current: number; progress: number }[];
}

interface SeriesJson {
  cycleId: string;
  interval: string;
  boundaries: string[];
  objectives: { id: string; title: string; progress: (number | null)[]; rollup: (number | null)[] }[];
  keyResults: { id: string; objectiveId: string; title: string; value: (number | null)[]; progress: (number | null)[] }[];
}

/** A cycle with a tree of seven objectives and key results of every metric type (planned on 2025-12-20). */
async function planQuarter(api: TestApi): Promise<Quarter> {
  const admin = api.as();
  api.clock.set('2025-12-20T09:00:00.000Z');
  const cycle = await admin.post('/api/cycles').send(QUARTER).expect(201);
  const team = (await admin.post('/api/teams').send({ name: 'Company' }).expect(201)).body.id;
  const metrics = [
    { type: 'increase', start: 0, target: 100, unit: 'users' },
    { type: 'decrease', start: 10, target: 3, unit: '%' },
    { type: 'atLeast', start: 20, target: 60, unit: 'NPS' },
    { type: 'atMost', start: 900, target: 300, unit: 'ms' },
    { type: 'milestone' },
  ];
  const quarter: Quarter = { cycleId: cycle.body.id, objectiveIds: [], keyResultIds: [], objectiveOf: new Map(), ended: new Set() };
  for (let i = 0; i < 7; i++) {
    api.clock.advance(3600_000);
    const created = await admin
      .post('/api/objectives')
      .send({ cycleId: quarter.cycleId, title: `Objective ${i}, "quoted"`, kind: 'committed', teamId: team })
      .expect(201);
    quarter.objectiveIds.push(created.body.id);
    if (i > 0)
      await admin
        .put(`/api/objectives/${created.body.id}/parent`)
        .send({ parentObjectiveId: quarter.objectiveIds[Math.floor((i - 1) / 2)], weight: 1 + (i % 3) })
        .expect(200);
    for (let k = 0; k < 2 + (i % 2); k++) {
      const kr = await admin
        .post(`/api/objectives/${created.body.id}/key-results`)
        .send({ title: `KR ${i}.${k}`, metric: metrics[(i + k) % metrics.length], weight: 1 + k })
        .expect(201);
      quarter.keyResultIds.push(kr.body.id);
      quarter.objectiveOf.set(kr.body.id, created.body.id);
    }
  }
  return quarter;
}

/** A week of activity before `until` (exclusive): check-ins on the minute, never backdated; a moved target and weight; a realignment, an archive, a removal. */
async function simulateWeek(
  api: TestApi,
  quarter: Quarter,
  week: number,
  since: number,
  until: number,
  random: () => number,
): Promise<void> {
  const admin = api.as();
  const live = () => quarter.keyResultIds.filter((kr) => !quarter.ended.has(kr) && !quarter.ended.has(quarter.objectiveOf.get(kr)!));
  for (let n = 0; n < 6; n++) {
    const slot = (until - since - 6 * 3600_000) / 6; // six check-ins spread over the week, the last hours kept free
    api.clock.set(new Date(since + 60_000 + n * slot + Math.floor(random() * (slot - 120_000))).toISOString());
    const candidates = live();
    const kr = candidates[Math.floor(random() * candidates.length)];
    await admin
      .post(`/api/key-results/${kr}/check-ins`)
      .send({ value: Math.round(random() * 1200) / 10, confidence: 0.6 })
      .expect(201);
  }
  api.clock.set(new Date(until - 3600_000).toISOString());
  const candidates = live();
  // Some metric types refuse such a target (400): what is accepted moves the goalposts.
  await admin
    .patch(`/api/key-results/${candidates[week % candidates.length]}`)
    .send({ target: 150 + week, reason: 'board asked for more' });
  await admin
    .patch(`/api/key-results/${candidates[(week * 5 + 1) % candidates.length]}`)
    .send({ weight: 1 + (week % 4) })
    .expect(200);
  if (week === 3)
    await admin
      .put(`/api/objectives/${quarter.objectiveIds[6]}/parent`)
      .send({ parentObjectiveId: quarter.objectiveIds[1], weight: 3 })
      .expect(200);
  if (week === 5) {
    await admin.post(`/api/objectives/${quarter.objectiveIds[5]}/archive`).expect(200);
    quarter.ended.add(quarter.objectiveIds[5]);
  }
  if (week === 7) {
    await admin.delete(`/api/key-results/${quarter.keyResultIds[1]}`).expect(200);
    quarter.ended.add(quarter.keyResultIds[1]);
  }
}

/** RFC 4180 records (quoted fields with doubled quotes), CRLF line ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

/** The JSON series rebuilt from the CSV rows (absent entities have no row: null). */
function seriesFromCsv(text: string, json: SeriesJson): SeriesJson {
  const [header, ...rows] = parseCsv(text);
  expect(header).toEqual(['at', 'kind', 'id', 'objectiveId', 'title', 'value', 'progress', 'rollup']);
  const nulls = () => json.boundaries.map(() => null as number | null);
  const objectives = new Map(json.objectives.map((o) => [o.id, { id: o.id, title: o.title, progress: nulls(), rollup: nulls() }]));
  const keyResults = new Map(
    json.keyResults.map((k) => [k.id, { id: k.id, objectiveId: k.objectiveId, title: k.title, value: nulls(), progress: nulls() }]),
  );
  for (const [at, kind, id, objectiveId, title, value, progress, rollup] of rows) {
    const b = json.boundaries.indexOf(at);
    expect(b).toBeGreaterThanOrEqual(0);
    if (kind === 'objective') {
      const o = objectives.get(id)!;
      expect([objectiveId, value, title]).toEqual(['', '', o.title]);
      o.progress[b] = Number(progress);
      o.rollup[b] = Number(rollup);
    } else {
      expect(kind).toBe('keyResult');
      const k = keyResults.get(id)!;
      expect([objectiveId, rollup, title]).toEqual([k.objectiveId, '', k.title]);
      k.value[b] = Number(value);
      k.progress[b] = Number(progress);
    }
  }
  return {
    cycleId: json.cycleId,
    interval: json.interval,
    boundaries: json.boundaries,
    objectives: [...objectives.values()],
    keyResults: [...keyResults.values()],
  };
}

describe('time series (GET /api/cycles/:id/timeseries)', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi({ now: '2025-12-20T09:00:00.000Z' });
  });
  afterEach(async () => {
    await api.close();
  });

  it('gives at each boundary exactly what the live endpoint answered then (and asOf answers), weekly and daily, JSON and CSV', async () => {
    const quarter = await planQuarter(api);
    const admin = api.as();
    const random = mulberry32(21);
    const weekEnds = [...Array(12).keys()].map((w) => CYCLE_START + (w + 1) * 7 * DAY).concat(CYCLE_END);
    const captured: Map<string, LiveObjective>[] = [];
    for (const [week, until] of weekEnds.entries()) {
      await simulateWeek(api, quarter, week, week === 0 ? CYCLE_START : weekEnds[week - 1], until, random);
      api.clock.set(new Date(until).toISOString());
      const live = new Map<string, LiveObjective>();
      for (const id of quarter.objectiveIds) live.set(id, (await admin.get(`/api/objectives/${id}`).expect(200)).body);
      captured.push(live);
    }
    api.clock.set('2026-04-05T10:00:00.000Z');

    const res = await admin.get(`/api/cycles/${quarter.cycleId}/timeseries?interval=week`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const week: SeriesJson = res.body;
    expect(week.boundaries).toEqual(weekEnds.map((at) => new Date(at).toISOString()));
    expect(week.objectives.map((o) => o.id)).toEqual(quarter.objectiveIds);
    expect(week.keyResults.map((k) => k.id)).toEqual(quarter.keyResultIds);
    for (const [b, live] of captured.entries()) {
      for (const objective of week.objectives) {
        const then = live.get(objective.id)!;
        expect([objective.id, b, objective.progress[b], objective.rollup[b]]).toEqual([objective.id, b, then.progress, then.rollup]);
      }
      for (const kr of week.keyResults) {
        const then = live.get(kr.objectiveId)!.keyResults.find((k) => k.id === kr.id);
        expect([kr.id, b, kr.value[b], kr.progress[b]]).toEqual([kr.id, b, then ? then.current : null, then ? then.progress : null]);
      }
    }
    // The quarter moved the numbers; the removed key result is absent after its removal.
    expect(new Set(week.objectives[0].rollup).size).toBeGreaterThan(5);
    const removed = week.keyResults.find((k) => k.id === quarter.keyResultIds[1])!;
    expect(removed.value[6]).not.toBeNull();
    expect(removed.value.slice(7)).toEqual(Array(6).fill(null));

    // asOf at a boundary answers the same numbers (recorded time = effective time without backdating).
    for (const b of [2, 6, 12]) {
      const at = week.boundaries[b];
      for (const id of [quarter.objectiveIds[0], quarter.objectiveIds[1], quarter.objectiveIds[5]]) {
        const asOf = (await admin.get(`/api/objectives/${id}?asOf=${encodeURIComponent(at)}`).expect(200)).body;
        const entry = week.objectives.find((o) => o.id === id)!;
        expect([entry.progress[b], entry.rollup[b]]).toEqual([asOf.progress, asOf.rollup]);
      }
    }

    // Daily: 90 points; each week's end is the same instant and the same numbers.
    const day: SeriesJson = (await admin.get(`/api/cycles/${quarter.cycleId}/timeseries?interval=day&format=json`).expect(200)).body;
    expect(day.boundaries).toHaveLength(90);
    expect(day.boundaries[0]).toBe('2026-01-02T00:00:00.000Z');
    for (const [b, at] of week.boundaries.entries()) {
      const d = day.boundaries.indexOf(at);
      expect(d).toBeGreaterThanOrEqual(0);
      for (const [o, objective] of day.objectives.entries())
        expect([objective.progress[d], objective.rollup[d]]).toEqual([week.objectives[o].progress[b], week.objectives[o].rollup[b]]);
      for (const [k, kr] of day.keyResults.entries())
        expect([kr.value[d], kr.progress[d]]).toEqual([week.keyResults[k].value[b], week.keyResults[k].progress[b]]);
    }

    // CSV: the same numbers, one row per boundary and entity that existed then.
    for (const [interval, json] of [
      ['week', week],
      ['day', day],
    ] as const) {
      const csv = await admin
        .get(`/api/cycles/${quarter.cycleId}/timeseries?interval=${interval}&format=csv`)
        .buffer(true)
        .parse((r, done) => {
          let text = '';
          r.setEncoding('utf8');
          r.on('data', (chunk: string) => (text += chunk));
          r.on('end', () => done(null, text));
        });
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toContain(`timeseries-${interval}.csv`);
      expect(seriesFromCsv(csv.body as string, json)).toEqual(json);
    }

    // from/to narrow the boundaries.
    const narrowed: SeriesJson = (
      await admin
        .get(`/api/cycles/${quarter.cycleId}/timeseries?interval=week&from=2026-01-15T00:00:00Z&to=2026-02-05T00:00:00Z`)
        .expect(200)
    ).body;
    expect(narrowed.boundaries).toEqual(week.boundaries.slice(1, 5));
    expect(narrowed.objectives[0].rollup).toEqual(week.objectives[0].rollup.slice(1, 5));
  });

  it('shows a backdated check-in from its effective time, though asOf views before its recording do not', async () => {
    const quarter = await planQuarter(api);
    const admin = api.as();
    const objectiveId = quarter.objectiveIds[0];
    const keyResultId = quarter.keyResultIds[0]; // increase 0 → 100
    api.clock.set('2026-01-05T09:00:00.000Z');
    await admin.post(`/api/key-results/${keyResultId}/check-ins`).send({ value: 10, confidence: 0.5 }).expect(201);
    // Recorded on Jan 20, effective on Jan 6: after the boundaries of Jan 8 and Jan 15.
    api.clock.set('2026-01-20T09:00:00.000Z');
    const recorded = api.clock.now().toISOString();
    await admin
      .post(`/api/key-results/${keyResultId}/check-ins`)
      .send({ value: 40, confidence: 0.8, effectiveAt: '2026-01-06T12:00:00.000Z' })
      .expect(201);
    api.clock.set('2026-01-30T12:00:00.000Z');

    const series: SeriesJson = (await admin.get(`/api/cycles/${quarter.cycleId}/timeseries?interval=week`).expect(200)).body;
    // A running cycle: the weeks so far, then now.
    expect(series.boundaries).toEqual([
      '2026-01-08T00:00:00.000Z',
      '2026-01-15T00:00:00.000Z',
      '2026-01-22T00:00:00.000Z',
      '2026-01-29T00:00:00.000Z',
      '2026-01-30T12:00:00.000Z',
    ]);
    const kr = series.keyResults.find((k) => k.id === keyResultId)!;
    expect(kr.value).toEqual([40, 40, 40, 40, 40]);
    expect(kr.progress).toEqual([0.4, 0.4, 0.4, 0.4, 0.4]);
    const daily: SeriesJson = (
      await admin.get(`/api/cycles/${quarter.cycleId}/timeseries?interval=day&to=2026-01-08T00:00:00Z`).expect(200)
    ).body;
    expect(daily.keyResults.find((k) => k.id === keyResultId)!.value).toEqual([0, 0, 0, 0, 10, 40, 40]);

    // What was known on Jan 8 and Jan 15 (recorded time) did not include it.
    for (const asOf of ['2026-01-08T00:00:00.000Z', '2026-01-15T00:00:00.000Z']) {
      const then = (await admin.get(`/api/objectives/${objectiveId}?asOf=${asOf}`).expect(200)).body;
      expect(then.keyResults.find((k: { id: string }) => k.id === keyResultId)).toMatchObject({ current: 10, progress: 0.1 });
    }
    const afterRecording = (await admin.get(`/api/objectives/${objectiveId}?asOf=${recorded}`).expect(200)).body;
    expect(afterRecording.keyResults.find((k: { id: string }) => k.id === keyResultId)).toMatchObject({ current: 40 });
    // And the series' objective numbers at Jan 22 (after the recording) equal asOf then.
    const jan22 = (await admin.get(`/api/objectives/${objectiveId}?asOf=2026-01-22T00:00:00.000Z`).expect(200)).body;
    const objective = series.objectives.find((o) => o.id === objectiveId)!;
    expect([objective.progress[2], objective.rollup[2]]).toEqual([jan22.progress, jan22.rollup]);
  });

  it('answers 404 for an unknown or another tenant’s cycle and 400 naming the field for a bad interval, format, from or to', async () => {
    const quarter = await planQuarter(api);
    const admin = api.as();
    await admin.get('/api/cycles/no-such-cycle/timeseries').expect(404);
    const tenant = await admin.post('/api/tenants').send({ name: 'Other', adminName: 'Olga' }).expect(201);
    const theirs = await api.as(tenant.body.adminToken).get(`/api/cycles/${quarter.cycleId}/timeseries`).expect(404);
    expect(theirs.headers['content-type']).toMatch(/application\/problem\+json/);

    const bad: [string, string][] = [
      ['interval=month', 'interval'],
      ['format=xml', 'format'],
      ['from=yesterday', 'from'],
      ['to=2026-02-30T00:00:00Z', 'to'],
      ['from=2026-03-01T00:00:00Z&to=2026-02-01T00:00:00Z', 'to'],
    ];
    for (const [query, field] of bad) {
      const res = await admin.get(`/api/cycles/${quarter.cycleId}/timeseries?${query}`).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
    }
    await api.as('not-a-token-at-all-0000').get(`/api/cycles/${quarter.cycleId}/timeseries`).expect(401);
  });

  it('lets a viewer read it; before the cycle starts it has no boundaries', async () => {
    const quarter = await planQuarter(api);
    const admin = api.as();
    const viewer = await admin.post('/api/users').send({ name: 'Vera', role: 'viewer' }).expect(201);
    const early: SeriesJson = (await api.as(viewer.body.token).get(`/api/cycles/${quarter.cycleId}/timeseries?interval=day`).expect(200))
      .body;
    expect(early).toMatchObject({ cycleId: quarter.cycleId, interval: 'day', boundaries: [] });
    expect(early.objectives).toHaveLength(7);
    expect(early.objectives[0].progress).toEqual([]);
    api.clock.set('2026-01-03T12:00:00.000Z');
    const csv = await api.as(viewer.body.token).get(`/api/cycles/${quarter.cycleId}/timeseries?interval=day&format=csv`).expect(200);
    const rows = parseCsv(csv.text);
    // Two days and now, 7 objectives and 17 key results each.
    expect(rows).toHaveLength(1 + 3 * (7 + quarter.keyResultIds.length));
  });
});
