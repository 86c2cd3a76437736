import { ApiClient } from './api-client';
import { CliError, UsageError } from './cli-errors';

function fakeFetch(status: number, body: unknown, seen: { url?: string; headers?: Record<string, string> } = {}): typeof fetch {
  return (async (url: URL, init: RequestInit) => {
    seen.url = String(url);
    seen.headers = init.headers as Record<string, string>;
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  }) as unknown as typeof fetch;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('ApiClient', () => {
  it('sends the bearer token and the query, and parses JSON', async () => {
    const seen: { url?: string; headers?: Record<string, string> } = {};
    const client = new ApiClient('http://h:1/api', 'secret-token', fakeFetch(200, { items: [] }, seen));
    expect(await client.json('/cycles/c%201/alignment', { query: { asOf: '2026-02-01T00:00:00.000Z' } })).toEqual({ items: [] });
    expect(seen.url).toBe('http://h:1/api/cycles/c%201/alignment?asOf=2026-02-01T00%3A00%3A00.000Z');
    expect(seen.headers).toMatchObject({ Authorization: 'Bearer secret-token' });
  });

  it('turns a 400 naming fields into a UsageError naming the options', async () => {
    const client = new ApiClient(
      'http://h/api',
      't',
      fakeFetch(400, {
        status: 400,
        detail: 'asOf: asOf must not be in the future',
        errors: [{ field: 'asOf', message: 'asOf must not be in the future' }],
      }),
    );
    const error = await failure(client.json('/x', { optionOf: { asOf: 'at' }, command: 'replay' }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe('--at must not be in the future');
    expect((error as UsageError).command).toBe('replay');
  });

  it('turns other refusals into CliErrors with the API’s detail, and an unreachable API into a clear message', async () => {
    const notFound = await failure(new ApiClient('http://h/api', 't', fakeFetch(404, { detail: 'Cycle c9 not found' })).json('/x'));
    expect(notFound).toEqual(new CliError('Cycle c9 not found'));
    const unauthorised = await failure(
      new ApiClient('http://h/api', 't', fakeFetch(401, { detail: 'The bearer token is not valid' })).json('/x'),
    );
    expect(unauthorised.message).toBe('The API refused the token (401): The bearer token is not valid; check --token or OKR_TOKEN');
    const unavailable = await failure(new ApiClient('http://h/api', 't', fakeFetch(503, 'upstream down')).json('/x'));
    expect(unavailable.message).toBe('upstream down (the API answered 503)');
    const refused = (async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    }) as unknown as typeof fetch;
    const unreachable = await failure(new ApiClient('http://127.0.0.1:9/api', 't', refused).json('/x'));
    expect(unreachable).toEqual(new CliError('Cannot reach the API at http://127.0.0.1:9/api: ECONNREFUSED'));
  });

  it('streams a body chunk by chunk, counting the bytes', async () => {
    const client = new ApiClient('http://h/api', 't', fakeFetch(200, 'line 1\nline 2\n'));
    const counts: number[] = [];
    let text = '';
    for await (const chunk of await client.stream('/events', {}, (bytes) => counts.push(bytes)))
      text += Buffer.from(chunk).toString('utf8');
    expect(text).toBe('line 1\nline 2\n');
    expect(counts[counts.length - 1]).toBe(14);
  });
});
