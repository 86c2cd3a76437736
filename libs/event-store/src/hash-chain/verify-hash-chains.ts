import { BUDGET } from '@okr/budget';
import { EventStore, START_POSITION, StoredEvent } from '../event-store.port';
import { validatePageSize } from '../internal/append-rules';
import { GENESIS_HASH, HASH_KEY, PREVIOUS_HASH_KEY, eventHash } from './event-hash';
import { HashChainedEventStore } from './hash-chained-event-store';

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

export interface HashChainReport {
  /** Streams verified (with tenantId: that tenant's streams only). */
  streamsChecked: number;
  /** Events verified. */
  eventsChecked: number;
  /** Of those, events without a stored hash (written before the chain): recomputed, chained, but unsealed. */
  unchainedEvents: number;
  /** Every broken link found (one per event at most); the scan does not stop at the first. */
  brokenLinks: number;
  /** The first broken link in log order, or null when every chain holds. */
  firstBroken: BrokenLink | null;
  /** Events up to this position were verified (the head when the verification started). */
  headPosition: number;
}

export interface HashChainProgress {
  /** Events read so far (all tenants). */
  eventsRead: number;
  eventsChecked: number;
  /** Position of the last event read. */
  position: number;
  headPosition: number;
}

export interface VerifyHashChainsOptions {
  /** Only the streams of this tenant (the tenantId of the first event read of each stream). Default: all. */
  tenantId?: string;
  /** Called after each page read. */
  onProgress?: (progress: HashChainProgress) => void;
  /** Events read per page of readAll. Default: the budget's `logReads.verifyPageEvents`. */
  pageSize?: number;
}

/** A stream's chain as far as it was read. */
interface ChainState {
  /** The revision the next event must have. */
  next: number;
  /** The hash of the last event read (stored, else recomputed). */
  lastHash: string;
  /** A hashed event has been read in this stream. */
  sealed: boolean;
}

/** Stand-in for streams of other tenants. */
const SKIPPED = null;

/**
 * Verifies the hash chain of every stream (of one tenant, with `tenantId`) from its first event, in one pass over
 * the log in log order, page by page (`readAll`): memory grows with the number of streams, never with the number
 * of events. Every hash is recomputed from the start of each stream; only stored hashes are compared, so events
 * written before the chain existed are checked as links (their successors' previousHash) but cannot be checked alone.
 *
 * The scan goes on after a broken link (the report counts them all and names the first in log order); after
 * one, the stream goes on from the stored hash, so one edit is reported once, not on every later event.
 * Events appended after the verification started are not read. Given a HashChainedEventStore, reads its
 * wrapped store (where the chain keys are). Not detected: deleting a stream's last events, or rewriting a
 * stream's tail with recomputed hashes — see docs/decisions/0010-tamper-evidence.md.
 */
export async function verifyHashChains(store: EventStore, options: VerifyHashChainsOptions = {}): Promise<HashChainReport> {
  const source = HashChainedEventStore.unwrap(store);
  const pageSize = validatePageSize(options.pageSize, BUDGET.logReads.verifyPageEvents);
  const { tenantId, onProgress } = options;
  if (tenantId !== undefined && (typeof tenantId !== 'string' || tenantId.length === 0))
    throw new TypeError('verifyHashChains: tenantId must be a non-empty string');

  const headPosition = await source.headPosition();
  const streams = new Map<string, ChainState | typeof SKIPPED>();
  const report: HashChainReport = {
    streamsChecked: 0,
    eventsChecked: 0,
    unchainedEvents: 0,
    brokenLinks: 0,
    firstBroken: null,
    headPosition,
  };
  let eventsRead = 0;
  let after = START_POSITION;

  while (after < headPosition) {
    const page = await source.readAll({ after, maxCount: pageSize });
    if (page.length === 0) break;
    for (const event of page) {
      if (event.position > headPosition) break;
      eventsRead += 1;
      let state = streams.get(event.streamId);
      if (state === undefined) {
        if (tenantId !== undefined && event.metadata.tenantId !== tenantId) {
          streams.set(event.streamId, SKIPPED);
          continue;
        }
        state = { next: 0, lastHash: GENESIS_HASH, sealed: false };
        streams.set(event.streamId, state);
        report.streamsChecked += 1;
      } else if (state === SKIPPED) continue;
      report.eventsChecked += 1;
      if (event.metadata[HASH_KEY] === undefined) report.unchainedEvents += 1;
      const link = checkLink(event, state);
      if (link) {
        report.brokenLinks += 1;
        report.firstBroken ??= link;
      }
    }
    after = page[page.length - 1].position;
    onProgress?.({ eventsRead, eventsChecked: report.eventsChecked, position: Math.min(after, headPosition), headPosition });
    if (page.length < pageSize) break;
    // Synchronous adapters (SQLite) resolve at once: let timers and I/O of the process run between pages.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return report;
}

/**
 * Checks one event against its stream's chain as read so far (the link to the previous event: revision and
 * previousHash; then its own hash, recomputed) and moves the state on. Returns the broken link, if any (one per event).
 */
function checkLink(event: StoredEvent, state: ChainState): BrokenLink | undefined {
  const { metadata, revision } = event;
  const storedHash = metadata[HASH_KEY];
  const storedPrevious = metadata[PREVIOUS_HASH_KEY];
  const broken = (reason: BrokenLinkReason, at: number, expected?: string | number, found?: string | number): BrokenLink => ({
    streamId: event.streamId,
    revision: at,
    position: event.position,
    reason,
    ...(expected !== undefined ? { expected } : {}),
    ...(found !== undefined ? { found } : {}),
  });

  let link: BrokenLink | undefined;
  // After a gap the predecessor's hash is unknown: the stored previousHash (if any) is taken to go on.
  let previousHash = state.lastHash;
  if (revision !== state.next) {
    link =
      revision > state.next
        ? broken('missing_event', state.next, state.next, revision)
        : broken('unexpected_revision', revision, state.next, revision);
    if (typeof storedPrevious === 'string') previousHash = storedPrevious;
  } else if (storedPrevious !== undefined && storedPrevious !== state.lastHash) {
    link = broken('previous_hash_mismatch', revision, state.lastHash, String(storedPrevious));
  }

  const recomputed = eventHash(
    { type: event.type, data: event.data, tenantId: metadata.tenantId, actorId: metadata.actorId, recordedAt: metadata.recordedAt },
    previousHash,
  );
  if (storedHash === undefined) {
    if (state.sealed) link ??= broken('hash_missing', revision);
  } else if (storedHash !== recomputed) {
    link ??= broken('hash_mismatch', revision, recomputed, String(storedHash));
  }

  state.lastHash = typeof storedHash === 'string' ? storedHash : recomputed;
  state.sealed ||= storedHash !== undefined;
  state.next = Math.max(state.next, revision + 1);
  return link;
}
