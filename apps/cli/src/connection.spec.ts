import { resolve } from 'node:path';
import { UsageError } from './cli-errors';
import { resolveConnection } from './connection';

const opts = (o: Record<string, string>) => new Map(Object.entries(o));

describe('resolveConnection', () => {
  it('reads the embedded store by default: --data, else OKR_DATA_DIR, else ./data; tenant default unless --tenant', () => {
    expect(resolveConnection(opts({}), {})).toEqual({ kind: 'embedded', dataDir: resolve('./data'), tenantId: 'default' });
    expect(resolveConnection(opts({}), { OKR_DATA_DIR: '/srv/okr' })).toEqual({
      kind: 'embedded',
      dataDir: '/srv/okr',
      tenantId: 'default',
    });
    expect(resolveConnection(opts({ data: '/tmp/d', tenant: 't1' }), { OKR_DATA_DIR: '/srv/okr' })).toEqual({
      kind: 'embedded',
      dataDir: '/tmp/d',
      tenantId: 't1',
    });
  });

  it('asks a running API with --api and a token (--token, else OKR_TOKEN); the base path ends with /api', () => {
    expect(resolveConnection(opts({ api: 'http://localhost:3000', token: 'abc' }), {})).toEqual({
      kind: 'api',
      baseUrl: 'http://localhost:3000/api',
      token: 'abc',
    });
    expect(resolveConnection(opts({ api: 'https://okr.example.com/api/' }), { OKR_TOKEN: 'env-token' })).toEqual({
      kind: 'api',
      baseUrl: 'https://okr.example.com/api',
      token: 'env-token',
    });
    expect(resolveConnection(opts({ api: 'http://h:1/okr' }), { OKR_TOKEN: 't' })).toMatchObject({ baseUrl: 'http://h:1/okr/api' });
  });

  it('refuses contradictory or incomplete choices with a message naming the options', () => {
    const cases: [Record<string, string>, NodeJS.ProcessEnv, RegExp][] = [
      [{ api: 'http://h' }, {}, /--api needs a bearer token: --token TOKEN or the OKR_TOKEN/],
      [{ api: 'http://h', data: '/d' }, { OKR_TOKEN: 't' }, /--data and --api exclude each other/],
      [{ api: 'http://h', tenant: 'x' }, { OKR_TOKEN: 't' }, /--tenant applies to the embedded store only/],
      [{ token: 't' }, {}, /--token goes with --api/],
      [{ api: 'localhost:3000' }, { OKR_TOKEN: 't' }, /--api must be an http:\/\/ or https:\/\/ URL/],
      [{ api: 'not a url' }, { OKR_TOKEN: 't' }, /--api must be the API's URL/],
      [{ api: 'http://h/?x=1' }, { OKR_TOKEN: 't' }, /--api takes no query/],
    ];
    for (const [options, env, message] of cases) {
      expect(() => resolveConnection(opts(options), env, 'verify')).toThrow(UsageError);
      expect(() => resolveConnection(opts(options), env, 'verify')).toThrow(message);
    }
  });
});
