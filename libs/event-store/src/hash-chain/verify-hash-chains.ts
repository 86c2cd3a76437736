import { EventStore, START_POSITION } from '../event-store.port';
import { validatePageSize } from '../internal/append-rules';
import { BrokenLink, ChainState, verifyChainedEvent } from './chain-link-check';
import { GENESIS_HASH } from './event-hash';
import { HashChainSegmentSource, SegmentStream } from './hash-chain-segment';
import { HashChainedEventStore } from './hash-chained-event-store';

export type { BrokenLink, BrokenLinkReason } from './chain-link-check';

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
  /** Events read per page of readAll. Default 1000. */
  pageSize?: number;
  /**
   * Verifies the later part of a long log elsewhere meanwhile (a worker thread: two cores); see `parallel`. The
   * report is the one a verification in one thread gives (the merge checks what the other part assumed).
   */
  segments?: HashChainSegmentSource;
  /** With `segments`: from how many events on (default 100,000), and the share verified elsewhere (default 0.5). */
  parallel?: { from?: number; share?: number };
  /** Called when the part verified elsewhere failed: this thread then verifies it too (the same report, later). */
  onSegmentFailure?: (error: unknown) => void;
}

const PARALLEL_FROM = 100_000;
const PARALLEL_SHARE = 0.5;

/** Stand-in for streams of other tenants. */
const SKIPPED = null;

/**
 * Verifies the hash chain of every stream (of one tenant, with `tenantId`) from its first event, reading the
 * log page by page (`readAll`): memory grows with the number of streams, never with the number of events.
 * Every hash is recomputed from the start of each stream; only stored hashes are compared, so events written
 * before the chain existed are checked as links (their successors' previousHash) but cannot be checked alone.
 *
 * The scan goes on after a broken link (the report counts them all and names the first in log order); after
 * one, the stream goes on from the stored hash, so one edit is reported once, not on every later event.
 * Events appended after the verification started are not read. Given a HashChainedEventStore, reads its
 * wrapped store (where the chain keys are). Not detected: deleting a stream's last events, or rewriting a
 * stream's tail with recomputed hashes — see docs/decisions/0010-tamper-evidence.md.
 */
export async function verifyHashChains(store: EventStore, options: VerifyHashChainsOptions = {}): Promise<HashChainReport> {
  const source = HashChainedEventStore.unwrap(store);
  const pageSize = validatePageSize(options.pageSize, 1000);
  const { tenantId, onProgress } = options;
  if (tenantId !== undefined && (typeof tenantId !== 'string' || tenantId.length === 0))
    throw new TypeError('verifyHashChains: tenantId must be a non-empty string');

  const headPosition = await source.headPosition();
  const segments = options.segments && headPosition >= (options.parallel?.from ?? PARALLEL_FROM) ? options.segments : undefined;
  // With segments, this thread reads up to `until`, the other one from there to the head.
  const until = segments ? Math.floor(headPosition * (1 - (options.parallel?.share ?? PARALLEL_SHARE))) : headPosition;
  let elsewhere = { eventsRead: 0, position: until };
  const segment = segments?.verify(
    { after: until, until: headPosition, tenantId, pageSize },
    (eventsRead, position) => (elsewhere = { eventsRead, position }),
  );
  segment?.catch(() => undefined); // awaited (and its failure handled) below
  const streams = new Map<string, ChainState | typeof SKIPPED>();
  const report: HashChainReport = {
    streamsChecked: 0,
    eventsChecked: 0,
    unchainedEvents: 0,
    brokenLinks: 0,
    firstBroken: null,
    headPosition,
  };
  const broken = (link: BrokenLink) => {
    report.brokenLinks += 1;
    report.firstBroken ??= link;
  };
  let eventsRead = 0;
  let after = START_POSITION;

  // Position: how far the log is covered, this thread's part and the other's counted together.
  const progress = () =>
    onProgress?.({
      eventsRead: eventsRead + elsewhere.eventsRead,
      eventsChecked: report.eventsChecked,
      position: Math.min(after, until) + (elsewhere.position - until) + Math.max(0, after - until),
      headPosition,
    });
  /** Reads on from `after` up to `limit` in this thread. */
  const readUpTo = async (limit: number) => {
    while (after < limit) {
      const page = await source.readAll({ after, maxCount: pageSize });
      if (page.length === 0) break;
      for (const event of page) {
        if (event.position > limit) break;
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
        verifyChainedEvent(event, state, broken, () => (report.unchainedEvents += 1));
      }
      after = Math.min(page[page.length - 1].position, limit);
      progress();
      if (page.length < pageSize) break;
      // Synchronous adapters (SQLite) resolve at once: let timers and I/O of the process run between pages.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };

  await readUpTo(until);
  if (segment) {
    const results = await segment.then(
      (verified) => verified,
      (error: unknown) => {
        options.onSegmentFailure?.(error);
        return undefined;
      },
    );
    if (results) {
      await mergeSegment(source, results, { until, headPosition, tenantId }, streams, report);
      eventsRead += elsewhere.eventsRead;
      after = headPosition;
    }
    elsewhere = { eventsRead: 0, position: until };
    await readUpTo(headPosition); // the segment's part here when it failed: the same report, later
    progress();
  }
  return report;
}

/**
 * Adds the streams verified elsewhere over (until, head] to the report, as one thread reading on would have
 * found them: a stream's result is kept when this thread's state of the stream at `until` is what the segment
 * assumed (the expected revision and previous hash of its first event there); otherwise, and for streams the
 * segment left out, the stream's events in the segment are verified again here from the real state. The first
 * broken link stays the first in log order (those found here are all before `until`).
 */
async function mergeSegment(
  source: EventStore,
  results: SegmentStream[],
  range: { until: number; headPosition: number; tenantId?: string },
  streams: Map<string, ChainState | typeof SKIPPED>,
  report: HashChainReport,
): Promise<void> {
  let firstElsewhere: BrokenLink | null = null;
  const found = (link: BrokenLink | null) => {
    if (link && (!firstElsewhere || link.position < firstElsewhere.position)) firstElsewhere = link;
  };
  for (const result of results) {
    let state = streams.get(result.streamId);
    if (state === SKIPPED) continue;
    if (state === undefined) {
      // First seen in the segment: the tenant of its first event decides, as in one thread.
      if (range.tenantId !== undefined && result.firstTenantId !== range.tenantId) continue;
      state = { next: 0, lastHash: GENESIS_HASH, sealed: false };
      report.streamsChecked += 1;
    }
    if (
      !result.skipped &&
      result.assumedPreviousHash !== null &&
      state.next === result.firstRevision &&
      state.lastHash === result.assumedPreviousHash
    ) {
      report.eventsChecked += result.eventsChecked;
      report.unchainedEvents += result.unchainedEvents;
      report.brokenLinks += result.brokenLinks;
      found(result.firstBroken);
      continue;
    }
    // Verified again from the real state: the stream's events in the segment, in log order.
    const events = (await source.readStream(result.streamId))
      .filter((e) => e.position > range.until && e.position <= range.headPosition)
      .sort((a, b) => a.position - b.position);
    let first: BrokenLink | null = null;
    for (const event of events) {
      report.eventsChecked += 1;
      verifyChainedEvent(
        event,
        state,
        (link) => {
          report.brokenLinks += 1;
          first ??= link;
        },
        () => (report.unchainedEvents += 1),
      );
    }
    found(first);
  }
  report.firstBroken ??= firstElsewhere;
}
