import { isAbsolute, resolve } from 'node:path';
import { ConfigError, loadAppConfig, nestLogLevels } from './app-config';

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadAppConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadAppConfig', () => {
  it('has defaults for everything', () => {
    const config = loadAppConfig({});
    expect(config).toEqual({
      port: 3000,
      dataDir: resolve('./data'),
      logLevel: 'log',
      demo: false,
      eventStore: { kind: 'sqlite' },
      readStore: { kind: 'sqlite' },
      projector: 'embedded',
      projectorLeaseTtlMs: 15000,
      pointInTimeHeapMb: 512,
      pointInTimeBuildAhead: false,
    });
    expect(isAbsolute(config.dataDir)).toBe(true);
    expect(config).not.toHaveProperty('adminToken');
  });

  it('reads every variable', () => {
    expect(
      loadAppConfig({
        PORT: '8080',
        OKR_DATA_DIR: '/var/lib/okr',
        OKR_ADMIN_TOKEN: 'x'.repeat(16),
        LOG_LEVEL: 'debug',
        OKR_DEMO: '1',
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_URL: 'esdb://eventstore:2113?tls=false',
        READ_STORE: 'mongodb',
        MONGODB_URL: 'mongodb://mongo:27017/okr',
        PROJECTOR: 'external',
        PROJECTOR_LEASE_TTL_MS: '5000',
        PROJECTOR_HEALTH_PORT: '3001',
        POINT_IN_TIME_HEAP_MB: '1024',
        POINT_IN_TIME_BUILD_AHEAD: 'true',
      }),
    ).toEqual({
      port: 8080,
      dataDir: '/var/lib/okr',
      adminToken: 'x'.repeat(16),
      logLevel: 'debug',
      demo: true,
      eventStore: { kind: 'eventstoredb', url: 'esdb://eventstore:2113?tls=false' },
      readStore: { kind: 'mongodb', url: 'mongodb://mongo:27017/okr' },
      projector: 'external',
      projectorLeaseTtlMs: 5000,
      projectorHealthPort: 3001,
      pointInTimeHeapMb: 1024,
      pointInTimeBuildAhead: true,
    });
  });

  it('refuses a point-in-time worker heap that is not a whole number of megabytes from 64 to 65536', () => {
    for (const bad of ['63', '65537', '512MB', '-1', '1.5']) {
      expect(() => loadAppConfig({ POINT_IN_TIME_HEAP_MB: bad })).toThrow(
        `POINT_IN_TIME_HEAP_MB must be an integer from 64 to 65536 (megabytes) (got ${JSON.stringify(bad)})`,
      );
    }
    expect(loadAppConfig({ POINT_IN_TIME_HEAP_MB: ' 64 ' }).pointInTimeHeapMb).toBe(64);
  });

  it('reads POINT_IN_TIME_BUILD_AHEAD as a switch and refuses anything else', () => {
    expect(loadAppConfig({ POINT_IN_TIME_BUILD_AHEAD: '1' }).pointInTimeBuildAhead).toBe(true);
    expect(loadAppConfig({ POINT_IN_TIME_BUILD_AHEAD: 'FALSE' }).pointInTimeBuildAhead).toBe(false);
    expect(() => loadAppConfig({ POINT_IN_TIME_BUILD_AHEAD: 'yes' })).toThrow(
      'POINT_IN_TIME_BUILD_AHEAD must be 1, 0, true or false (got "yes")',
    );
  });

  it('resolves a relative data directory against the working directory', () => {
    expect(loadAppConfig({ OKR_DATA_DIR: 'var/okr' }).dataDir).toBe(resolve(process.cwd(), 'var/okr'));
  });

  it('treats empty variables as unset', () => {
    expect(
      loadAppConfig({
        PORT: '',
        OKR_DATA_DIR: ' ',
        OKR_ADMIN_TOKEN: '',
        LOG_LEVEL: '',
        OKR_DEMO: '',
        EVENT_STORE: '',
        EVENTSTORE_URL: ' ',
        READ_STORE: '',
        MONGODB_URL: '',
        PROJECTOR: '',
        PROJECTOR_LEASE_TTL_MS: '',
        PROJECTOR_HEALTH_PORT: ' ',
      }),
    ).toEqual(loadAppConfig({}));
  });

  it('accepts the port range ends', () => {
    expect(loadAppConfig({ PORT: '1' }).port).toBe(1);
    expect(loadAppConfig({ PORT: '65535' }).port).toBe(65535);
  });

  it.each(['0', '65536', '-1', '80.5', 'abc', '8080abc', '1e3', '0x50'])('rejects PORT=%s', (port) => {
    const error = configError({ PORT: port });
    expect(error.problems).toEqual([`PORT must be an integer from 1 to 65535 (got ${JSON.stringify(port)})`]);
    expect(error.message).toContain('PORT must be an integer from 1 to 65535');
  });

  it('rejects an admin token shorter than 16 characters, without echoing it', () => {
    const error = configError({ OKR_ADMIN_TOKEN: 'short-secret' });
    expect(error.problems).toEqual(['OKR_ADMIN_TOKEN must be at least 16 characters when set (got 12)']);
    expect(error.message).not.toContain('short-secret');
  });

  it('accepts info as log, and levels in any case', () => {
    expect(loadAppConfig({ LOG_LEVEL: 'info' }).logLevel).toBe('log');
    expect(loadAppConfig({ LOG_LEVEL: 'WARN' }).logLevel).toBe('warn');
    for (const level of ['error', 'warn', 'log', 'debug', 'verbose'] as const)
      expect(loadAppConfig({ LOG_LEVEL: level }).logLevel).toBe(level);
  });

  it('rejects an unknown LOG_LEVEL, listing the accepted ones', () => {
    expect(configError({ LOG_LEVEL: 'trace' }).problems).toEqual([
      'LOG_LEVEL must be one of error, warn, log, debug, verbose (or info) (got "trace")',
    ]);
  });

  it.each([
    ['1', true],
    ['true', true],
    ['TRUE', true],
    [' True ', true],
    ['0', false],
    ['false', false],
    ['False', false],
  ])('reads OKR_DEMO=%j as %s', (value, expected) => {
    expect(loadAppConfig({ OKR_DEMO: value }).demo).toBe(expected);
  });

  it.each(['yes', 'no', '2', 'on', 'truee', '-1'])('rejects OKR_DEMO=%s', (value) => {
    expect(configError({ OKR_DEMO: value }).problems).toEqual([`OKR_DEMO must be 1, 0, true or false (got ${JSON.stringify(value)})`]);
  });

  describe('backends', () => {
    it('reads the backend choices in any case', () => {
      const config = loadAppConfig({
        EVENT_STORE: 'EventStoreDB',
        EVENTSTORE_URL: 'esdb://localhost:2113?tls=false',
        READ_STORE: ' MongoDB ',
        MONGODB_URL: 'mongodb://localhost',
        PROJECTOR: 'External',
      });
      expect(config.eventStore.kind).toBe('eventstoredb');
      expect(config.readStore.kind).toBe('mongodb');
      expect(config.projector).toBe('external');
      expect(loadAppConfig({ EVENT_STORE: 'sqlite', READ_STORE: 'SQLITE', PROJECTOR: 'embedded' })).toEqual(loadAppConfig({}));
    });

    it.each([
      ['EVENT_STORE', 'postgres', 'EVENT_STORE must be one of sqlite, eventstoredb (got "postgres")'],
      ['READ_STORE', 'redis', 'READ_STORE must be one of sqlite, mongodb (got "redis")'],
      ['PROJECTOR', 'both', 'PROJECTOR must be one of embedded, external (got "both")'],
    ])('rejects %s=%s, listing the accepted values', (name, value, problem) => {
      expect(configError({ [name]: value }).problems).toEqual([problem]);
    });

    it('requires EVENTSTORE_URL with EVENT_STORE=eventstoredb and MONGODB_URL with READ_STORE=mongodb', () => {
      expect(configError({ EVENT_STORE: 'eventstoredb', READ_STORE: 'mongodb' }).problems).toEqual([
        'EVENTSTORE_URL is required with EVENT_STORE=eventstoredb (esdb://… or esdb+discover://…)',
        'MONGODB_URL is required with READ_STORE=mongodb (mongodb://… or mongodb+srv://…)',
      ]);
    });

    it.each([
      'esdb://localhost:2113',
      'esdb://localhost:2113?tls=false',
      'esdb://admin:changeit@localhost:2113/?tls=false&tlsVerifyCert=false',
      'esdb://node1:2113,node2:2113,node3:2113?tls=true&nodePreference=leader',
      'esdb+discover://cluster.example.com:2113',
      'ESDB://eventstore',
      'esdb://[::1]:2113?tls=false',
    ])('accepts EVENTSTORE_URL=%s', (url) => {
      expect(loadAppConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: url }).eventStore).toEqual({ kind: 'eventstoredb', url });
    });

    it.each([
      ['http://localhost:2113', 'EVENTSTORE_URL must start with esdb:// or esdb+discover:// (got the scheme "http")'],
      ['localhost:2113', 'EVENTSTORE_URL must start with esdb:// or esdb+discover://'],
      ['esdb://', 'EVENTSTORE_URL names no host'],
      ['esdb://node1:2113,,node3', 'EVENTSTORE_URL has an empty host 2 (check the commas between hosts)'],
      ['esdb://localhost:99999', 'EVENTSTORE_URL has an invalid port for host 1 (expected 1 to 65535)'],
      ['esdb://localhost:abc', 'EVENTSTORE_URL has an invalid port for host 1 (expected 1 to 65535)'],
      ['esdb://local host', 'EVENTSTORE_URL has an invalid host 1 name'],
      ['esdb://localhost/okr', 'EVENTSTORE_URL must not have a path after the hosts'],
      ['esdb://localhost?tls', 'EVENTSTORE_URL has a malformed option (expected ?key=value&key=value)'],
      ['esdb://:secret@localhost', 'EVENTSTORE_URL has credentials without a user name (expected user:password@ before the host)'],
    ])('rejects EVENTSTORE_URL=%s', (url, problem) => {
      expect(configError({ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: url }).problems).toEqual([problem]);
    });

    it.each([
      'mongodb://localhost',
      'mongodb://localhost:27017/okr',
      'mongodb://okr:p%40ss@mongo1:27017,mongo2:27017,mongo3:27017/okr?replicaSet=rs0&authSource=admin',
      'mongodb+srv://okr:secret@cluster0.example.mongodb.net/okr?retryWrites=true',
    ])('accepts MONGODB_URL=%s', (url) => {
      expect(loadAppConfig({ READ_STORE: 'mongodb', MONGODB_URL: url }).readStore).toEqual({ kind: 'mongodb', url });
    });

    it.each([
      ['postgres://localhost/okr', 'MONGODB_URL must start with mongodb:// or mongodb+srv:// (got the scheme "postgres")'],
      ['mongodb+srv://a.example.com,b.example.com', 'MONGODB_URL with mongodb+srv:// must name exactly one host name and no port'],
      ['mongodb+srv://cluster.example.com:27017', 'MONGODB_URL with mongodb+srv:// must name exactly one host name and no port'],
      ['mongodb://localhost/okr/extra', 'MONGODB_URL has a path of more than one segment'],
      ['mongodb://localhost:0', 'MONGODB_URL has an invalid port for host 1 (expected 1 to 65535)'],
    ])('rejects MONGODB_URL=%s', (url, problem) => {
      expect(configError({ READ_STORE: 'mongodb', MONGODB_URL: url }).problems).toEqual([problem]);
    });

    it('checks a connection string that is set even when its backend is not chosen', () => {
      expect(configError({ MONGODB_URL: 'mongo://localhost' }).problems).toEqual([
        'MONGODB_URL must start with mongodb:// or mongodb+srv:// (got the scheme "mongo")',
      ]);
      expect(loadAppConfig({ MONGODB_URL: 'mongodb://localhost' }).readStore).toEqual({ kind: 'sqlite' });
    });

    it('never echoes credentials or options of a bad connection string', () => {
      const error = configError({
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_URL: 'esdb://admin:Sup3rSecret@localhost:2113/path?tls=false',
        READ_STORE: 'mongodb',
        MONGODB_URL: 'mongodb://okr:An0therSecret@mongo:99999/okr?authSource=admin',
      });
      expect(error.problems).toHaveLength(2);
      for (const secret of ['Sup3rSecret', 'An0therSecret', 'admin:', 'okr:', 'authSource', 'tls=false'])
        expect(error.message).not.toContain(secret);
    });
  });

  describe('projector settings', () => {
    it('reads PROJECTOR_LEASE_TTL_MS from 1000 to 600000', () => {
      expect(loadAppConfig({ PROJECTOR_LEASE_TTL_MS: '1000' }).projectorLeaseTtlMs).toBe(1000);
      expect(loadAppConfig({ PROJECTOR_LEASE_TTL_MS: ' 600000 ' }).projectorLeaseTtlMs).toBe(600000);
    });

    it.each(['999', '600001', '1.5e3', '-5000', 'fast', '2000ms'])('rejects PROJECTOR_LEASE_TTL_MS=%s', (value) => {
      expect(configError({ PROJECTOR_LEASE_TTL_MS: value }).problems).toEqual([
        `PROJECTOR_LEASE_TTL_MS must be an integer from 1000 to 600000 (milliseconds) (got ${JSON.stringify(value)})`,
      ]);
    });

    it.each(['0', '65536', 'http'])('rejects PROJECTOR_HEALTH_PORT=%s', (value) => {
      expect(configError({ PROJECTOR_HEALTH_PORT: value }).problems).toEqual([
        `PROJECTOR_HEALTH_PORT must be an integer from 1 to 65535 (got ${JSON.stringify(value)})`,
      ]);
    });
  });

  it('lists every bad variable at once', () => {
    const error = configError({
      PORT: 'http',
      OKR_ADMIN_TOKEN: 'abc',
      LOG_LEVEL: 'loud',
      OKR_DEMO: 'maybe',
      EVENT_STORE: 'eventstoredb',
      READ_STORE: 'mongodb',
      MONGODB_URL: 'http://mongo',
      PROJECTOR: 'remote',
      PROJECTOR_LEASE_TTL_MS: '10',
      PROJECTOR_HEALTH_PORT: '-1',
    });
    expect(error.name).toBe('ConfigError');
    const names = [
      'PORT',
      'OKR_ADMIN_TOKEN',
      'LOG_LEVEL',
      'OKR_DEMO',
      'EVENTSTORE_URL',
      'MONGODB_URL',
      'PROJECTOR',
      'PROJECTOR_LEASE_TTL_MS',
      'PROJECTOR_HEALTH_PORT',
    ];
    expect(error.problems).toHaveLength(names.length);
    expect(error.message.split('\n')).toEqual(error.problems.map((p) => `- ${p}`));
    for (const name of names) expect(error.problems.some((p) => p.startsWith(`${name} `))).toBe(true);
  });
});

describe('nestLogLevels', () => {
  it('enables the level and every more severe one', () => {
    expect(nestLogLevels('error')).toEqual(['fatal', 'error']);
    expect(nestLogLevels('log')).toEqual(['fatal', 'error', 'warn', 'log']);
    expect(nestLogLevels('verbose')).toEqual(['fatal', 'error', 'warn', 'log', 'debug', 'verbose']);
  });
});
