import {
  AccessDeniedError,
  ANY,
  CancelledError,
  convertToCommandError,
  DeadlineExceededError,
  NO_STREAM,
  StreamDeletedError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { WrongExpectedRevisionError } from '../event-store.port';
import {
  describeError,
  EventStoreDbUnavailableError,
  isStreamDeleted,
  isStreamNotFound,
  isTransientError,
  isWrongExpectedVersion,
  StreamTombstonedError,
  translateOperationError,
  translateWrongExpectedVersion,
} from './error-translation';

/** A gRPC ServiceError as @grpc/grpc-js produces it, with EventStoreDB's trailers. */
function serviceError(code: number, trailers: Record<string, string> = {}): Error {
  return Object.assign(new Error(`${code} ${trailers.exception ?? 'ERROR'}`), {
    code,
    details: 'details',
    metadata: { getMap: () => trailers },
  });
}

describe('error translation', () => {
  it("turns the client's WrongExpectedVersionError into the port's error with the actual revision", () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 'okr.objective-1', expected: 3n, current: 5n });
    const translated = translateWrongExpectedVersion(error, 'objective-1', 3);
    expect(translated).toBeInstanceOf(WrongExpectedRevisionError);
    expect(translated).toMatchObject({ streamId: 'objective-1', expected: 3, actual: 5 });
    expect(translated.message).toBe('Stream objective-1: expected revision 3, actual 5');
  });

  it('reports a missing stream as actual -1', () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 'okr.s', expected: 0n, current: NO_STREAM });
    expect(translateWrongExpectedVersion(error, 's', 0).actual).toBe(-1);
    const noStream = new WrongExpectedVersionError(undefined, { streamName: 'okr.s', expected: NO_STREAM, current: 2n });
    expect(translateWrongExpectedVersion(noStream, 's', 'no_stream')).toMatchObject({ expected: 'no_stream', actual: 2 });
  });

  it('translates what the client makes of the server’s gRPC trailers', () => {
    const converted = convertToCommandError(
      serviceError(9, { exception: 'wrong-expected-version', 'stream-name': 'okr.a', 'expected-version': '3', 'actual-version': '7' }),
    );
    expect(isWrongExpectedVersion(converted)).toBe(true);
    expect(translateWrongExpectedVersion(converted as WrongExpectedVersionError, 'a', 3).actual).toBe(7);
    const missing = convertToCommandError(
      serviceError(9, { exception: 'wrong-expected-version', 'stream-name': 'okr.a', 'expected-version': '0' }),
    );
    expect(translateWrongExpectedVersion(missing as WrongExpectedVersionError, 'a', 0).actual).toBe(-1);
  });

  it('recognises missing and deleted streams', () => {
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'okr.x'))).toBe(true);
    expect(isStreamNotFound(convertToCommandError(serviceError(5, { exception: 'stream-not-found', 'stream-name': 'okr.x' })))).toBe(true);
    expect(isStreamNotFound(new Error('stream not found'))).toBe(false);
    expect(isStreamDeleted(StreamDeletedError.fromStreamName('okr.x'))).toBe(true);
    expect(isStreamDeleted(new StreamNotFoundError(undefined, 'okr.x'))).toBe(false);
  });

  it('classifies connection problems as transient and the rest as not', () => {
    for (const error of [
      new UnavailableError(),
      new DeadlineExceededError(),
      new TimeoutError(),
      new CancelledError(),
      convertToCommandError(serviceError(14)),
      convertToCommandError(serviceError(4)),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2113'), { code: 'ECONNREFUSED' }),
      new Error('Failed to discover after 10 attempts.'),
      new EventStoreDbUnavailableError('append', 'esdb://h:2113', new UnavailableError()),
    ]) {
      expect(isTransientError(error)).toBe(true);
    }
    for (const error of [
      new AccessDeniedError(),
      new UnknownError(),
      // The server's answer to a read from a position that is not a record's: InvalidArgument.
      convertToCommandError(serviceError(3)),
      new WrongExpectedVersionError(undefined, { streamName: 's', expected: ANY, current: 1n }),
      new StreamNotFoundError(undefined, 's'),
      new TypeError('bad input'),
      'a string',
      undefined,
    ]) {
      expect(isTransientError(error)).toBe(false);
    }
  });

  it('wraps transient errors in EventStoreDbUnavailableError naming the server and the operation, and leaves others alone', () => {
    const cause = new UnavailableError(undefined, '14 UNAVAILABLE: No connection established');
    const wrapped = translateOperationError(cause, 'append to objective-1', 'esdb://***@db:2113') as EventStoreDbUnavailableError;
    expect(wrapped).toBeInstanceOf(EventStoreDbUnavailableError);
    expect(wrapped.message).toBe(
      'EventStoreDB at esdb://***@db:2113 is unavailable (append to objective-1): 14 UNAVAILABLE: No connection established',
    );
    expect(wrapped.cause).toBe(cause);
    const other = new AccessDeniedError();
    expect(translateOperationError(other, 'read', 'x')).toBe(other);
  });

  it('describes errors on one line, naming the class when the client left the message empty', () => {
    expect(describeError(new UnavailableError())).toBe('UnavailableError');
    expect(describeError(new Error('two\n  lines'))).toBe('two lines');
    expect(describeError(42)).toBe('42');
  });

  it('names the stream of a tombstoned stream', () => {
    const error = new StreamTombstonedError('objective-1', StreamDeletedError.fromStreamName('okr.objective-1'));
    expect(error.message).toMatch(/objective-1 was hard-deleted/);
  });
});
