import { START } from '@eventstore/db-client';
import type { Position, ReadPosition } from '@eventstore/db-client';
import { StoredEvent } from '../event-store.port';

/**
 * Global positions. EventStoreDB gives every event in `$all` a {commit, prepare} pair of byte offsets in
 * its transaction log, ordered by commit then prepare. The port wants one JS number per event, strictly
 * increasing in `$all` order.
 *
 * The port's position is the **prepare** position:
 * - appends over gRPC are implicit transactions: every event is a prepare record flagged IsCommitted,
 *   written contiguously by the single writer, and `$all` reports such an event at (its log position, its
 *   log position): commit == prepare, unique and increasing per event (the server's AllReader builds
 *   `CommitEventRecord(eventRecord, eventRecord.LogPosition)` for them). Only explicit transactions (a
 *   TCP-client feature that gRPC never had) give events a separate commit record, shared by the events of
 *   the transaction, with commit > prepare.
 * - so for this application's events prepare is unique and increasing; the adapter still checks the order
 *   on every read and stops with a clear error if it ever sees otherwise.
 *
 * Back from a checkpoint p (the position of an event delivered earlier): the event is at
 * {commit: p, prepare: p}. A read of `$all` from there returns p itself again (reads are inclusive), which
 * the adapter drops. Since commit >= prepare for every event, no event with prepare > p sorts before
 * {p, p}, so nothing is missed.
 */

/** The largest unsigned 64-bit integer: what the server sends when it has no position for an event (older servers on stream reads). */
export const MISSING_POSITION = 2n ** 64n - 1n;
const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/** `value` as a JS number when that is exact (0 <= value <= Number.MAX_SAFE_INTEGER); throws a RangeError otherwise, never rounds. */
export function exactNumber(value: bigint, what: string): number {
  if (typeof value !== 'bigint') throw new TypeError(`EventStoreDB ${what} is not a bigint: ${String(value)}`);
  if (value < 0n || value > MAX_EXACT) {
    throw new RangeError(`EventStoreDB ${what} ${value} cannot be represented exactly as a JS number (0 to ${Number.MAX_SAFE_INTEGER})`);
  }
  return Number(value);
}

/**
 * The port's position of an event from its EventStoreDB position (its prepare position).
 * Throws when the server gave none, when it is inconsistent, or when it is not exactly representable.
 */
export function toPortPosition(position: Position | undefined, where: string): number {
  if (position === undefined || position.commit === MISSING_POSITION || position.prepare === MISSING_POSITION) {
    throw new Error(
      `EventStoreDB returned no position for ${where}: stream reads carry positions from server version 22.6 on; ` +
        `this adapter needs EventStoreDB 22.10 or later`,
    );
  }
  if (position.commit < position.prepare) {
    throw new RangeError(
      `EventStoreDB returned an inconsistent position for ${where}: commit ${position.commit} < prepare ${position.prepare}`,
    );
  }
  const value = exactNumber(position.prepare, `prepare position of ${where}`);
  if (value < 1) throw new RangeError(`EventStoreDB returned position 0 for ${where}; positions of events are >= 1`);
  return value;
}

/** Where a forward read of `$all` starts so that it sees every event with a port position > `after` (START for 0). */
export function readPositionAfter(after: number): ReadPosition {
  if (!Number.isSafeInteger(after) || after < 0) throw new RangeError(`Invalid position ${after}`);
  return after === 0 ? START : checkpointToPosition(after);
}

/**
 * The exact EventStoreDB position of the event whose port position is `checkpoint`: {commit: p, prepare: p}
 * (exact for every event appended over gRPC, see above).
 */
export function checkpointToPosition(checkpoint: number): Position {
  if (!Number.isSafeInteger(checkpoint) || checkpoint < 1) throw new RangeError(`Invalid checkpoint ${checkpoint}: a position >= 1`);
  return { commit: BigInt(checkpoint), prepare: BigInt(checkpoint) };
}

/** `$all` order: commit position first, then prepare. Negative when a < b. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

export function samePosition(a: Position, b: Position): boolean {
  return a.commit === b.commit && a.prepare === b.prepare;
}

const EXACT_POSITION_PROPERTY = 'eventStoreDbPosition';

/**
 * Attaches the exact {commit, prepare} to an event read from EventStoreDB, as a non-enumerable property:
 * invisible to JSON.stringify (bigints do not serialise) and to deep equality, readable with
 * eventStoreDbPositionOf().
 */
export function attachExactPosition<T extends object>(event: T, position: Position): T {
  Object.defineProperty(event, EXACT_POSITION_PROPERTY, {
    value: Object.freeze({ commit: position.commit, prepare: position.prepare }),
    enumerable: false,
    writable: false,
    configurable: false,
  });
  return event;
}

/** The exact EventStoreDB {commit, prepare} of an event returned by EventStoreDbEventStore (undefined for events of other stores or copies). */
export function eventStoreDbPositionOf(event: StoredEvent): Position | undefined {
  const value = (event as unknown as Record<string, unknown>)[EXACT_POSITION_PROPERTY];
  return value === undefined ? undefined : (value as Position);
}
