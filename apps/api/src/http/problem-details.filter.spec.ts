import { ArgumentsHost, BadRequestException, HttpException, Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InvalidInputError } from '@okr/domain/common/errors';
import { WorkerUnavailableError } from '@okr/workers';
import { errorCodes } from 'fastify';
import request from 'supertest';
import { INTERNAL_ERROR_DETAIL, ProblemDetailsFilter, toProblemDetails } from './problem-details.filter';
import { problem, ProblemTypes } from '@okr/platform';
import { createHttpTestApp, validThing } from './testing/http-test-app';

const PROBLEM_JSON = /^application\/problem\+json/;

describe('toProblemDetails', () => {
  it('maps raw fastify body errors by code', () => {
    const cases: [Error, number, string][] = [
      [new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY(), 400, 'Malformed JSON body'],
      [new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY(), 400, 'Malformed JSON body'],
      [new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE(), 413, 'Content Too Large'],
      [new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(), 415, 'Unsupported Media Type'],
    ];
    for (const [error, status, title] of cases) {
      const { problem: mapped, internal } = toProblemDetails(error);
      expect({ status: mapped.status, title: mapped.title, internal }).toEqual({ status, title, internal: false });
    }
  });

  it('maps the HttpException Nest makes of a FastifyError (code lost) by status and message', () => {
    const { problem: mapped } = toProblemDetails(new HttpException(new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY().message, 400));
    expect(mapped).toMatchObject({ status: 400, title: 'Malformed JSON body', type: ProblemTypes.malformedBody });
  });

  it('treats a SyntaxError as the client’s only when a body parser flagged it', () => {
    const parserError = Object.assign(new SyntaxError('Unexpected token } in JSON'), { status: 400, type: 'entity.parse.failed' });
    expect(toProblemDetails(parserError).problem).toMatchObject({ status: 400, title: 'Malformed JSON body' });
    expect(toProblemDetails(new SyntaxError('Unexpected token in config')).problem.status).toBe(500);
    expect(toProblemDetails(Object.assign(new Error('too big'), { type: 'entity.too.large', status: 413 })).problem.status).toBe(413);
  });

  it('maps other fastify 4xx errors to their status and 5xx ones to a generic 500', () => {
    const notAcceptable = Object.assign(new Error('Not acceptable'), { code: 'FST_ERR_SOMETHING', statusCode: 406 });
    expect(toProblemDetails(notAcceptable).problem).toMatchObject({ status: 406, detail: 'Not acceptable' });
    const serverSide = Object.assign(new Error('internal detail'), { code: 'FST_ERR_X', statusCode: 500 });
    expect(toProblemDetails(serverSide)).toMatchObject({ internal: true, problem: { status: 500, detail: INTERNAL_ERROR_DETAIL } });
  });

  it('passes problems carried by an HttpException through, with the exception’s status', () => {
    const carried = problem(422, { title: 'Custom', code: 'a.b', detail: 'd' });
    expect(toProblemDetails(new HttpException(carried, 422)).problem).toEqual(carried);
  });

  it('reads the detail of Nest-style responses, including message arrays', () => {
    expect(toProblemDetails(new BadRequestException(['a is bad', 'b is bad'])).problem).toMatchObject({
      status: 400,
      detail: 'a is bad; b is bad',
    });
    expect(toProblemDetails(new HttpException({ message: 'Gone for good', code: 'x.gone' }, 410)).problem).toEqual({
      type: 'about:blank',
      title: 'Gone',
      status: 410,
      detail: 'Gone for good',
      code: 'x.gone',
    });
  });

  it('recognises domain errors by kind, also duck-typed', () => {
    const duck = Object.assign(new Error('Cycle is closed'), { kind: 'rule_violation', code: 'cycle.closed' });
    expect(toProblemDetails(duck).problem).toMatchObject({ status: 409, code: 'cycle.closed', detail: 'Cycle is closed' });
    expect(toProblemDetails(new InvalidInputError('x.y', 'bad')).problem.errors).toBeUndefined();
  });

  it('answers 503 (and logs it) when a worker thread died under the request', () => {
    expect(toProblemDetails(new WorkerUnavailableError('The point-in-time worker stopped (exit code 1)'))).toEqual({
      internal: true,
      problem: {
        type: ProblemTypes.blank,
        title: 'Service Unavailable',
        status: 503,
        detail: 'The point-in-time worker stopped (exit code 1). Try again.',
      },
    });
  });

  it('answers a generic 500 for anything else, whatever was thrown', () => {
    for (const thrown of [new Error('secret'), 'a string', undefined, null, 42, { message: 'object' }]) {
      expect(toProblemDetails(thrown)).toEqual({
        internal: true,
        problem: { type: ProblemTypes.internal, title: 'Internal Server Error', status: 500, detail: INTERNAL_ERROR_DETAIL },
      });
    }
  });
});

describe('ProblemDetailsFilter outside a Fastify reply', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  function hostFor(req: unknown, res: unknown): ArgumentsHost {
    return { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as unknown as ArgumentsHost;
  }

  it('writes to a raw Node response (e.g. from a middleware)', () => {
    const raw = { headersSent: false, statusCode: 200, setHeader: jest.fn(), end: jest.fn() };
    new ProblemDetailsFilter().catch(new InvalidInputError('c', 'bad', 'f'), hostFor({ url: '/api/x', method: 'POST' }, raw));
    expect(raw.statusCode).toBe(400);
    expect(raw.setHeader).toHaveBeenCalledWith('content-type', 'application/problem+json');
    expect(JSON.parse(raw.end.mock.calls[0][0])).toMatchObject({
      status: 400,
      instance: '/api/x',
      errors: [{ field: 'f', message: 'bad' }],
    });
  });

  it('does nothing to a reply already sent, and never throws', () => {
    const reply = { sent: true, status: jest.fn(), header: jest.fn(), getHeader: jest.fn(), send: jest.fn() };
    expect(() => new ProblemDetailsFilter().catch(new Error('late'), hostFor({ url: '/x' }, reply))).not.toThrow();
    expect(reply.send).not.toHaveBeenCalled();
    const broken = {
      status: () => {
        throw new Error('socket gone');
      },
      header: jest.fn(),
      getHeader: jest.fn(),
      send: jest.fn(),
    };
    expect(() => new ProblemDetailsFilter().catch(new Error('x'), hostFor(undefined, broken))).not.toThrow();
  });
});

describe('ProblemDetailsFilter in a real Nest + Fastify app', () => {
  let app: NestFastifyApplication;
  let catchSpy: jest.SpyInstance;
  let errorLog: jest.SpyInstance;

  beforeAll(async () => {
    catchSpy = jest.spyOn(ProblemDetailsFilter.prototype, 'catch');
    errorLog = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    app = await createHttpTestApp();
  });

  afterAll(async () => {
    await app.close();
    jest.restoreAllMocks();
  });

  beforeEach(() => {
    catchSpy.mockClear();
    errorLog.mockClear();
  });

  afterEach(async () => {
    // The process keeps serving after every error.
    const after = await request(app.getHttpServer()).get('/api/things/ok');
    expect(after.status).toBe(200);
    expect(after.body).toEqual({ ok: true });
  });

  const server = () => app.getHttpServer();
  /** The exception the filter was handed for the last request. */
  const received = () => catchSpy.mock.calls.at(-1)?.[0] as unknown;

  it('malformed JSON: Nest hands the filter an HttpException(400) with fastify’s message; answers 400 problem', async () => {
    const res = await request(server()).post('/api/things').set('content-type', 'application/json').send('{"title": "x",');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.body).toEqual({
      type: ProblemTypes.malformedBody,
      title: 'Malformed JSON body',
      status: 400,
      detail: "Body is not valid JSON but content-type is set to 'application/json'",
      instance: '/api/things',
    });
    const exception = received();
    expect(exception).toBeInstanceOf(HttpException);
    expect(exception).not.toHaveProperty('code');
    expect((exception as HttpException).getResponse()).toBe("Body is not valid JSON but content-type is set to 'application/json'");
  });

  it('empty JSON body and __proto__ poisoning are malformed bodies too', async () => {
    const empty = await request(server()).post('/api/things').set('content-type', 'application/json').send('');
    expect(empty.status).toBe(400);
    expect(empty.body.title).toBe('Malformed JSON body');
    const poisoned = await request(server())
      .post('/api/things')
      .set('content-type', 'application/json')
      .send('{"__proto__": {"admin": true}}');
    expect(poisoned.status).toBe(400);
    expect(poisoned.body.title).toBe('Malformed JSON body');
  });

  it('2 MB body: Nest hands the filter an HttpException(413); answers 413 problem', async () => {
    const body = JSON.stringify(validThing({ title: 'a'.repeat(2 * 1024 * 1024) }));
    const res = await request(server()).post('/api/things').set('content-type', 'application/json').send(body);
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.body).toMatchObject({
      status: 413,
      title: 'Content Too Large',
      detail: 'Request body is too large',
      instance: '/api/things',
    });
    const exception = received() as HttpException;
    expect(exception).toBeInstanceOf(HttpException);
    expect(exception.getStatus()).toBe(413);
  });

  it('unsupported media type → 415 problem', async () => {
    const res = await request(server()).post('/api/things').set('content-type', 'application/xml').send('<thing/>');
    expect(res.status).toBe(415);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.body.title).toBe('Unsupported Media Type');
  });

  it('unknown route → 404 problem', async () => {
    const res = await request(server()).get('/api/does-not-exist?x=1');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.body).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'Cannot GET /api/does-not-exist?x=1',
      instance: '/api/does-not-exist?x=1',
    });
  });

  it.each([
    ['unauthorized', 401, 'Unauthorized', 'A bearer token is required'],
    ['forbidden', 403, 'Forbidden', 'Editors only'],
    ['precondition', 412, 'Precondition Failed', 'If-Match "3" does not match the current version "4"'],
    ['unprocessable', 422, 'Unprocessable Content', 'Cannot grade an active key result'],
    ['too-large', 413, 'Content Too Large', undefined],
    ['missing', 404, 'Not Found', undefined],
  ])('HttpException %s → %i problem', async (route, status, title, detail) => {
    const res = await request(server()).get(`/api/things/${route}`);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.body).toEqual({ type: 'about:blank', title, status, ...(detail ? { detail } : {}), instance: `/api/things/${route}` });
  });

  it('401 carries a WWW-Authenticate challenge', async () => {
    const res = await request(server()).get('/api/things/unauthorized');
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('domain errors → 400 (with the field) / 404 / 409, with their code', async () => {
    const invalid = await request(server()).get('/api/things/invalid-input');
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual({
      type: ProblemTypes.invalidInput,
      title: 'Invalid input',
      status: 400,
      detail: 'endsOn must not be before startsOn',
      code: 'cycle.ends_before_start',
      errors: [{ field: 'endsOn', message: 'endsOn must not be before startsOn' }],
      instance: '/api/things/invalid-input',
    });
    const invalidNoField = await request(server()).get('/api/things/invalid-input-no-field');
    expect(invalidNoField.status).toBe(400);
    expect(invalidNoField.body.code).toBe('cycle.too_long');
    expect(invalidNoField.body).not.toHaveProperty('errors');

    const notFound = await request(server()).get('/api/things/not-found');
    expect(notFound.status).toBe(404);
    expect(notFound.body).toMatchObject({
      code: 'objective.not_found',
      detail: 'Objective o-1 does not exist',
      type: ProblemTypes.notFound,
    });

    const rule = await request(server()).get('/api/things/rule-violation');
    expect(rule.status).toBe(409);
    expect(rule.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(rule.body).toMatchObject({ code: 'cycle.closed', detail: 'The cycle is closed', type: ProblemTypes.ruleViolation });
  });

  it('WrongExpectedRevisionError → 409 "Concurrent modification" telling to re-read and retry', async () => {
    const res = await request(server()).get('/api/things/concurrency');
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ title: 'Concurrent modification', status: 409, code: 'concurrent_modification' });
    expect(res.body.detail).toMatch(/re-read/i);
    expect(res.body.detail).toMatch(/retry/i);
    expect(JSON.stringify(res.body)).not.toContain('objective-o1');
  });

  it('DuplicateEventIdError → 409', async () => {
    const res = await request(server()).get('/api/things/duplicate-event');
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ status: 409, code: 'duplicate_event_id', type: ProblemTypes.duplicateEvent });
  });

  it.each(['boom', 'boom-async', 'throw-string', 'syntax'])('%s → 500 problem without stack or message, logged', async (route) => {
    const res = await request(server()).get(`/api/things/${route}`);
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.body).toEqual({
      type: ProblemTypes.internal,
      title: 'Internal Server Error',
      status: 500,
      detail: INTERNAL_ERROR_DETAIL,
      instance: `/api/things/${route}`,
    });
    expect(res.text).not.toMatch(/hunter2|secret\.db|\.ts:\d+|at |Cannot read|Unexpected token|bare string/);
    expect(errorLog).toHaveBeenCalledTimes(1);
  });

  it('logs the cause (with its stack) of a 500 through Nest’s Logger', async () => {
    await request(server()).get('/api/things/boom');
    const [message, stack] = errorLog.mock.calls[0] as [string, string];
    expect(message).toContain('GET /api/things/boom');
    expect(message).toContain('hunter2');
    expect(stack).toContain('ThingsController.boom');
  });
});
