import {
  MongoBulkWriteError,
  MongoClientClosedError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';
import type { WriteError } from 'mongodb';
import { scrubUrlSecrets } from './mongo-connection-url';

/** Server error codes the store reacts to (src/mongo/base/error_codes.yml in the server's sources). */
export const MongoErrorCode = {
  NamespaceNotFound: 26,
  NamespaceExists: 48,
  DuplicateKey: 11000,
} as const;

/**
 * True for the server's E11000 duplicate-key error. For a version-guarded upsert, `{_id, version: {$lt: v}}`
 * with `upsert: true`, it means the document (or tombstone) exists with a version >= v: the write is not
 * applied, which is what the guard wants — including when two writers race to insert the same id.
 */
export function isDuplicateKeyError(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === MongoErrorCode.DuplicateKey && !(error instanceof MongoBulkWriteError);
}

export function hasErrorCode(error: unknown, code: number): boolean {
  return error instanceof MongoServerError && error.code === code;
}

/**
 * True when an unordered bulk write failed only because some of its version-guarded upserts met a newer or
 * equal version (E11000 on each failed op): every other op was applied, and nothing is wrong. False when any op
 * failed otherwise, when the write concern failed, and when the bulk failed as a whole (a network error
 * arrives as a MongoBulkWriteError without write errors).
 */
export function failedOnlyOnDuplicateKeys(error: unknown): boolean {
  if (!(error instanceof MongoBulkWriteError)) return false;
  const writeErrors: WriteError[] = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  if (writeErrors.length === 0 || writeErrors.some((writeError) => writeError?.code !== MongoErrorCode.DuplicateKey)) return false;
  return error.err === undefined && !error.result?.getWriteConcernError?.();
}

/** Errors that mean "the server cannot be reached (now)"; the driver keeps reconnecting in the background. */
export function isUnreachableError(error: unknown): boolean {
  return error instanceof MongoServerSelectionError || error instanceof MongoNetworkError || error instanceof MongoTopologyClosedError;
}

/**
 * The MongoDB server of the read-model store cannot be reached: at connect (the store fails fast), or later
 * (the call fails; the driver reconnects by itself, so a later call may succeed). The message names the
 * server without credentials; `cause` is the driver's error.
 */
export class MongoUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MongoUnavailableError';
  }
}

/** The error a store method rejects with: unreachable servers as MongoUnavailableError, with any secret scrubbed. */
export function translateError(error: unknown, url: string | undefined, redactedUrl: string): unknown {
  if (error instanceof MongoClientClosedError || error instanceof MongoNotConnectedError) return error;
  if (isUnreachableError(error)) {
    const reason = scrub((error as Error).message, url);
    return new MongoUnavailableError(`MongoDB read-model store at ${redactedUrl} is unreachable: ${reason}`, { cause: error });
  }
  if (error instanceof Error && url !== undefined) {
    const scrubbed = scrub(error.message, url);
    if (scrubbed !== error.message) error.message = scrubbed;
  }
  return error;
}

function scrub(message: string, url: string | undefined): string {
  return url === undefined ? message : scrubUrlSecrets(message, url);
}
