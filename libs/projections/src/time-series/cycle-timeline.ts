import {
  KeyResultCheckedIn,
  Metric,
  OkrEventType,
  assertNever,
  compareCheckInsAt,
  endOfDay,
  eventsOf,
  instantMillis,
  startOfDay,
  upcastData,
} from '@okr/domain';
import { GrowableColumns } from './growable-columns';

/** What the timeline reads of a stored event (a `StoredEvent` of the event-store port fits). */
export interface TimelineEvent {
  type: string;
  data: unknown;
  position: number;
  metadata: { tenantId: string; recordedAt: string; schemaVersion?: number };
}

/** The same fields, flat, as a lean read of the log gives them (a `LeanEvent` of the event store fits). */
export interface FlatTimelineEvent {
  type: string;
  data: unknown;
  position: number;
  tenantId: string | null;
  recordedAt: string | null;
  schemaVersion: unknown;
}

/** The event types that change progress: the timeline reads these (`apply`'s switch), a lean read leaves every other out. */
export const CYCLE_TIMELINE_EVENT_TYPES = [
  'KeyResultCheckedIn',
  'CycleScheduled',
  'ObjectiveCreated',
  'ObjectiveEdited',
  'ObjectiveAligned',
  'ObjectiveUnaligned',
  'ObjectiveArchived',
  'KeyResultAdded',
  'KeyResultRenamed',
  'KeyResultTargetChanged',
  'KeyResultWeightChanged',
  'KeyResultRemoved',
] as const satisfies readonly OkrEventType[];
const isProgressEvent = eventsOf(CYCLE_TIMELINE_EVENT_TYPES);

/** Structural changes: they take effect when recorded (they carry no effective time). */
export enum StructuralChange {
  ObjectiveCreated = 1,
  ObjectiveAligned = 2,
  ObjectiveUnaligned = 3,
  ObjectiveArchived = 4,
  KeyResultAdded = 5,
  KeyResultTargetChanged = 6,
  KeyResultWeightChanged = 7,
  KeyResultRemoved = 8,
}

export interface TimelineObjective {
  id: string;
  cycleId: string;
  /** The current title (renames apply to the whole series). */
  title: string;
}

export interface TimelineKeyResult {
  id: string;
  /** Index of its objective in `objectives`. */
  objective: number;
  title: string;
  /** The metric it was added with (targets move through KeyResultTargetChanged). */
  metric: Metric;
}

type StructuralColumn = 'kind' | 'recordedAt' | 'subject' | 'other' | 'amount';
type CheckInColumn = 'keyResult' | 'effectiveAt' | 'sequence' | 'value';

/**
 * Everything a cycle's time series needs, folded from the log in one pass in log order (`apply` each event,
 * any page size; `position` says how far it got, so a later call continues from there):
 *
 * - the objectives and key results of the tenant (all cycles: an objective of another cycle can be aligned
 *   under one of this cycle's, and then counts in its rollup), with their current titles;
 * - their structural changes in log order, with the instant they were recorded (creation, alignment,
 *   unalignment, archive; key results added, targets and weights changed, removed), compactly;
 * - the check-ins with their effective time, order of recording (as compareCheckInsAt orders them) and value.
 *   Only what a boundary of the cycle can use is kept: a check-in effective after the cycle's end is dropped, and
 *   of those effective before its start only the one current by then per key result. One with an unreadable
 *   effective time is never current (the domain writes none).
 *
 * Other tenants' events, and event types that change no progress (closing, grading, initiatives…), are
 * skipped. The series itself is computed by `computeTimeSeries`.
 */
export class CycleTimeline {
  /** Position of the last event applied. */
  position = 0;
  cycle: { name: string; startsOn: string; endsOn: string } | null = null;
  readonly objectives: TimelineObjective[] = [];
  readonly keyResults: TimelineKeyResult[] = [];
  readonly objectiveIndex = new Map<string, number>();
  readonly keyResultIndex = new Map<string, number>();
  readonly structure = new GrowableColumns<StructuralColumn>({
    kind: Uint8Array,
    recordedAt: Float64Array,
    subject: Int32Array,
    other: Int32Array,
    amount: Float64Array,
  });
  readonly checkIns = new GrowableColumns<CheckInColumn>(
    { keyResult: Int32Array, effectiveAt: Float64Array, sequence: Float64Array, value: Float64Array },
    4096,
  );
  /** Check-ins of the tenant applied so far: the next one's order of recording. */
  private recorded = 0;
  /** Per key result, the row of its winning check-in effective before the cycle's start. */
  private readonly beforeStart = new Map<number, number>();
  private window: { start: number; end: number } | null = null;

  constructor(
    readonly tenantId: string,
    readonly cycleId: string,
  ) {}

  apply(event: TimelineEvent): void {
    this.advanceTo(event.position);
    if (event.metadata.tenantId === this.tenantId)
      this.applyCurrent({ type: event.type, data: upcastData(event) }, event.metadata.recordedAt);
  }

  /** `apply` of an event read lean (the same fields, no metadata object). */
  applyFlat(event: FlatTimelineEvent): void {
    this.advanceTo(event.position);
    if (event.tenantId !== this.tenantId) return;
    const metadata = { schemaVersion: event.schemaVersion as number | undefined, recordedAt: event.recordedAt ?? undefined };
    this.applyCurrent({ type: event.type, data: upcastData({ type: event.type, data: event.data, metadata }) }, event.recordedAt);
  }

  /**
   * Takes the timeline to `position` when no event up to there is left to apply: the lean read skipped the other
   * tenants' events and the types `apply` ignores, which would only have moved the position.
   */
  advanceTo(position: number): void {
    if (position > this.position) this.position = position;
  }

  /** One of the tenant's events, its data in the current shape of its type. */
  private applyCurrent(event: { type: string; data: unknown }, recordedAt: string | null): void {
    if (!isProgressEvent(event)) return;
    switch (event.type) {
      case 'KeyResultCheckedIn':
        return this.checkIn(event.data);
      case 'CycleScheduled': {
        const d = event.data;
        if (d.cycleId === this.cycleId) {
          this.cycle = { name: d.name, startsOn: d.startsOn, endsOn: d.endsOn };
          this.window = { start: startOfDay(d.startsOn), end: endOfDay(d.endsOn) };
        }
        return;
      }
      case 'ObjectiveCreated': {
        const d = event.data;
        if (this.objectiveIndex.has(d.objectiveId)) return;
        const index = this.objectives.push({ id: d.objectiveId, cycleId: d.cycleId, title: d.title }) - 1;
        this.objectiveIndex.set(d.objectiveId, index);
        return this.change(recordedAt, StructuralChange.ObjectiveCreated, index);
      }
      case 'ObjectiveEdited': {
        const d = event.data;
        const index = this.objectiveIndex.get(d.objectiveId);
        if (index !== undefined && typeof d.changes?.title === 'string') this.objectives[index].title = d.changes.title;
        return;
      }
      case 'ObjectiveAligned': {
        const d = event.data;
        const index = this.objectiveIndex.get(d.objectiveId);
        if (index !== undefined)
          this.change(recordedAt, StructuralChange.ObjectiveAligned, index, this.objectiveIndex.get(d.parentObjectiveId) ?? -1, d.weight);
        return;
      }
      case 'ObjectiveUnaligned':
      case 'ObjectiveArchived': {
        const index = this.objectiveIndex.get(event.data.objectiveId);
        const kind = event.type === 'ObjectiveArchived' ? StructuralChange.ObjectiveArchived : StructuralChange.ObjectiveUnaligned;
        if (index !== undefined) this.change(recordedAt, kind, index);
        return;
      }
      case 'KeyResultAdded': {
        const d = event.data;
        const objective = this.objectiveIndex.get(d.objectiveId);
        if (objective === undefined || this.keyResultIndex.has(d.keyResultId)) return;
        const index = this.keyResults.push({ id: d.keyResultId, objective, title: d.title, metric: d.metric }) - 1;
        this.keyResultIndex.set(d.keyResultId, index);
        return this.change(recordedAt, StructuralChange.KeyResultAdded, index, objective, d.weight);
      }
      case 'KeyResultRenamed': {
        const index = this.keyResultIndex.get(event.data.keyResultId);
        if (index !== undefined) this.keyResults[index].title = event.data.title;
        return;
      }
      case 'KeyResultTargetChanged': {
        const index = this.keyResultIndex.get(event.data.keyResultId);
        if (index !== undefined) this.change(recordedAt, StructuralChange.KeyResultTargetChanged, index, -1, event.data.target);
        return;
      }
      case 'KeyResultWeightChanged': {
        const index = this.keyResultIndex.get(event.data.keyResultId);
        if (index !== undefined) this.change(recordedAt, StructuralChange.KeyResultWeightChanged, index, -1, event.data.weight);
        return;
      }
      case 'KeyResultRemoved': {
        const index = this.keyResultIndex.get(event.data.keyResultId);
        if (index !== undefined) this.change(recordedAt, StructuralChange.KeyResultRemoved, index);
        return;
      }
      default:
        return assertNever(event, 'event');
    }
  }

  private change(recordedAt: string | null, kind: StructuralChange, subject: number, other = -1, amount = 0): void {
    const row = this.structure.append();
    this.structure.column('kind')[row] = kind;
    this.structure.column('recordedAt')[row] = recordedAt === null ? NaN : instantMillis(recordedAt);
    this.structure.column('subject')[row] = subject;
    this.structure.column('other')[row] = other;
    this.structure.column('amount')[row] = amount;
  }

  private checkIn(d: KeyResultCheckedIn['data']): void {
    const keyResult = this.keyResultIndex.get(d.keyResultId);
    if (keyResult === undefined) return;
    const sequence = this.recorded++;
    const effectiveAt = instantMillis(d.effectiveAt);
    if (Number.isNaN(effectiveAt)) return; // never current (supersedes)
    if (this.window && effectiveAt > this.window.end) return; // after the cycle's last boundary
    if (this.window && effectiveAt < this.window.start) {
      // Only the check-in current at the start can matter.
      const row = this.beforeStart.get(keyResult);
      if (row === undefined) this.beforeStart.set(keyResult, this.record(keyResult, effectiveAt, sequence, d.value));
      else if (
        compareCheckInsAt(effectiveAt, sequence, this.checkIns.column('effectiveAt')[row], this.checkIns.column('sequence')[row]) > 0
      )
        this.write(row, keyResult, effectiveAt, sequence, d.value);
      return;
    }
    this.record(keyResult, effectiveAt, sequence, d.value);
  }

  private record(keyResult: number, effectiveAt: number, sequence: number, value: number): number {
    const row = this.checkIns.append();
    this.write(row, keyResult, effectiveAt, sequence, value);
    return row;
  }

  private write(row: number, keyResult: number, effectiveAt: number, sequence: number, value: number): void {
    this.checkIns.column('keyResult')[row] = keyResult;
    this.checkIns.column('effectiveAt')[row] = effectiveAt;
    this.checkIns.column('sequence')[row] = sequence;
    this.checkIns.column('value')[row] = value;
  }
}
