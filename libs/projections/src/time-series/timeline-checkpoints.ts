import { EventStore } from '@okr/event-store';
import { CycleTimeline } from './cycle-timeline';
import {
  TIMELINE_CHECKPOINT_FORMAT,
  decodeTimelineCheckpoint,
  sealTimelineCheckpoint,
  unsealedTimelineCheckpoint,
} from './timeline-checkpoint';
import { TimelineCheckpointStore, TimelineCheckpointWriter } from './timeline-checkpoint-store';

/** Positions a timeline folds past its last checkpoint before the next one is saved. */
export const TIMELINE_CHECKPOINT_EVERY = 50_000;

/** A timeline restored from its checkpoint, or why none was (then fold from the start of the log). */
export type RestoredTimeline = { timeline: CycleTimeline; reason?: undefined } | { timeline?: undefined; reason: string };

/**
 * Which log a checkpoint at `position` was folded from: the id of the event the log holds there (read as
 * `readAll` after `position - 1`) with its position. Undefined for an empty prefix.
 */
export async function logMarkAt(events: EventStore, position: number): Promise<string | undefined> {
  if (position <= 0) return undefined;
  const [event] = await events.readAll({ after: position - 1, maxCount: 1 });
  return event ? `${event.position}:${event.metadata.eventId}` : undefined;
}

/**
 * Timelines saved and restored across restarts, so that the first time series of a cycle after a restart folds
 * only the events appended since its checkpoint, not the whole log. A checkpoint is the timeline's whole state at
 * a position (TIMELINE_CHECKPOINT_FORMAT): folding on from it gives exactly the timeline a fold from the start
 * gives. It is used only when its format is this code's, it lies within the log, the log still holds the same
 * event at its position (`logMarkAt`: not another store put in place of this one), and its checksum holds;
 * otherwise the caller folds from the start (and says why).
 */
export class TimelineCheckpoints {
  /** Per tenant and cycle, the position of the checkpoint last saved or restored. */
  private readonly saved = new Map<string, number>();

  constructor(
    private readonly events: EventStore,
    private readonly store: TimelineCheckpointStore,
    private readonly options: { saveEvery?: number; now: () => Date; writer?: TimelineCheckpointWriter },
  ) {}

  /** The cycle's timeline as checkpointed, if a checkpoint can be used with the log as it is up to `head`. */
  async restore(tenantId: string, cycleId: string, head: number): Promise<RestoredTimeline> {
    const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
    let encoded;
    try {
      encoded = this.store.load(tenantId, cycleId);
    } catch (error) {
      return { reason: `the checkpoint could not be read (${describe(error)})` };
    }
    if (!encoded) return { reason: 'no checkpoint yet' };
    if (encoded.format !== TIMELINE_CHECKPOINT_FORMAT)
      return { reason: `the checkpoint is of format ${encoded.format}, not ${TIMELINE_CHECKPOINT_FORMAT}` };
    if (encoded.position > head) return { reason: `the checkpoint is at position ${encoded.position}, beyond the log's head ${head}` };
    if ((await logMarkAt(this.events, encoded.position)) !== encoded.logMark)
      return { reason: `the log does not hold the checkpoint's event at position ${encoded.position} (another store?)` };
    try {
      const timeline = decodeTimelineCheckpoint(encoded);
      this.saved.set(keyOf(tenantId, cycleId), timeline.position);
      return { timeline };
    } catch (error) {
      return { reason: `the checkpoint is unusable (${describe(error)})` };
    }
  }

  /**
   * Saves the timeline when it has folded `saveEvery` positions past its last checkpoint; true when saved. This
   * thread encodes it (a copy of its state); the writer, when there is one, seals and writes it.
   */
  async saveIfDue(timeline: CycleTimeline): Promise<boolean> {
    const key = keyOf(timeline.tenantId, timeline.cycleId);
    if (timeline.position - (this.saved.get(key) ?? 0) < (this.options.saveEvery ?? TIMELINE_CHECKPOINT_EVERY)) return false;
    const mark = await logMarkAt(this.events, timeline.position);
    if (mark === undefined) return false;
    const unsealed = unsealedTimelineCheckpoint(timeline, mark);
    const savedAt = this.options.now().toISOString();
    if (this.options.writer) await this.options.writer.write(unsealed, savedAt);
    else this.store.save(sealTimelineCheckpoint(unsealed), savedAt);
    this.saved.set(key, timeline.position);
    return true;
  }

  close(): void {
    this.store.close();
  }
}

function keyOf(tenantId: string, cycleId: string): string {
  return `${tenantId}\u0000${cycleId}`;
}
