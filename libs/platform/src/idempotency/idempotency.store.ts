/** A completed request remembered under its Idempotency-Key, so a retry gets the same answer. */
export interface IdempotencyRecord {
  /** Who sent it: `${tenantId}:${userId}`, or 'anonymous'. Keys are only unique within a scope. */
  scope: string;
  /** The Idempotency-Key header value. */
  key: string;
  /** SHA-256 (hex) of method, URL and canonical JSON body: a reused key with another request is detected. */
  requestHash: string;
  /** HTTP status of the original response (2xx). */
  status: number;
  /** The original response body (a JSON value; null when there was none). */
  body: unknown;
  /** ISO-8601 timestamp. */
  createdAt: string;
}

/**
 * Port for idempotency records. `save` keeps the first record saved for a (scope, key): saving again under
 * the same scope and key does not replace it.
 */
export interface IdempotencyStore {
  find(scope: string, key: string): Promise<IdempotencyRecord | undefined>;
  save(record: IdempotencyRecord): Promise<void>;
}

/** Nest injection token of the IdempotencyStore used by the IdempotencyInterceptor. */
export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');
