import { EventStore } from '../event-store.port';
import { BrokenLink, ChainState, verifyChainedEvent } from './chain-link-check';
import { HASH_KEY, PREVIOUS_HASH_KEY } from './event-hash';
import { HashChainedEventStore } from './hash-chained-event-store';

/** A stretch of the log to verify elsewhere: the events at positions in (after, until]. */
export interface HashChainSegmentRequest {
  after: number;
  until: number;
  /** Streams whose first event in the segment is another tenant's are not verified (see SegmentStream.skipped). */
  tenantId?: string;
  pageSize: number;
}

/**
 * One stream's events within a segment, verified as if the stream's chain were intact at the segment's start:
 * the state before its first event here is taken from that event (its revision is the one expected, its stored
 * previousHash the previous event's hash). Whoever knows the stream's real state there keeps this result only if
 * it matches that assumption (see mergeHashChainSegment); otherwise it verifies the stream's events again.
 */
export interface SegmentStream {
  streamId: string;
  /** The first event of the stream in the segment. */
  firstPosition: number;
  firstRevision: number;
  firstTenantId: unknown;
  /**
   * The previous hash assumed: the first event's stored previousHash. Null when that event is not a regular link
   * (no stored hash, or no string previousHash): nothing is assumed, the stream is verified again.
   */
  assumedPreviousHash: string | null;
  /** Not verified here: its first event in the segment is another tenant's (with `tenantId`). */
  skipped: boolean;
  /** The state after its last event in the segment. */
  end: ChainState;
  eventsChecked: number;
  unchainedEvents: number;
  brokenLinks: number;
  firstBroken: BrokenLink | null;
}

/** Progress of a segment: events read so far, position reached. */
export type SegmentProgress = (eventsRead: number, position: number) => void;

/** Verifies segments elsewhere (a worker thread on the embedded store's file). */
export interface HashChainSegmentSource {
  verify(request: HashChainSegmentRequest, onProgress?: SegmentProgress): Promise<SegmentStream[]>;
}

/**
 * Verifies every stream's events within (after, until] of the log (readAll, page by page), each stream from the
 * state its first event there implies. Memory grows with the number of streams, not events.
 */
export async function verifyHashChainSegment(
  store: EventStore,
  request: HashChainSegmentRequest,
  onProgress?: SegmentProgress,
): Promise<SegmentStream[]> {
  const source = HashChainedEventStore.unwrap(store);
  const streams = new Map<string, SegmentStream>();
  let after = request.after;
  let eventsRead = 0;
  while (after < request.until) {
    const page = await source.readAll({ after, maxCount: request.pageSize });
    if (page.length === 0) break;
    for (const event of page) {
      if (event.position > request.until) break;
      eventsRead += 1;
      let stream = streams.get(event.streamId);
      if (stream === undefined) {
        const storedPrevious = event.metadata[PREVIOUS_HASH_KEY];
        const regular = event.metadata[HASH_KEY] !== undefined && typeof storedPrevious === 'string';
        stream = {
          streamId: event.streamId,
          firstPosition: event.position,
          firstRevision: event.revision,
          firstTenantId: event.metadata.tenantId,
          assumedPreviousHash: regular ? (storedPrevious as string) : null,
          skipped: request.tenantId !== undefined && event.metadata.tenantId !== request.tenantId,
          end: { next: event.revision, lastHash: regular ? (storedPrevious as string) : '', sealed: true },
          eventsChecked: 0,
          unchainedEvents: 0,
          brokenLinks: 0,
          firstBroken: null,
        };
        streams.set(event.streamId, stream);
      }
      // Not regular: nothing assumed, the merge verifies it again from the real state (no work here).
      if (stream.skipped || stream.assumedPreviousHash === null) continue;
      stream.eventsChecked += 1;
      const counted = stream;
      verifyChainedEvent(
        event,
        stream.end,
        (link) => {
          counted.brokenLinks += 1;
          counted.firstBroken ??= link;
        },
        () => (counted.unchainedEvents += 1),
      );
    }
    after = page[page.length - 1].position;
    onProgress?.(eventsRead, Math.min(after, request.until));
    if (page.length < request.pageSize) break;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return [...streams.values()];
}
