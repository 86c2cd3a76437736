import { ANY, NO_STREAM } from '@eventstore/db-client';
import type { AppendExpectedRevision, CurrentRevision } from '@eventstore/db-client';
import { ExpectedRevision } from '../event-store.port';
import { exactNumber } from './position-mapping';

/**
 * Stream revisions: the port's are 0-based JS numbers (-1 = no stream), EventStoreDB's are 0-based
 * unsigned 64-bit integers (bigint in the client) or the NO_STREAM marker.
 */

/** The port's expected revision as the client's: 'any' → ANY, 'no_stream' and -1 → NO_STREAM, n → BigInt(n). */
export function toAppendExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream' || expected === -1) return NO_STREAM;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return BigInt(expected);
  throw new RangeError(`Invalid expectedRevision ${String(expected)}: use 'any', 'no_stream' or an integer >= -1`);
}

/** A revision from the client (bigint) as the port's number; throws rather than round. */
export function toRevision(revision: bigint): number {
  return exactNumber(revision, 'stream revision');
}

/** The stream's current revision as the client reports it (in a WrongExpectedVersionError) → the port's (-1: no stream). */
export function fromCurrentRevision(current: CurrentRevision | AppendExpectedRevision): number {
  if (current === NO_STREAM) return -1;
  if (typeof current === 'bigint') return toRevision(current);
  throw new RangeError(`Unexpected current revision ${String(current)} reported by EventStoreDB`);
}

/** The port's fromRevision (a non-negative number) as the client's read revision. */
export function toReadRevision(fromRevision: number): bigint {
  if (!Number.isSafeInteger(fromRevision) || fromRevision < 0) throw new RangeError(`Invalid fromRevision ${fromRevision}`);
  return BigInt(fromRevision);
}
