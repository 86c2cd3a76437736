import { MongoNetworkError, MongoServerError, MongoServerSelectionError } from 'mongodb';
import { bulkWriteErrorOf, serverError } from './testing/fake-mongo-database';
import {
  failedOnlyOnDuplicateKeys,
  hasErrorCode,
  isDuplicateKeyError,
  isUnreachableError,
  MongoErrorCode,
  MongoUnavailableError,
  translateError,
} from './mongo-errors';

/** The error the driver throws when no server answers within serverSelectionTimeoutMS. */
function selectionError(message: string): MongoServerSelectionError {
  return new MongoServerSelectionError(message, { type: 'Unknown', servers: new Map() } as never);
}

describe('isDuplicateKeyError', () => {
  it('recognises the server error E11000, and nothing else', () => {
    expect(
      isDuplicateKeyError(serverError(11000, 'E11000 duplicate key error collection: okr.leases index: _id_ dup key: { _id: "p" }')),
    ).toBe(true);
    expect(isDuplicateKeyError(serverError(MongoErrorCode.NamespaceExists, 'exists'))).toBe(false);
    expect(isDuplicateKeyError(Object.assign(new Error('E11000 duplicate key'), { code: 11000 }))).toBe(false);
    expect(isDuplicateKeyError(bulkWriteErrorOf([{ index: 0, code: 11000 }]))).toBe(false);
    expect(isDuplicateKeyError(undefined)).toBe(false);
  });

  it('hasErrorCode matches server errors by code', () => {
    expect(hasErrorCode(serverError(26, 'ns not found'), MongoErrorCode.NamespaceNotFound)).toBe(true);
    expect(hasErrorCode(serverError(26, 'ns not found'), MongoErrorCode.NamespaceExists)).toBe(false);
    expect(hasErrorCode({ code: 26 }, MongoErrorCode.NamespaceNotFound)).toBe(false);
  });
});

describe('failedOnlyOnDuplicateKeys', () => {
  it('is true when every failed op of the bulk write met a newer version (E11000)', () => {
    expect(failedOnlyOnDuplicateKeys(bulkWriteErrorOf([{ index: 0, code: 11000 }]))).toBe(true);
    expect(
      failedOnlyOnDuplicateKeys(
        bulkWriteErrorOf([
          { index: 1, code: 11000 },
          { index: 4, code: 11000 },
        ]),
      ),
    ).toBe(true);
  });

  it('is false when another op failed otherwise, the write concern failed, or the bulk failed as a whole', () => {
    expect(
      failedOnlyOnDuplicateKeys(
        bulkWriteErrorOf([
          { index: 0, code: 11000 },
          { index: 1, code: 121 },
        ]),
      ),
    ).toBe(false);
    expect(
      failedOnlyOnDuplicateKeys(bulkWriteErrorOf([{ index: 0, code: 11000 }], { code: 64, errmsg: 'waiting for replication timed out' })),
    ).toBe(false);
    expect(failedOnlyOnDuplicateKeys(bulkWriteErrorOf([], { code: 64, errmsg: 'waiting for replication timed out' }))).toBe(false);
    expect(failedOnlyOnDuplicateKeys(bulkWriteErrorOf([]))).toBe(false);
    expect(failedOnlyOnDuplicateKeys(serverError(11000, 'E11000'))).toBe(false);
    expect(failedOnlyOnDuplicateKeys(new MongoNetworkError('connection reset'))).toBe(false);
  });
});

describe('translateError', () => {
  const url = 'mongodb://reader:hunter22@db:27017/okr';
  const redacted = 'mongodb://***@db:27017/okr';

  it('turns "cannot reach the server" errors into MongoUnavailableError naming the server without credentials', () => {
    for (const error of [selectionError('connect ECONNREFUSED 10.0.0.1:27017'), new MongoNetworkError('connection 4 to db:27017 closed')]) {
      expect(isUnreachableError(error)).toBe(true);
      const translated = translateError(error, url, redacted) as MongoUnavailableError;
      expect(translated).toBeInstanceOf(MongoUnavailableError);
      expect(translated.message).toBe(`MongoDB read-model store at ${redacted} is unreachable: ${error.message}`);
      expect(translated.cause).toBe(error);
    }
  });

  it('passes other errors through, with any secret of the URL scrubbed from their message', () => {
    const leaky = serverError(18, `Authentication failed for ${url} (password hunter22)`);
    const translated = translateError(leaky, url, redacted) as MongoServerError;
    expect(translated).toBe(leaky);
    expect(translated.message).not.toContain('hunter22');
    expect(translated.message).toContain(redacted);
    const plain = new TypeError('bad input');
    expect(translateError(plain, url, redacted)).toBe(plain);
    expect(isUnreachableError(plain)).toBe(false);
  });
});
