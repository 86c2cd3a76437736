import { StoredEvent } from '../event-store.port';
import { HASH_KEY, PREVIOUS_HASH_KEY, eventHash } from './event-hash';

/**
 * Why a link of a stream's chain is broken:
 * - `hash_mismatch`: the stored hash is not the hash of the event's content (type, data, tenant, actor,
 *   recordedAt edited) and its predecessor's hash. `expected` is the recomputed hash, `found` the stored one.
 * - `previous_hash_mismatch`: the stored previousHash is not the previous event's hash (the event was moved,
 *   or the previous event was replaced by one with a recomputed hash, or previousHash was edited).
 * - `missing_event`: revisions jump (an event was deleted): `revision` is the first missing revision,
 *   `found` the revision read in its place.
 * - `unexpected_revision`: a revision already seen, or lower, comes again (a row renumbered or copied).
 * - `hash_missing`: an event without a stored hash after a hashed event of the same stream (events without
 *   hashes exist only before the chain was introduced: its hash was removed, likely with an edit).
 */
export type BrokenLinkReason = 'hash_mismatch' | 'previous_hash_mismatch' | 'missing_event' | 'unexpected_revision' | 'hash_missing';

export interface BrokenLink {
  streamId: string;
  /** The revision at fault (for missing_event: the first missing one). */
  revision: number;
  /** Global position of the event where it was found (for missing_event: the event read after the gap). */
  position: number;
  reason: BrokenLinkReason;
  expected?: string | number;
  found?: string | number;
}

/** A stream's chain as far as it was read. */
export interface ChainState {
  /** The revision the next event must have. */
  next: number;
  /** The hash of the last event read (stored, else recomputed). */
  lastHash: string;
  /** A hashed event has been read in this stream. */
  sealed: boolean;
}

/**
 * Checks one event against its stream's chain as read so far, and moves the state on: the link to the previous
 * event (revision, previousHash) and the event's own hash, recomputed. A broken link is reported once per event;
 * `unchained` is called for an event without a stored hash.
 */
export function verifyChainedEvent(event: StoredEvent, state: ChainState, broken: (link: BrokenLink) => void, unchained: () => void): void {
  const { metadata } = event;
  const at = (reason: BrokenLinkReason, revision: number, expected?: string | number, found?: string | number): BrokenLink => ({
    streamId: event.streamId,
    revision,
    position: event.position,
    reason,
    ...(expected !== undefined ? { expected } : {}),
    ...(found !== undefined ? { found } : {}),
  });
  const storedHash = metadata[HASH_KEY];
  const storedPrevious = metadata[PREVIOUS_HASH_KEY];
  const hasHash = storedHash !== undefined;

  let link: BrokenLink | undefined;
  // After a gap the predecessor's hash is unknown: the stored previousHash (if any) is taken to go on.
  let previousHash = state.lastHash;
  if (event.revision !== state.next) {
    link =
      event.revision > state.next
        ? at('missing_event', state.next, state.next, event.revision)
        : at('unexpected_revision', event.revision, state.next, event.revision);
    if (typeof storedPrevious === 'string') previousHash = storedPrevious;
  } else if (storedPrevious !== undefined && storedPrevious !== state.lastHash) {
    link = at('previous_hash_mismatch', event.revision, state.lastHash, String(storedPrevious));
  }

  const recomputed = eventHash(
    { type: event.type, data: event.data, tenantId: metadata.tenantId, actorId: metadata.actorId, recordedAt: metadata.recordedAt },
    previousHash,
  );
  if (!hasHash) {
    unchained();
    if (state.sealed) link ??= at('hash_missing', event.revision);
  } else if (storedHash !== recomputed) {
    link ??= at('hash_mismatch', event.revision, recomputed, String(storedHash));
  }
  if (link) broken(link);

  state.lastHash = typeof storedHash === 'string' ? storedHash : recomputed;
  state.sealed ||= hasHash;
  state.next = Math.max(state.next, event.revision + 1);
}
