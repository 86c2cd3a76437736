import { DEFAULT_CONNECT_TIMEOUT_MS, redactConnectionString, resolveSettings, scrubCredentials } from './connection-settings';

describe('connection settings', () => {
  it('applies the defaults: prefix okr, 10 s to connect', () => {
    expect(resolveSettings({ connectionString: 'esdb://localhost:2113?tls=false' })).toEqual({
      connectionString: 'esdb://localhost:2113?tls=false',
      streamPrefix: 'okr',
      connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS,
      server: 'esdb://localhost:2113?tls=false',
    });
    expect(DEFAULT_CONNECT_TIMEOUT_MS).toBe(10_000);
  });

  it('refuses missing or malformed options with a message naming the option', () => {
    expect(() => resolveSettings({ connectionString: '' })).toThrow(/connectionString is required/);
    expect(() => resolveSettings({ connectionString: '   ' })).toThrow(/connectionString is required/);
    expect(() => resolveSettings({} as never)).toThrow(/connectionString is required/);
    expect(() => resolveSettings(undefined as never)).toThrow(/options are required/);
    expect(() => resolveSettings({ connectionString: 'esdb://h', streamPrefix: 'okr-prod' })).toThrow(/stream prefix/);
    expect(() => resolveSettings({ connectionString: 'esdb://h', connectTimeoutMs: 0 })).toThrow(/connectTimeoutMs/);
    expect(() => resolveSettings({ connectionString: 'esdb://h', connectTimeoutMs: 1.5 })).toThrow(/connectTimeoutMs/);
  });

  it('never shows credentials: the server is named without them', () => {
    expect(resolveSettings({ connectionString: 'esdb://admin:changeit@db1:2113,db2:2113?tls=true' }).server).toBe(
      'esdb://***@db1:2113,db2:2113?tls=true',
    );
    expect(redactConnectionString('esdb+discover://ops:p@ss@cluster.local:2113')).toBe('esdb+discover://***@cluster.local:2113');
    expect(redactConnectionString('esdb://localhost:2113?tls=false')).toBe('esdb://localhost:2113?tls=false');
    expect(redactConnectionString('admin:secret@localhost:2113')).toBe('***@localhost:2113');
  });

  it('scrubs the user name and password out of any message', () => {
    const url = 'esdb://admin:s3cr3t@db:2113';
    expect(scrubCredentials('Unexpected "admin:s3cr3t@" at position 7', url)).toBe('Unexpected "***@" at position 7');
    expect(scrubCredentials('access denied for admin with s3cr3t', url)).toBe('access denied for *** with ***');
    expect(scrubCredentials('nothing to hide', 'esdb://db:2113')).toBe('nothing to hide');
  });
});
