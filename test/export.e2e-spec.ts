/**
 * GET /api/cycles/:id/events?format=jsonl|csv on a simulated quarter: exactly the cycle's events (its own
 * stream, its objectives', their key results', their initiatives'), in global order, with metadata; CSV per
 * RFC 4180; 404 for another tenant's cycle, 400 for a bad format; the log read page by page, lazily.
 */
import { BUDGET } from '@okr/budget';
import { StoredEvent } from '@okr/event-store';
import request from 'supertest';
import { CycleStreams, CycleEventExport } from '@okr/reads';
import { TestApi, startTestApi } from './support/test-api';

const COLUMNS = [
  'position',
  'streamId',
  'revision',
  'eventId',
  'type',
  'schemaVersion',
  'storedSchemaVersion',
  'recordedAt',
  'actorId',
  'correlationId',
  'causationId',
  'commandId',
  'data',
];
const DAY = 24 * 3600 * 1000;
/** A note that needs every kind of CSV quoting. */
const AWKWARD_NOTE = 'pipeline, "qualified" leads\nsecond line\r\nthird; ünïcødé ✓';

/** Collects the body as text whatever its content type (supertest parses only some types). */
function asText(res: request.Response, callback: (error: Error | null, body: string) => void): void {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => callback(null, text));
}

/** An RFC 4180 reader, written independently of the exporter's writer. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
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
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || record.length > 0) throw new Error('CSV does not end with CRLF');
  return records;
}

/** What the export must contain for an event, straight from the store. */
function expected(event: StoredEvent) {
  const m = event.metadata;
  return {
    position: event.position,
    streamId: event.streamId,
    revision: event.revision,
    eventId: m.eventId,
    type: event.type,
    // The data is upcast to the current version of its type.
    schemaVersion: event.type === 'KeyResultCheckedIn' || event.type === 'KeyResultAdded' ? 2 : 1,
    storedSchemaVersion: m.schemaVersion,
    recordedAt: m.recordedAt,
    actorId: m.actorId,
    correlationId: m.correlationId,
    causationId: m.causationId,
    commandId: m.commandId,
    data: event.data,
  };
}

describe('GET /api/cycles/:id/events (analyst export)', () => {
  let api: TestApi;
  const ids: Record<string, string> = {};
  /** Streams of the exported cycle, as the test created them. */
  const cycleStreams = new Set<string>();
  let otherTenantToken: string;

  async function post(url: string, body: object, token?: string) {
    const res = await api.as(token).post(url).send(body);
    if (res.status !== 201 && res.status !== 200) throw new Error(`POST ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
  async function send(method: 'patch' | 'put', url: string, body: object) {
    const res = await api.as()[method](url).send(body);
    if (res.status !== 200) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
  const download = (url: string, token?: string) => api.as(token).get(url).buffer(true).parse(asText);
  async function storeEvents(): Promise<StoredEvent[]> {
    return api.store.readAll();
  }
  async function cycleEvents(): Promise<ReturnType<typeof expected>[]> {
    return (await storeEvents()).filter((e) => cycleStreams.has(e.streamId)).map(expected);
  }

  beforeAll(async () => {
    api = await startTestApi({ now: '2026-01-02T09:00:00.000Z' });
    ids.q1 = (await post('/api/cycles', { name: '2026 Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' })).id;
    ids.q2 = (await post('/api/cycles', { name: '2026 Q2', startsOn: '2026-04-01', endsOn: '2026-06-30' })).id;
    ids.team = (await post('/api/teams', { name: 'Sales' })).id;
    ids.editor = (await post('/api/users', { name: 'Eddie Editor', role: 'editor' })).id;
    ids.top = (await post('/api/objectives', { cycleId: ids.q1, title: 'Grow revenue', kind: 'committed', teamId: ids.team })).id;
    ids.child = (await post('/api/objectives', { cycleId: ids.q1, title: 'Win new logos', kind: 'aspirational', teamId: ids.team })).id;
    ids.dropped = (await post('/api/objectives', { cycleId: ids.q1, title: 'Side quest', kind: 'aspirational' })).id;
    ids.later = (await post('/api/objectives', { cycleId: ids.q2, title: 'Next quarter', kind: 'committed' })).id;
    await send('put', `/api/objectives/${ids.child}/parent`, { parentObjectiveId: ids.top, weight: 2 });
    ids.revenue = (
      await post(`/api/objectives/${ids.top}/key-results`, {
        title: 'ARR',
        metric: { type: 'increase', start: 100, target: 200, unit: 'k€' },
      })
    ).id;
    ids.logos = (
      await post(`/api/objectives/${ids.child}/key-results`, { title: 'Logos', metric: { type: 'increase', start: 0, target: 20 } })
    ).id;
    ids.laterKr = (
      await post(`/api/objectives/${ids.later}/key-results`, { title: 'Later', metric: { type: 'increase', start: 0, target: 1 } })
    ).id;
    ids.campaign = (await post('/api/initiatives', { title: 'Outbound campaign', keyResultIds: [ids.logos] })).id;
    ids.webinar = (await post('/api/initiatives', { title: 'Webinars', keyResultIds: [] })).id;
    ids.laterInit = (await post('/api/initiatives', { title: 'Q2 prep', keyResultIds: [ids.laterKr] })).id;
    await send('patch', `/api/initiatives/${ids.webinar}`, { keyResultIds: [ids.revenue], status: 'in_progress' });

    // A quarter of weekly check-ins, a moved target, an archived objective.
    for (let week = 1; week <= 12; week++) {
      api.clock.advance(7 * DAY);
      await post(`/api/key-results/${ids.revenue}/check-ins`, {
        value: 100 + week * 7,
        confidence: 0.5 + week / 40,
        note: week === 3 ? AWKWARD_NOTE : null,
      });
      if (week % 2 === 0) await post(`/api/key-results/${ids.logos}/check-ins`, { value: week, confidence: 0.6 });
      if (week === 4) await send('patch', `/api/key-results/${ids.revenue}`, { target: 190, reason: 'market shrank, "a lot"' });
      if (week === 6) await post(`/api/objectives/${ids.dropped}/archive`, {});
    }
    await post(`/api/key-results/${ids.laterKr}/check-ins`, { value: 1, confidence: 1 });

    const tenant = await post('/api/tenants', { name: 'Acme', adminName: 'Ada' });
    otherTenantToken = tenant.adminToken;
    ids.acmeCycle = (await post('/api/cycles', { name: 'Acme Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' }, otherTenantToken)).id;
    await post('/api/objectives', { cycleId: ids.acmeCycle, title: 'Acme thing', kind: 'committed' }, otherTenantToken);

    cycleStreams.add(`cycle-${ids.q1}`);
    for (const id of [ids.top, ids.child, ids.dropped]) cycleStreams.add(`objective-${id}`);
    for (const id of [ids.revenue, ids.logos]) cycleStreams.add(`keyresult-${id}`);
    for (const id of [ids.campaign, ids.webinar]) cycleStreams.add(`initiative-${id}`);
  });
  afterAll(async () => {
    await api.close();
  });

  it('streams exactly the cycle’s events in global order as JSON Lines, with metadata (the default format)', async () => {
    const res = await download(`/api/cycles/${ids.q1}/events`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="cycle-${ids.q1}-events.jsonl"`);
    const text = res.body as string;
    expect(text.endsWith('\n')).toBe(true);
    const lines = text
      .slice(0, -1)
      .split('\n')
      .map((line) => JSON.parse(line));
    const want = await cycleEvents();
    expect(want.length).toBeGreaterThan(30);
    expect(lines).toEqual(want);
    expect(new Set(lines.map((e) => e.streamId))).toEqual(cycleStreams);
    // Nothing of the other cycle, the team, the users or the other tenant.
    expect(lines.some((e) => e.streamId.includes(ids.later) || e.streamId.includes(ids.laterKr) || e.streamId.includes(ids.team))).toBe(
      false,
    );
    expect(lines.find((e) => e.type === 'KeyResultCheckedIn' && e.data.note === AWKWARD_NOTE)).toBeDefined();
  });

  it('answers the same events as RFC 4180 CSV with data as a JSON column', async () => {
    const res = await download(`/api/cycles/${ids.q1}/events?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="cycle-${ids.q1}-events.csv"`);
    const [header, ...rows] = parseCsv(res.body as string);
    expect(header).toEqual(COLUMNS);
    const want = await cycleEvents();
    expect(rows).toHaveLength(want.length);
    rows.forEach((row, i) => {
      const e = want[i];
      expect(row).toEqual([
        String(e.position),
        e.streamId,
        String(e.revision),
        e.eventId,
        e.type,
        String(e.schemaVersion),
        String(e.storedSchemaVersion),
        e.recordedAt,
        e.actorId,
        e.correlationId,
        e.causationId,
        e.commandId,
        JSON.stringify(e.data),
      ]);
    });
    const awkward = rows.map((row) => JSON.parse(row[12])).find((data) => data.note === AWKWARD_NOTE);
    expect(awkward).toBeDefined();
    const targetChange = rows.find((row) => row[4] === 'KeyResultTargetChanged')!;
    expect(JSON.parse(targetChange[12])).toMatchObject({ target: 190, previousTarget: 200, reason: 'market shrank, "a lot"' });
  });

  it('answers 404 (problem+json) for another tenant’s cycle and for an unknown one', async () => {
    const foreign = await api.as(otherTenantToken).get(`/api/cycles/${ids.q1}/events`);
    expect(foreign.status).toBe(404);
    expect(foreign.headers['content-type']).toContain('application/problem+json');
    const mine = await download(`/api/cycles/${ids.acmeCycle}/events`, otherTenantToken);
    expect(mine.status).toBe(200);
    expect(
      (mine.body as string)
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).streamId),
    ).toEqual(expect.arrayContaining([`cycle-${ids.acmeCycle}`]));
    expect((await api.as().get(`/api/cycles/${ids.acmeCycle}/events`)).status).toBe(404);
    const unknown = await api.as().get('/api/cycles/00000000-0000-4000-8000-000000000000/events');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ status: 404, code: 'cycle.not_found' });
  });

  it('answers 400 naming the field for a bad format', async () => {
    for (const format of ['xml', 'JSONL', '']) {
      const res = await api.as().get(`/api/cycles/${ids.q1}/events?format=${format}`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors).toEqual([{ field: 'format', message: 'format must be jsonl or csv' }]);
    }
    expect((await api.as().get('/api/cycles/not%20an%20id/events')).status).toBe(400);
  });

  it('reads the log page by page with readAll({after, maxCount}), never all at once', async () => {
    const exporter = api.app.get(CycleEventExport);
    expect(exporter.pageSize).toBe(BUDGET.logReads.exportPageEvents);
    expect(BUDGET.logReads.exportPageEvents).toBeLessThanOrEqual(1000);
    const head = await api.store.headPosition();
    const readAll = jest.spyOn(api.store, 'readAll');
    exporter.pageSize = 7;
    try {
      const res = await download(`/api/cycles/${ids.q1}/events`);
      // (Other components read the log too, e.g. the token lookup catching up: only the export's reads ask for 7.)
      const calls = readAll.mock.calls.map(([options]) => options).filter((options) => options?.maxCount === 7);
      const lines = (res.body as string)
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(lines).toEqual(await cycleEvents());
      expect(calls.length).toBe(Math.ceil(head / 7));
      calls.forEach((options, i) => expect(options).toEqual({ after: i * 7, maxCount: 7 }));
    } finally {
      exporter.pageSize = BUDGET.logReads.exportPageEvents;
      readAll.mockRestore();
    }
  });

  it('reads no further than the consumer pulls (a stream with backpressure)', async () => {
    const exporter = api.app.get(CycleEventExport);
    const readAll = jest.spyOn(api.store, 'readAll');
    exporter.pageSize = 5;
    try {
      const file = await exporter.open('default', ids.q1, 'jsonl');
      expect(readAll).not.toHaveBeenCalled();
      const iterator = file.chunks[Symbol.asyncIterator]();
      const first = await iterator.next();
      expect(first.done).toBe(false);
      // The first page (positions 1 to 5: the tenant, its admin, the cycle…) holds the cycle's first event.
      expect(readAll).toHaveBeenCalledTimes(1);
      expect(JSON.parse((first.value as string).split('\n')[0])).toMatchObject({ revision: 0, streamId: `cycle-${ids.q1}` });
      await iterator.return?.(undefined);
      expect(readAll).toHaveBeenCalledTimes(1);
    } finally {
      exporter.pageSize = BUDGET.logReads.exportPageEvents;
      readAll.mockRestore();
    }
  });

  it('misses nothing when the read models lag: streams that join the cycle are learnt from the log', async () => {
    const exporter = api.app.get(CycleEventExport);
    // As if the read models knew nothing of the cycle's objectives, key results and initiatives yet.
    const pages = exporter.events('default', new CycleStreams(ids.q1), await api.store.headPosition());
    const exported = [];
    for await (const page of pages) exported.push(...page);
    // Every event, except those of the initiative created unlinked before it was linked to the cycle's key result:
    // a stream learnt from the log is exported from the event that made it join.
    const linked = (await api.store.readStream(`initiative-${ids.webinar}`)).find((e) => e.type === 'InitiativeKeyResultLinked')!;
    expect(linked).toBeDefined();
    const want = (await cycleEvents()).filter((e) => e.streamId !== `initiative-${ids.webinar}` || e.revision >= linked.revision);
    expect(want.length).toBe((await cycleEvents()).length - linked.revision);
    expect(exported).toEqual(want);
  });
});
