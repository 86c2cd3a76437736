import { StoredEvent } from '@okr/event-store';
import { Collections, ObjectiveDocument } from '../okr/okr-documents';
import { toProjectedEvent } from '../runner/projected-event';
import { ChildrenEntry, ChildrenSeries } from './children-series';
import { NumberSeries } from './number-series';
import { ObjectiveStreams } from './objective-streams';
import { RecordedPrefix } from './recorded-prefix';

/** What the history reads of a replay's documents after an event (ReplayDocuments fits). */
export interface ObjectiveDocumentSource {
  getNow(collection: string, id: string): Record<string, unknown> | undefined;
}

/**
 * What an objective's point-in-time answer needs beyond its own streams, recorded by ONE replay of the real okr
 * projection over the log that settles after every event (documents do not depend on batching, decision 9, so
 * after each event they are the live runner's documents at that position):
 *
 * - per objective, its `rollup` after every event that changed it (a NumberSeries: typed arrays), and its
 *   `children` keys in order with their weights after every event that changed them (ChildrenSeries);
 * - where each "recorded up to T" prefix ends (RecordedPrefix);
 * - which streams hold the events of the objective's own documents (ObjectiveStreams).
 *
 * Values are read from the projection's documents as it left them: nothing here computes a rollup. The history
 * covers positions 1..`position` of the log, contiguously; `record` ignores an event it already holds (two
 * replays may pass the same positions).
 */
export class ObjectiveHistory {
  readonly prefix = new RecordedPrefix();
  readonly streams = new ObjectiveStreams();
  private readonly rollups = new Map<string, NumberSeries>();
  private readonly children = new Map<string, ChildrenSeries>();
  private rows = 0;
  /** Set if the projection did something the history cannot follow (an objective deleted): the history is not used. */
  broken = false;

  /** Position of the last event recorded (0: none). */
  get position(): number {
    return this.prefix.position;
  }

  /**
   * Records the event, replayed and settled on its own into `documents`, and the objectives it put (their
   * documents as they stand now, after the event).
   */
  record(event: StoredEvent, touchedObjectives: Iterable<string>, documents: ObjectiveDocumentSource): void {
    if (event.position <= this.position) return;
    this.prefix.append(event.position, Date.parse(event.metadata.recordedAt));
    this.streams.note(toProjectedEvent(event));
    for (const id of touchedObjectives) {
      const doc = documents.getNow(Collections.objectives, id) as unknown as ObjectiveDocument | undefined;
      if (!doc) {
        this.broken = true;
        continue;
      }
      let rollup = this.rollups.get(id);
      if (!rollup) this.rollups.set(id, (rollup = new NumberSeries()));
      const last = rollup.last;
      if (last === undefined || !Object.is(last, doc.rollup)) {
        rollup.push(event.position, doc.rollup);
        this.rows++;
      }
      let children = this.children.get(id);
      if (!children) this.children.set(id, (children = new ChildrenSeries()));
      children.note(event.position, doc.children);
    }
  }

  /** The objective's rollup as its document held it at `position` (undefined: it did not exist yet, or is not recorded). */
  rollupAt(objectiveId: string, position: number): number | undefined {
    return position > this.position ? undefined : this.rollups.get(objectiveId)?.at(position);
  }

  /** The objective's children keys and weights at `position`. */
  childrenAt(objectiveId: string, position: number): ChildrenEntry | undefined {
    return position > this.position ? undefined : this.children.get(objectiveId)?.at(position);
  }

  /** The objectives recorded so far (in the order the history first met them). */
  objectiveIds(): IterableIterator<string> {
    return this.rollups.keys();
  }

  /** Gives back the unused capacity of the series (after a long build). */
  trim(): void {
    for (const series of this.rollups.values()) series.trim();
  }

  /** Sizes, for the record: typed-array bytes (outside the heap) and counts. */
  figures(): { objectives: number; rollupRows: number; childrenEntries: number; events: number; typedArrayBytes: number } {
    let bytes = this.prefix.bytes;
    for (const series of this.rollups.values()) bytes += series.bytes;
    let childrenEntries = 0;
    for (const series of this.children.values()) childrenEntries += series.length;
    return { objectives: this.rollups.size, rollupRows: this.rows, childrenEntries, events: this.prefix.length, typedArrayBytes: bytes };
  }
}
