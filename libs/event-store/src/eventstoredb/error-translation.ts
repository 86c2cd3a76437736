import {
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  StreamDeletedError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { ExpectedRevision, WrongExpectedRevisionError } from '../event-store.port';
import { fromCurrentRevision } from './revision-mapping';

/**
 * Errors of the EventStoreDB client, translated to the port's errors or to errors with a clear message.
 * The client's error classes are checked with instanceof (they restore their prototype chain).
 */

/** The client's WrongExpectedVersionError as the port's WrongExpectedRevisionError (actual -1: no stream). */
export function translateWrongExpectedVersion(
  error: WrongExpectedVersionError,
  streamId: string,
  expected: ExpectedRevision,
): WrongExpectedRevisionError {
  return new WrongExpectedRevisionError(streamId, expected, fromCurrentRevision(error.actualVersion));
}

export function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return error instanceof WrongExpectedVersionError;
}

/** Reading a stream that does not exist (or was soft-deleted). */
export function isStreamNotFound(error: unknown): error is StreamNotFoundError {
  return error instanceof StreamNotFoundError;
}

/** The stream was hard-deleted (tombstoned): it can never be written again. */
export function isStreamDeleted(error: unknown): error is StreamDeletedError {
  return error instanceof StreamDeletedError;
}

/** gRPC status codes after which the same call may succeed later. */
const TRANSIENT_GRPC_CODES = new Set([
  1, // CANCELLED (by the server, e.g. on shutdown; the client's own cancellations never reach us as errors)
  4, // DEADLINE_EXCEEDED
  10, // ABORTED (the client maps it to TimeoutError)
  14, // UNAVAILABLE
]);
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * True for errors after which retrying the same call later can succeed: the server is unreachable,
 * restarting, overloaded or changing leader. False for errors that retrying cannot fix (access denied,
 * invalid argument, wrong expected version…).
 */
export function isTransientError(error: unknown): boolean {
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError ||
    error instanceof CancelledError ||
    error instanceof EventStoreDbUnavailableError
  ) {
    return true;
  }
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'number' && TRANSIENT_GRPC_CODES.has(code)) return true;
  if (typeof code === 'string' && TRANSIENT_NODE_CODES.has(code)) return true;
  // Gossip discovery (esdb+discover://) gives up with a plain Error when no node answers.
  return /failed to discover/i.test(error.message);
}

/** EventStoreDB could not be reached for an operation; `cause` is the client's error. */
export class EventStoreDbUnavailableError extends Error {
  constructor(
    readonly operation: string,
    /** The server, connection string without credentials. */
    readonly server: string,
    cause: unknown,
  ) {
    super(`EventStoreDB at ${server} is unavailable (${operation}): ${describeError(cause)}`, { cause });
    this.name = 'EventStoreDbUnavailableError';
  }
}

/** Appending to a hard-deleted stream. */
export class StreamTombstonedError extends Error {
  constructor(
    readonly streamId: string,
    cause?: unknown,
  ) {
    super(`Stream ${streamId} was hard-deleted (tombstoned) in EventStoreDB: it cannot be written again`, { cause });
    this.name = 'StreamTombstonedError';
  }
}

/** Leaves the port's own errors alone; wraps transient client errors in EventStoreDbUnavailableError. */
export function translateOperationError(error: unknown, operation: string, server: string): unknown {
  return isTransientError(error) ? new EventStoreDbUnavailableError(operation, server, error) : error;
}

/** A short, single-line description of any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const text = error.message || error.constructor?.name || error.name;
    return text.replace(/\s+/g, ' ').trim();
  }
  return String(error);
}
