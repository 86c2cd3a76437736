import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ValidationError } from 'class-validator';
import request from 'supertest';
import { InvalidRequestException, ProblemTypes } from '@okr/platform';
import { createHttpTestApp, CreateThingDto, validThing } from './testing/http-test-app';
import { createValidationPipe, flattenValidationErrors } from './validation.pipe';

describe('flattenValidationErrors', () => {
  it('gives dotted paths for nested objects and array items, one entry per message', () => {
    const errors = [
      { property: 'title', constraints: { a: 'title is bad', b: 'title is short' }, children: [] },
      {
        property: 'metric',
        children: [{ property: 'target', constraints: { isFiniteNumber: 'target must be a finite number' }, children: [] }],
      },
      {
        property: 'keyResults',
        children: [{ property: '2', children: [{ property: 'title', constraints: { x: 'title is required' }, children: [] }] }],
      },
      { property: undefined, constraints: { unknownValue: 'an unknown value was passed to the validate function' }, children: [] },
    ] as unknown as ValidationError[];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'title', message: 'title is bad' },
      { field: 'title', message: 'title is short' },
      { field: 'metric.target', message: 'target must be a finite number' },
      { field: 'keyResults.2.title', message: 'title is required' },
      { field: 'body', message: 'an unknown value was passed to the validate function' },
    ]);
  });
});

describe('createValidationPipe', () => {
  const pipe = createValidationPipe();
  const body = { type: 'body' as const, metatype: CreateThingDto };

  it('rejects a body that is not an object with a 400, without crashing', async () => {
    for (const value of [[1, 2], 'text', 42, null, undefined, true]) {
      await expect(pipe.transform(value, body)).rejects.toBeInstanceOf(InvalidRequestException);
    }
  });

  it('transforms a valid body into the DTO class', async () => {
    const dto = await pipe.transform(validThing(), body);
    expect(dto).toBeInstanceOf(CreateThingDto);
  });

  it('leaves primitives and untyped parameters alone', async () => {
    expect(await pipe.transform('abc', { type: 'param', metatype: String, data: 'id' })).toBe('abc');
    expect(await pipe.transform({ any: 1 }, { type: 'body', metatype: Object })).toEqual({ any: 1 });
  });
});

describe('validation in a real Nest + Fastify app', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await createHttpTestApp();
  });
  afterAll(async () => {
    await app.close();
  });
  afterEach(async () => {
    expect((await request(app.getHttpServer()).get('/api/things/ok')).status).toBe(200);
  });

  const post = (body: unknown) =>
    request(app.getHttpServer())
      .post('/api/things')
      .send(body as object);
  const postRaw = (text: string) => request(app.getHttpServer()).post('/api/things').set('content-type', 'application/json').send(text);
  const fields = (res: request.Response) => (res.body.errors as { field: string }[]).map((e) => e.field);

  function expectValidationProblem(res: request.Response): void {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: ProblemTypes.validation, title: 'Invalid request', status: 400, instance: '/api/things' });
  }

  it('accepts a valid body, as DTO instances with nested instances, trimmed strings', async () => {
    const res = await post(
      validThing({ title: '  Ship it  ', keyResultIds: ['kr-1', 'kr_2'], startsOn: '2026-01-05', at: '2026-01-05T10:00:00Z' }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      received: {
        title: 'Ship it',
        n: 42,
        metric: { target: 10, unit: '%' },
        keyResultIds: ['kr-1', 'kr_2'],
        startsOn: '2026-01-05',
        at: '2026-01-05T10:00:00Z',
      },
      isInstance: true,
      metricIsInstance: true,
    });
  });

  it('rejects unknown fields, naming them, also nested ones', async () => {
    const res = await post(validThing({ isAdmin: true, metric: { target: 1, sneaky: 'x' } }));
    expectValidationProblem(res);
    expect(res.body.errors).toEqual([
      { field: 'isAdmin', message: 'property isAdmin should not exist' },
      { field: 'metric.sneaky', message: 'property sneaky should not exist' },
    ]);
  });

  it('reports wrong types and missing fields by field', async () => {
    const res = await post({ title: 5, n: '42', metric: 'ten' });
    expectValidationProblem(res);
    expect(fields(res)).toEqual(['title', 'n', 'metric', 'metric']);
    expect(res.body.errors[1].message).toBe('n must be a finite number between 0 and 100');
    const missing = await post({});
    expect(fields(missing)).toEqual(expect.arrayContaining(['title', 'n', 'metric']));
  });

  it('rejects numbers that JSON turns into Infinity ({"n": 1e400}) and huge numbers', async () => {
    const infinite = await postRaw('{"title": "x", "n": 1e400, "metric": {"target": -1e400}}');
    expectValidationProblem(infinite);
    expect(fields(infinite)).toEqual(['n', 'metric.target']);
    const huge = await post(validThing({ metric: { target: 1e16 } }));
    expectValidationProblem(huge);
    expect(huge.body.errors).toEqual([{ field: 'metric.target', message: 'target must be a finite number between -1e15 and 1e15' }]);
    const nanString = await post(validThing({ n: 'NaN' }));
    expect(fields(nanString)).toEqual(['n']);
  });

  it('gives dotted paths for nested objects and array elements', async () => {
    const res = await post(
      validThing({ keyResultIds: ['kr-1', 'kr-2', 'not an id', 'kr-4', ''], metrics: [{ target: 1 }, { target: 'x' }] }),
    );
    expectValidationProblem(res);
    expect(res.body.errors).toEqual([
      { field: 'keyResultIds.2', message: 'keyResultIds.2 must be an id of 1 to 64 characters among A-Z, a-z, 0-9, _ and -' },
      { field: 'keyResultIds.4', message: 'keyResultIds.4 must be an id of 1 to 64 characters among A-Z, a-z, 0-9, _ and -' },
      { field: 'metrics.1.target', message: 'target must be a finite number between -1e15 and 1e15' },
    ]);
  });

  it('rejects dates that do not exist and timestamps without timezone', async () => {
    const res = await post(validThing({ startsOn: '2026-02-30', at: '2026-01-05T10:00:00' }));
    expectValidationProblem(res);
    expect(fields(res)).toEqual(['startsOn', 'at']);
  });

  it.each([
    ['an array', '[1, 2]'],
    ['a string', '"hello"'],
    ['null', 'null'],
    ['a number', '7'],
  ])('rejects a JSON body that is %s with 400', async (what, text) => {
    const res = await postRaw(text);
    expectValidationProblem(res);
    expect(res.body.errors).toEqual([{ field: 'body', message: `The request body must be a JSON object, got ${what}` }]);
  });

  it('rejects a missing body with 400, and a text/plain body with 415 (bodies are JSON only)', async () => {
    expectValidationProblem(await request(app.getHttpServer()).post('/api/things'));
    const text = await request(app.getHttpServer()).post('/api/things').set('content-type', 'text/plain').send('{"title":"x"}');
    expect(text.status).toBe(415);
    expect(text.body.errors).toEqual([{ field: 'Content-Type', message: expect.stringContaining('got text/plain') }]);
  });
});
