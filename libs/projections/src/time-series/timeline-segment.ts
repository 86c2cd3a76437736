import { LeanEvent, LeanLogReader } from '@okr/event-store';
import { CYCLE_TIMELINE_EVENT_TYPES, CycleTimeline, FlatTimelineEvent, currentCheckInData } from './cycle-timeline';
import { GrowableColumns } from './growable-columns';
import { parseInstant } from './parse-instant';

/**
 * A segment of the log read for a cycle timeline in another thread (a parallel fold, see foldCycleTimeline):
 * the tenant's events of the timeline's types in (after, until], in chunks, ready to apply. A check-in (most of
 * the log) comes as four numbers in typed arrays — its position, key result (an index into the segment's table
 * of key-result ids), effective time (parsed) and value — after the very upcast and parsing `CycleTimeline.apply`
 * does; every other event comes as the lean read gave it, and `applyTimelineSegmentChunk` merges both in log
 * order, so the timeline ends exactly as a fold of the same events in one thread would leave it.
 */
export interface TimelineSegmentRequest {
  tenantId: string;
  /** Events with a position strictly greater than this… */
  after: number;
  /** …and at most this. */
  until: number;
  /** Events read per page. */
  pageSize: number;
  /** Events per chunk (default 50,000): the most a message carries. */
  chunkEvents?: number;
}

export interface TimelineSegmentCheckIns {
  position: Float64Array;
  /** Index into the segment's key-result ids (every chunk's `newKeyResultIds`, in order). */
  keyResult: Int32Array;
  effectiveAt: Float64Array;
  value: Float64Array;
}

export interface TimelineSegmentChunk {
  /** The tenant's events of the timeline's types up to this position are in this chunk or an earlier one. */
  until: number;
  /** Key-result ids first met in this chunk: they take the next indexes of the segment's table. */
  newKeyResultIds: string[];
  /** The other events (and any check-in the columns cannot carry as the timeline would read it), in log order. */
  events: FlatTimelineEvent[];
  checkIns: TimelineSegmentCheckIns;
}

/** What reads a segment elsewhere (a worker thread): every chunk, in order, or a failure. */
export interface TimelineSegmentSource {
  read(request: TimelineSegmentRequest): Promise<TimelineSegmentChunk[]>;
}

export const DEFAULT_SEGMENT_CHUNK_EVENTS = 50_000;

/** The typed arrays of a chunk, to hand to another thread without copying. */
export function transferablesOf(chunk: TimelineSegmentChunk): ArrayBuffer[] {
  const { position, keyResult, effectiveAt, value } = chunk.checkIns;
  return [position.buffer, keyResult.buffer, effectiveAt.buffer, value.buffer] as ArrayBuffer[];
}

class ChunkBuilder {
  readonly events: FlatTimelineEvent[] = [];
  readonly newKeyResultIds: string[] = [];
  private readonly checkIns = new GrowableColumns<keyof TimelineSegmentCheckIns>({
    position: Float64Array,
    keyResult: Int32Array,
    effectiveAt: Float64Array,
    value: Float64Array,
  });
  size = 0;

  constructor(private readonly ids: Map<string, number>) {}

  add(event: LeanEvent): void {
    this.size++;
    if (event.type === 'KeyResultCheckedIn') {
      const d = checkInFields(event);
      if (d) return this.addCheckIn(event.position, d.keyResultId, parseInstant(d.effectiveAt), d.value);
    }
    this.events.push(event);
  }

  finish(until: number): TimelineSegmentChunk {
    const exact = <T extends Float64Array | Int32Array>(name: keyof TimelineSegmentCheckIns) =>
      this.checkIns.column(name).slice(0, this.checkIns.length) as T;
    return {
      until,
      newKeyResultIds: this.newKeyResultIds,
      events: this.events,
      checkIns: { position: exact('position'), keyResult: exact('keyResult'), effectiveAt: exact('effectiveAt'), value: exact('value') },
    };
  }

  private addCheckIn(position: number, keyResultId: string, effectiveAt: number, value: number): void {
    let id = this.ids.get(keyResultId);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(keyResultId, id);
      this.newKeyResultIds.push(keyResultId);
    }
    const row = this.checkIns.append();
    this.checkIns.column('position')[row] = position;
    this.checkIns.column('keyResult')[row] = id;
    this.checkIns.column('effectiveAt')[row] = effectiveAt;
    this.checkIns.column('value')[row] = value;
  }
}

/**
 * The check-in's fields as the timeline reads them (upcast as `apply` upcasts), or undefined when the columns
 * cannot carry them exactly (a field of another type than the domain writes, an upcast that fails): such an event
 * is passed on whole, for `apply` to do whatever it does with it.
 */
function checkInFields(event: LeanEvent): { keyResultId: string; effectiveAt: string; value: number } | undefined {
  let d: { keyResultId?: unknown; effectiveAt?: unknown; value?: unknown };
  try {
    d = currentCheckInData(event.data, event.schemaVersion, event.recordedAt) as typeof d;
  } catch {
    return undefined;
  }
  if (
    d === null ||
    typeof d !== 'object' ||
    typeof d.keyResultId !== 'string' ||
    typeof d.effectiveAt !== 'string' ||
    typeof d.value !== 'number'
  )
    return undefined;
  return d as { keyResultId: string; effectiveAt: string; value: number };
}

/**
 * Reads a segment (the producer's side, run in the worker thread): the tenant's events of the timeline's types
 * in (after, until], read lean a page at a time, handed to `onChunk` a chunk at a time.
 */
export async function readTimelineSegment(
  reader: LeanLogReader,
  request: TimelineSegmentRequest,
  onChunk: (chunk: TimelineSegmentChunk) => void | Promise<void>,
): Promise<void> {
  const { tenantId, until, pageSize } = request;
  const chunkEvents = request.chunkEvents ?? DEFAULT_SEGMENT_CHUNK_EVENTS;
  const ids = new Map<string, number>();
  let after = request.after;
  let chunk = new ChunkBuilder(ids);
  while (after < until) {
    const page = await reader.readLean({ after, until, maxCount: pageSize, tenantId, types: CYCLE_TIMELINE_EVENT_TYPES });
    for (const event of page) chunk.add(event);
    after = page.length < pageSize ? until : page[page.length - 1].position;
    if (chunk.size >= chunkEvents || after >= until) {
      await onChunk(chunk.finish(after));
      chunk = new ChunkBuilder(ids);
    }
  }
}

/** The key-result ids of a segment, and the timeline's index of each once known. */
export class SegmentKeyResults {
  private readonly ids: string[] = [];
  private resolved = new Int32Array(1024).fill(-1);

  add(newIds: readonly string[]): void {
    for (const id of newIds) this.ids.push(id);
    if (this.ids.length > this.resolved.length) {
      const larger = new Int32Array(Math.max(this.ids.length, this.resolved.length * 2)).fill(-1);
      larger.set(this.resolved);
      this.resolved = larger;
    }
  }

  /**
   * The timeline's index of the segment's key result `id`, or -1 while the timeline does not know it (a check-in
   * the timeline skips, as `apply` would). A known key result keeps its index, so it is looked up once.
   */
  indexIn(timeline: CycleTimeline, id: number): number {
    const known = this.resolved[id];
    if (known >= 0) return known;
    const index = timeline.keyResultIndex.get(this.ids[id]);
    if (index === undefined) return -1;
    this.resolved[id] = index;
    return index;
  }
}

/**
 * Applies a chunk to the timeline (the consumer's side): its events and its check-ins merged by position, each
 * as `apply` would have applied it at that point of the log, then the timeline is at the chunk's end.
 */
export function applyTimelineSegmentChunk(timeline: CycleTimeline, chunk: TimelineSegmentChunk, keyResults: SegmentKeyResults): void {
  keyResults.add(chunk.newKeyResultIds);
  const { events } = chunk;
  const { position, keyResult, effectiveAt, value } = chunk.checkIns;
  let e = 0;
  for (let c = 0; c < position.length; c++) {
    const at = position[c];
    while (e < events.length && events[e].position < at) timeline.applyFlat(events[e++]);
    timeline.applyCheckIn(at, keyResults.indexIn(timeline, keyResult[c]), effectiveAt[c], value[c]);
  }
  while (e < events.length) timeline.applyFlat(events[e++]);
  timeline.advanceTo(chunk.until);
}
