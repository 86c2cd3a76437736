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
    expect(config).toEqual({ port: 3000, dataDir: resolve('./data'), logLevel: 'log', demo: false });
    expect(isAbsolute(config.dataDir)).toBe(true);
    expect(config).not.toHaveProperty('adminToken');
  });

  it('reads every variable', () => {
    expect(
      loadAppConfig({ PORT: '8080', OKR_DATA_DIR: '/var/lib/okr', OKR_ADMIN_TOKEN: 'x'.repeat(16), LOG_LEVEL: 'debug', OKR_DEMO: '1' }),
    ).toEqual({ port: 8080, dataDir: '/var/lib/okr', adminToken: 'x'.repeat(16), logLevel: 'debug', demo: true });
  });

  it('resolves a relative data directory against the working directory', () => {
    expect(loadAppConfig({ OKR_DATA_DIR: 'var/okr' }).dataDir).toBe(resolve(process.cwd(), 'var/okr'));
  });

  it('treats empty variables as unset', () => {
    expect(loadAppConfig({ PORT: '', OKR_DATA_DIR: ' ', OKR_ADMIN_TOKEN: '', LOG_LEVEL: '', OKR_DEMO: '' })).toEqual(loadAppConfig({}));
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
    for (const level of ['error', 'warn', 'log', 'debug', 'verbose'] as const) expect(loadAppConfig({ LOG_LEVEL: level }).logLevel).toBe(level);
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

  it('lists every bad variable at once', () => {
    const error = configError({ PORT: 'http', OKR_ADMIN_TOKEN: 'abc', LOG_LEVEL: 'loud', OKR_DEMO: 'maybe' });
    expect(error.name).toBe('ConfigError');
    expect(error.problems).toHaveLength(4);
    expect(error.message.split('\n')).toEqual(error.problems.map((p) => `- ${p}`));
    for (const name of ['PORT', 'OKR_ADMIN_TOKEN', 'LOG_LEVEL', 'OKR_DEMO']) expect(error.message).toContain(name);
  });
});

describe('nestLogLevels', () => {
  it('enables the level and every more severe one', () => {
    expect(nestLogLevels('error')).toEqual(['fatal', 'error']);
    expect(nestLogLevels('log')).toEqual(['fatal', 'error', 'warn', 'log']);
    expect(nestLogLevels('verbose')).toEqual(['fatal', 'error', 'warn', 'log', 'debug', 'verbose']);
  });
});
