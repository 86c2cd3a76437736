import { AppendResult, DuplicateEventIdError } from '../event-store.port';

/** Where an already stored event lives, and which append wrote it. */
export interface StoredEventLocation {
  streamId: string;
  revision: number;
  position: number;
  /** Revision of the first event written by the same append. */
  batchFirstRevision: number;
  /** Number of events written by the same append. */
  batchSize: number;
}

/**
 * Decides whether an append (its event ids, in order) re-uses event ids that are already stored.
 *
 * - none of the ids exist → `undefined` (a normal append);
 * - the ids are exactly those of one earlier append to the same stream, in the same order → the original
 *   AppendResult (an idempotent retry: the caller must write nothing);
 * - any other re-use (a subset, another order, another stream, ids of several appends mixed with new ones)
 *   → DuplicateEventIdError naming the first re-used id.
 *
 * `lookup` finds an event by id; adapters pass their index (a Map, or a prepared statement).
 */
export function detectIdempotentRetry(
  streamId: string,
  eventIds: readonly string[],
  lookup: (eventId: string) => StoredEventLocation | undefined,
): AppendResult | undefined {
  if (eventIds.length === 0) return undefined;
  const found = eventIds.map((eventId) => lookup(eventId));
  const firstReused = found.findIndex((location) => location !== undefined);
  if (firstReused === -1) return undefined;

  const first = found[0];
  const isExactRetry =
    first !== undefined &&
    first.streamId === streamId &&
    first.revision === first.batchFirstRevision &&
    first.batchSize === eventIds.length &&
    found.every(
      (location, i) =>
        location !== undefined &&
        location.streamId === streamId &&
        location.batchFirstRevision === first.batchFirstRevision &&
        location.revision === first.revision + i,
    );
  if (!isExactRetry) throw new DuplicateEventIdError(eventIds[firstReused]);

  const last = found[found.length - 1]!;
  return { nextExpectedRevision: last.revision, position: last.position };
}
