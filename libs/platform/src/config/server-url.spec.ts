import { ESDB_URL_RULES, MONGODB_URL_RULES, maskUrlCredentials, parseServerUrl, redactServerUrl, scrubServerUrl } from './server-url';

describe('parseServerUrl', () => {
  it('reads scheme, hosts, ports, credentials and path', () => {
    expect(parseServerUrl('mongodb://okr:p%40ss@mongo1:27017,mongo2/okr?replicaSet=rs0', MONGODB_URL_RULES)).toEqual({
      scheme: 'mongodb',
      hosts: [{ host: 'mongo1', port: 27017 }, { host: 'mongo2' }],
      hasCredentials: true,
      path: 'okr',
    });
    expect(parseServerUrl(' esdb+discover://cluster.local/ ', ESDB_URL_RULES)).toEqual({
      scheme: 'esdb+discover',
      hosts: [{ host: 'cluster.local' }],
      hasCredentials: false,
    });
    expect(parseServerUrl('esdb://[::1]:2113', ESDB_URL_RULES).hosts).toEqual([{ host: '[::1]', port: 2113 }]);
  });
});

describe('redactServerUrl', () => {
  it('masks credentials and options, keeps hosts and path', () => {
    expect(redactServerUrl('mongodb://okr:secret@mongo1:27017,mongo2/okr?replicaSet=rs0')).toBe('mongodb://***@mongo1:27017,mongo2/okr?…');
    expect(redactServerUrl('esdb://eventstore:2113?tls=false')).toBe('esdb://eventstore:2113?…');
    expect(redactServerUrl('esdb://eventstore:2113')).toBe('esdb://eventstore:2113');
    expect(redactServerUrl('not a url with secret')).toBe('(unparsable)');
  });
});

describe('scrubServerUrl', () => {
  it('removes the connection string, its password (raw and decoded) and its options from a message', () => {
    const url = 'mongodb://okr:s%40cret-pw@mongo:27017/okr?authSource=admin';
    const message = `connect failed for ${url}; auth okr:s@cret-pw rejected; password s%40cret-pw; options authSource=admin`;
    const scrubbed = scrubServerUrl(message, url);
    expect(scrubbed).toContain('mongodb://***@mongo:27017/okr?…');
    expect(scrubbed).not.toContain('s%40cret-pw');
    expect(scrubbed).not.toContain('s@cret-pw');
    expect(scrubbed).not.toContain('authSource=admin');
  });

  it('leaves a message without secrets as it is', () => {
    expect(scrubServerUrl('ECONNREFUSED 127.0.0.1:2113', 'esdb://localhost:2113')).toBe('ECONNREFUSED 127.0.0.1:2113');
  });
});

describe('maskUrlCredentials', () => {
  it('masks the credentials of every connection string in a text', () => {
    expect(maskUrlCredentials('failed: mongodb://okr:pw@db1:27017/okr and esdb://admin:changeit@es:2113?tls=false')).toBe(
      'failed: mongodb://***@db1:27017/okr and esdb://***@es:2113?tls=false',
    );
    expect(maskUrlCredentials('connect ECONNREFUSED 127.0.0.1:27017')).toBe('connect ECONNREFUSED 127.0.0.1:27017');
  });
});
