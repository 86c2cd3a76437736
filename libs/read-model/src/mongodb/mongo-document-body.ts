import { BSON } from 'mongodb';

/**
 * How a document's body is stored in MongoDB. The port wants reads to return exactly the JSON round trip of
 * what was written, so the body is always produced by JSON (`encodeDocument`), then stored:
 *
 * - as a nested BSON object (`doc`), readable and queryable with MongoDB's own tools, when BSON keeps it exactly:
 *   no key that is empty, starts with `$`, contains `.` (MongoDB's field-name restrictions) or a NUL (BSON keys
 *   are C strings), no key or string holding a lone UTF-16 surrogate (BSON strings are UTF-8: it would come back
 *   as U+FFFD), nesting no deeper than MAX_NESTED_DEPTH (the server refuses documents nested over 100 levels).
 *   Numbers need no care: after JSON they are finite doubles, which BSON keeps exactly (as int32 or double);
 * - otherwise as the JSON text itself (`json`), which always round-trips.
 */
export type StoredBody = { doc: Record<string, unknown>; json?: never } | { json: string; doc?: never };

/** Depth of the body's own nesting below `doc` (the store's envelope adds one level). */
export const MAX_NESTED_DEPTH = 64;

/** MongoDB's limit on a stored document (BSON bytes), less room for the envelope's own fields. */
export const MAX_STORED_BYTES = 16 * 1024 * 1024 - 16 * 1024;

/** Bodies shorter than this cannot reach the limit in either form (BSON is at most ~7 × the JSON here). */
const SIZE_CHECK_THRESHOLD_BYTES = 2 * 1024 * 1024;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The stored form of a body given as JSON text (an object's). Throws a RangeError when it exceeds MongoDB's
 * document size limit in both forms, so that a batch holding it is refused before anything is written.
 */
export function storedBodyOf(json: string, what: string): StoredBody {
  const parsed = JSON.parse(json) as Record<string, unknown>;
  const nested: StoredBody | null = isBsonSafe(parsed, 0) ? { doc: parsed } : null;
  if (Buffer.byteLength(json) < SIZE_CHECK_THRESHOLD_BYTES) return nested ?? { json };
  if (nested && BSON.calculateObjectSize(nested) <= MAX_STORED_BYTES) return nested;
  const size = BSON.calculateObjectSize({ json });
  if (size <= MAX_STORED_BYTES) return { json };
  throw new RangeError(`${what} is ${size} bytes as BSON, over MongoDB's document size limit (16 MiB)`);
}

/** The document a stored body holds, as a fresh object. */
export function bodyOf<T>(stored: { doc?: unknown; json?: unknown }): T {
  if (stored.doc !== undefined && stored.doc !== null) return stored.doc as T;
  if (typeof stored.json === 'string') return JSON.parse(stored.json) as T;
  throw new Error('A stored read-model document has no body (neither doc nor json)');
}

/** Whether BSON stores this JSON value exactly (see StoredBody). */
export function isBsonSafe(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return !LONE_SURROGATE.test(value);
  if (value === null || typeof value !== 'object') return true;
  if (depth >= MAX_NESTED_DEPTH) return false;
  if (Array.isArray(value)) return value.every((item) => isBsonSafe(item, depth + 1));
  for (const key of Object.keys(value)) {
    if (!isSafeKey(key)) return false;
    if (!isBsonSafe((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

function isSafeKey(key: string): boolean {
  return key.length > 0 && key[0] !== '$' && !key.includes('.') && !key.includes('\u0000') && !LONE_SURROGATE.test(key);
}
