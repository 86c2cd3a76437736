import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { ADMIN_TOKEN, TestApi, seedBasics, startTestApi } from './support/test-api';

interface Case {
  name: string;
  method: 'post' | 'patch' | 'put';
  url: (ids: Ids) => string;
  /** A raw string is sent as-is with Content-Type application/json. */
  body: string | object | null;
  contentType?: string;
  status: number;
  field?: string;
}
type Ids = Awaited<ReturnType<typeof seedBasics>>;

const cases: Case[] = [
  { name: 'malformed JSON', method: 'post', url: () => '/api/cycles', body: '{"name": "Q1", ', status: 400 },
  { name: 'JSON that is only a string', method: 'post', url: () => '/api/cycles', body: '"hello"', status: 400 },
  { name: 'JSON array instead of an object', method: 'post', url: () => '/api/cycles', body: '[1,2]', status: 400 },
  { name: 'JSON null body', method: 'post', url: () => '/api/cycles', body: 'null', status: 400 },
  { name: 'empty body', method: 'post', url: () => '/api/cycles', body: '', status: 400 },
  {
    name: 'missing required field',
    method: 'post',
    url: () => '/api/cycles',
    body: { name: 'Q1', startsOn: '2026-01-01' },
    status: 400,
    field: 'endsOn',
  },
  {
    name: 'wrong type: number as name',
    method: 'post',
    url: () => '/api/cycles',
    body: { name: 42, startsOn: '2026-01-01', endsOn: '2026-03-31' },
    status: 400,
    field: 'name',
  },
  {
    name: 'impossible date',
    method: 'post',
    url: () => '/api/cycles',
    body: { name: 'Q1', startsOn: '2026-02-30', endsOn: '2026-03-31' },
    status: 400,
    field: 'startsOn',
  },
  {
    name: 'end before start',
    method: 'post',
    url: () => '/api/cycles',
    body: { name: 'Q1', startsOn: '2026-03-01', endsOn: '2026-01-31' },
    status: 400,
    field: 'endsOn',
  },
  {
    name: 'unknown field',
    method: 'post',
    url: () => '/api/cycles',
    body: { name: 'Q1', startsOn: '2026-01-01', endsOn: '2026-03-31', admin: true },
    status: 400,
    field: 'admin',
  },
  {
    name: 'overlong string',
    method: 'post',
    url: () => '/api/cycles',
    body: { name: 'x'.repeat(121), startsOn: '2026-01-01', endsOn: '2026-03-31' },
    status: 400,
    field: 'name',
  },
  {
    name: 'whitespace-only title',
    method: 'post',
    url: () => '/api/objectives',
    body: { cycleId: 'x', title: '   ', kind: 'committed' },
    status: 400,
    field: 'title',
  },
  {
    name: 'unknown enum value',
    method: 'post',
    url: () => '/api/objectives',
    body: { cycleId: 'x', title: 'T', kind: 'stretch' },
    status: 400,
    field: 'kind',
  },
  {
    name: 'Infinity from 1e400',
    method: 'post',
    url: (i) => `/api/key-results/${i.keyResultId}/check-ins`,
    body: '{"value": 1e400, "confidence": 0.5}',
    status: 400,
    field: 'value',
  },
  {
    name: 'huge number 1e16',
    method: 'post',
    url: (i) => `/api/key-results/${i.keyResultId}/check-ins`,
    body: '{"value": 1e16, "confidence": 0.5}',
    status: 400,
    field: 'value',
  },
  {
    name: 'NaN literal (invalid JSON)',
    method: 'post',
    url: (i) => `/api/key-results/${i.keyResultId}/check-ins`,
    body: '{"value": NaN, "confidence": 0.5}',
    status: 400,
  },
  {
    name: 'number as string',
    method: 'post',
    url: (i) => `/api/key-results/${i.keyResultId}/check-ins`,
    body: { value: '5', confidence: 0.5 },
    status: 400,
    field: 'value',
  },
  {
    name: 'confidence out of range',
    method: 'post',
    url: (i) => `/api/key-results/${i.keyResultId}/check-ins`,
    body: { value: 5, confidence: 1.5 },
    status: 400,
    field: 'confidence',
  },
  {
    name: 'bad effectiveAt',
    method: 'post',
    url: (i) => `/api/key-results/${i.keyResultId}/check-ins`,
    body: { value: 5, confidence: 0.5, effectiveAt: 'yesterday' },
    status: 400,
    field: 'effectiveAt',
  },
  {
    name: 'nested metric type',
    method: 'post',
    url: (i) => `/api/objectives/${i.objectiveId}/key-results`,
    body: { title: 'KR', metric: { type: 'sideways', target: 1 } },
    status: 400,
    field: 'metric.type',
  },
  {
    name: 'nested unknown field',
    method: 'post',
    url: (i) => `/api/objectives/${i.objectiveId}/key-results`,
    body: { title: 'KR', metric: { type: 'milestone', extra: 1 } },
    status: 400,
    field: 'metric.extra',
  },
  {
    name: 'metric not an object',
    method: 'post',
    url: (i) => `/api/objectives/${i.objectiveId}/key-results`,
    body: { title: 'KR', metric: 'increase' },
    status: 400,
    field: 'metric',
  },
  {
    name: 'zero weight',
    method: 'post',
    url: (i) => `/api/objectives/${i.objectiveId}/key-results`,
    body: { title: 'KR', metric: { type: 'milestone' }, weight: 0 },
    status: 400,
    field: 'weight',
  },
  {
    name: 'increase with target below start',
    method: 'post',
    url: (i) => `/api/objectives/${i.objectiveId}/key-results`,
    body: { title: 'KR', metric: { type: 'increase', start: 10, target: 5 } },
    status: 400,
    field: 'metric.target',
  },
  {
    name: 'malformed id in path',
    method: 'post',
    url: () => '/api/key-results/bad%20id!/check-ins',
    body: { value: 1, confidence: 1 },
    status: 400,
    field: 'id',
  },
  {
    name: 'unknown key result',
    method: 'post',
    url: () => '/api/key-results/does-not-exist/check-ins',
    body: { value: 1, confidence: 1 },
    status: 404,
  },
  { name: 'unknown objective', method: 'patch', url: () => '/api/objectives/does-not-exist', body: { title: 'x' }, status: 404 },
  {
    name: 'unknown cycle reference',
    method: 'post',
    url: () => '/api/objectives',
    body: { cycleId: 'nope', title: 'T', kind: 'committed' },
    status: 404,
    field: 'cycleId',
  },
  {
    name: 'unknown parent objective',
    method: 'put',
    url: (i) => `/api/objectives/${i.objectiveId}/parent`,
    body: { parentObjectiveId: 'nope' },
    status: 404,
    field: 'parentObjectiveId',
  },
  {
    name: 'cycle cannot be changed by an edit',
    method: 'patch',
    url: (i) => `/api/objectives/${i.objectiveId}`,
    body: { title: 'x', cycleId: 'other' },
    status: 400,
    field: 'cycleId',
  },
  {
    name: 'edit with an unknown kind',
    method: 'patch',
    url: (i) => `/api/objectives/${i.objectiveId}`,
    body: { kind: 'maybe' },
    status: 400,
    field: 'kind',
  },
  {
    name: 'unknown owner',
    method: 'patch',
    url: (i) => `/api/objectives/${i.objectiveId}`,
    body: { ownerId: 'nobody' },
    status: 404,
    field: 'ownerId',
  },
  {
    name: 'keyResultIds not an array',
    method: 'post',
    url: () => '/api/initiatives',
    body: { title: 'I', keyResultIds: 'abc' },
    status: 400,
    field: 'keyResultIds',
  },
  {
    name: 'bad If-Match',
    method: 'patch',
    url: (i) => `/api/objectives/${i.objectiveId}`,
    body: { title: 'x' },
    status: 400,
    field: 'If-Match',
  },
  { name: 'plain text body', method: 'post', url: () => '/api/cycles', body: 'name=Q1', contentType: 'text/plain', status: 415 },
  {
    name: 'unsupported content type',
    method: 'post',
    url: () => '/api/cycles',
    body: '<cycle/>',
    contentType: 'application/xml',
    status: 415,
  },
  { name: '2 MB body', method: 'post', url: () => '/api/cycles', body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }), status: 413 },
];

describe('bad input: a clear problem+json, the process stays up, nothing is appended', () => {
  let api: TestApi;
  let ids: Ids;
  beforeAll(async () => {
    api = await startTestApi();
    ids = await seedBasics(api);
  });
  afterAll(async () => {
    await api.close();
  });

  it.each(cases)('$name → $status', async (c) => {
    const before = await api.eventCount();
    let test = request(api.app.getHttpServer())[c.method](c.url(ids)).set('Authorization', `Bearer ${ADMIN_TOKEN}`);
    if (c.name === 'bad If-Match') test = test.set('If-Match', 'yesterday');
    const res =
      typeof c.body === 'string'
        ? await test.set('Content-Type', c.contentType ?? 'application/json').send(c.body)
        : await test.send(c.body ?? undefined);
    expect({ status: res.status, body: res.body }).toMatchObject({ status: c.status, body: { status: c.status } });
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.title).toEqual(expect.any(String));
    if (c.field) expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: c.field })]));
    expect(await api.eventCount()).toBe(before);
    await request(api.app.getHttpServer()).get('/api/health').expect(200);
  });

  it('counts the characters of a title one way: 101 emoji are 101 characters, within 200 (201 emoji are not)', async () => {
    const title = '🎯'.repeat(101);
    const created = await api.as().post('/api/objectives').send({ cycleId: ids.cycleId, title, kind: 'committed' }).expect(201);
    expect((await api.as().get(`/api/objectives/${created.body.id}`).expect(200)).body.title).toBe(title);
    const before = await api.eventCount();
    const refused = await api
      .as()
      .post('/api/objectives')
      .send({ cycleId: ids.cycleId, title: '🎯'.repeat(201), kind: 'committed' })
      .expect(400);
    expect(refused.body.errors).toEqual([{ field: 'title', message: expect.stringContaining('200 characters') }]);
    expect(await api.eventCount()).toBe(before);
  });

  it.each([
    ['a form (what curl -d sends)', 'application/x-www-form-urlencoded'],
    ['plain text', 'text/plain; charset=utf-8'],
    ['XML', 'application/xml'],
    ['a multipart form', 'multipart/form-data; boundary=x'],
  ])('refuses a body sent as %s with 415, naming the content type it got and the one it needs', async (_name, contentType) => {
    const before = await api.eventCount();
    const res = await api
      .as()
      .post('/api/cycles')
      .set('Content-Type', contentType)
      .send(JSON.stringify({ name: 'Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' }))
      .expect(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const message = `The request body must be JSON, sent with Content-Type: application/json (got ${contentType.split(';')[0]})`;
    expect(res.body).toMatchObject({
      status: 415,
      title: 'Unsupported Media Type',
      detail: message,
      errors: [{ field: 'Content-Type', message }],
    });
    expect(await api.eventCount()).toBe(before);
  });

  it('refuses a body sent without any Content-Type with 415, saying so', async () => {
    const before = await api.eventCount();
    const res = await rawPost(api, '/api/cycles', JSON.stringify({ name: 'Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' }));
    expect(res.status).toBe(415);
    expect(res.contentType).toContain('application/problem+json');
    const message = 'The request body must be JSON, sent with Content-Type: application/json (got no Content-Type)';
    expect(JSON.parse(res.body)).toMatchObject({ status: 415, detail: message, errors: [{ field: 'Content-Type', message }] });
    expect(await api.eventCount()).toBe(before);
  });

  it('accepts JSON with a charset parameter', async () => {
    await api
      .as()
      .post('/api/cycles')
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ name: 'Charset', startsOn: '2026-01-01', endsOn: '2026-03-31' }))
      .expect(201);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await api.as().get('/api/nothing-here').expect(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

/** A POST with a body and no Content-Type header at all (supertest always adds one). */
function rawPost(api: TestApi, path: string, body: string): Promise<{ status: number; contentType: string; body: string }> {
  const server = api.app.getHttpServer();
  if (!server.listening) server.listen(0, '127.0.0.1');
  return new Promise((resolve, reject) => {
    const ready = () => {
      const { port } = server.address() as AddressInfo;
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type']), body: text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    };
    if (server.listening) ready();
    else server.once('listening', ready);
  });
}
