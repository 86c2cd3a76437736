import { databaseFromUrl, redactMongoUrl, scrubUrlSecrets, validateDatabaseName } from './mongo-connection-url';

describe('databaseFromUrl', () => {
  it('reads the database from the path, percent-decoded, after credentials and a host list', () => {
    expect(databaseFromUrl('mongodb://localhost:27017/okr')).toBe('okr');
    expect(databaseFromUrl('mongodb://user:p%40ss@h1:27017,h2:27018/okr_prod?replicaSet=rs0')).toBe('okr_prod');
    expect(databaseFromUrl('mongodb+srv://user:pw@cluster.example.net/my%2Ddb?retryWrites=true')).toBe('my-db');
    expect(databaseFromUrl('MONGODB://host/Upper')).toBe('Upper');
  });

  it('gives undefined when the URL names no database, or is not a MongoDB URL', () => {
    for (const url of ['mongodb://localhost', 'mongodb://localhost:27017/', 'mongodb://h/?authSource=admin', 'http://host/db', 'okr', '']) {
      expect([url, databaseFromUrl(url)]).toEqual([url, undefined]);
    }
  });
});

describe('validateDatabaseName', () => {
  it('accepts what MongoDB accepts and rejects the rest with a TypeError', () => {
    for (const name of ['okr', 'okr_test-1', 'Ω', 'x'.repeat(63)]) expect(() => validateDatabaseName(name)).not.toThrow();
    for (const name of ['', 'a.b', 'a/b', 'a b', 'a$b', 'a"b', 'a\u0000b', 'x'.repeat(64), 'é'.repeat(32), 42, undefined]) {
      expect(() => validateDatabaseName(name)).toThrow(TypeError);
    }
  });
});

describe('redactMongoUrl', () => {
  it('hides credentials and options, keeps scheme, hosts and database', () => {
    expect(redactMongoUrl('mongodb://okr:secret@mongo1:27017,mongo2/okr?replicaSet=rs0&authSource=admin')).toBe(
      'mongodb://***@mongo1:27017,mongo2/okr?…',
    );
    expect(redactMongoUrl('mongodb+srv://u:p@cluster0.example.net/?authMechanismProperties=AWS_SESSION_TOKEN:abc')).toBe(
      'mongodb+srv://***@cluster0.example.net/?…',
    );
    expect(redactMongoUrl('mongodb://localhost:27017')).toBe('mongodb://localhost:27017');
    expect(redactMongoUrl('mongodb://localhost/okr')).toBe('mongodb://localhost/okr');
    // A password holding an unescaped @ is still hidden whole.
    expect(redactMongoUrl('mongodb://u:p@ss@host/db')).toBe('mongodb://***@host/db');
  });

  it('shows nothing of a string that is not a MongoDB URL', () => {
    expect(redactMongoUrl('hunter2')).toBe('(unparsable MongoDB URL)');
    expect(redactMongoUrl('postgres://u:p@h/db')).toBe('(unparsable MongoDB URL)');
  });
});

describe('scrubUrlSecrets', () => {
  it('removes the URL, its credentials and its password (raw and decoded) from a message', () => {
    const url = 'mongodb://reader:s%40cret-pw@db:27017/okr?tlsCertificateKeyFilePassword=kfp';
    const message = `failed for ${url}; auth reader:s%40cret-pw; password s@cret-pw; s%40cret-pw; tlsCertificateKeyFilePassword=kfp`;
    const scrubbed = scrubUrlSecrets(message, url);
    expect(scrubbed).toContain('mongodb://***@db:27017/okr?…');
    for (const secret of ['s%40cret-pw', 's@cret-pw', 'kfp']) expect(scrubbed).not.toContain(secret);
  });

  it('leaves a message without secrets alone', () => {
    expect(scrubUrlSecrets('connect ECONNREFUSED 127.0.0.1:27017', 'mongodb://127.0.0.1:27017/okr')).toBe(
      'connect ECONNREFUSED 127.0.0.1:27017',
    );
  });
});
