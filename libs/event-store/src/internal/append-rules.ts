import { EventToAppend, ExpectedRevision, WrongExpectedRevisionError, DuplicateEventIdError } from '../event-store.port';

/**
 * Rules every adapter applies to an append before touching storage, so they all fail the same way.
 * Not exported from the package: adapters share it, consumers use the port.
 */

/** Throws a TypeError/RangeError for malformed input, DuplicateEventIdError for an id repeated inside the batch. */
export function validateAppend(streamId: string, events: readonly EventToAppend[], expectedRevision: ExpectedRevision): void {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new TypeError('streamId must be a non-empty string');
  }
  if (
    expectedRevision !== 'any' &&
    expectedRevision !== 'no_stream' &&
    !(typeof expectedRevision === 'number' && Number.isSafeInteger(expectedRevision) && expectedRevision >= -1)
  ) {
    throw new RangeError(`Invalid expectedRevision ${String(expectedRevision)}: use 'any', 'no_stream' or an integer >= -1`);
  }
  const seen = new Set<string>();
  for (const event of events) {
    if (typeof event?.type !== 'string' || event.type.length === 0) {
      throw new TypeError(`Event in stream ${streamId} has no type`);
    }
    const eventId = event.metadata?.eventId;
    if (typeof eventId !== 'string' || eventId.length === 0) {
      throw new TypeError(`Event of type ${event.type} in stream ${streamId} has no metadata.eventId`);
    }
    if (seen.has(eventId)) throw new DuplicateEventIdError(eventId);
    seen.add(eventId);
  }
}

/**
 * Throws WrongExpectedRevisionError unless `actual` (the stream's last revision, -1 when it does not exist)
 * satisfies `expected`. A numeric -1 is treated like 'no_stream'.
 */
export function assertExpectedRevision(streamId: string, expected: ExpectedRevision, actual: number): void {
  const ok = expected === 'any' || (expected === 'no_stream' ? actual === -1 : actual === expected);
  if (!ok) throw new WrongExpectedRevisionError(streamId, expected, actual);
}

/** Validates read options; returns maxCount normalised (undefined = unlimited). */
export function validateMaxCount(maxCount: number | undefined): number | undefined {
  if (maxCount === undefined) return undefined;
  if (!Number.isSafeInteger(maxCount) || maxCount < 0) throw new RangeError(`Invalid maxCount ${maxCount}`);
  return maxCount;
}

export function validateNonNegativeInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Invalid ${name} ${value}`);
  return value;
}

/** A page size for subscriptions: a positive integer (default when undefined). */
export function validatePageSize(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`Invalid subscriptionPageSize ${value}`);
  return value;
}
