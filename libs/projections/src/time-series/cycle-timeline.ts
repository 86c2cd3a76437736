import {
  KeyResultCheckedIn,
  Metric,
  OkrEvent,
  OkrEventType,
  VersionedEvent,
  assertNever,
  endOfDay,
  isOkrEventType,
  schemaVersionOf,
  startOfDay,
  upcastData,
} from '@okr/domain';
import { GrowableColumns } from './growable-columns';
import { parseInstant } from './parse-instant';

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

/** The event types the timeline reads (a lean read may leave every other type out): those of `apply`'s switch that change progress. */
export const CYCLE_TIMELINE_EVENT_TYPES: readonly OkrEventType[] = [
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
];

const CHECK_IN_SCHEMA_VERSION = schemaVersionOf('KeyResultCheckedIn');

/** A check-in's data in the current shape (upcastData returns the data itself when it is stored in the current version). */
function currentCheckInData(data: unknown, schemaVersion: unknown, recordedAt: string | null): KeyResultCheckedIn['data'] {
  return (
    schemaVersion === CHECK_IN_SCHEMA_VERSION
      ? data
      : upcastData({ type: 'KeyResultCheckedIn', data, metadata: { schemaVersion, recordedAt } as VersionedEvent['metadata'] })
  ) as KeyResultCheckedIn['data'];
}

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
type CheckInColumn = 'keyResult' | 'effectiveAt' | 'value';

/**
 * Everything a cycle's time series needs, folded from the log in one pass in log order (`apply` each event,
 * any page size; `position` says how far it got, so a later call continues from there):
 *
 * - the objectives and key results of the tenant (all cycles: an objective of another cycle can be aligned
 *   under one of this cycle's, and then counts in its rollup), with their current titles;
 * - their structural changes in log order, with the instant they were recorded (creation, alignment,
 *   unalignment, archive; key results added, targets and weights changed, removed), compactly;
 * - the check-ins with their effective time and value. Only what a boundary of the cycle can use is kept: a
 *   check-in effective after the cycle's end is dropped, and of those effective before its start only the one
 *   that wins (latest effective time, then latest recorded) per key result.
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
  readonly checkIns = new GrowableColumns<CheckInColumn>({ keyResult: Int32Array, effectiveAt: Float64Array, value: Float64Array }, 4096);
  /** Per key result, the row of its winning check-in effective before the cycle's start. */
  private readonly beforeStart = new Map<number, number>();
  private window: { start: number; end: number } | null = null;

  constructor(
    readonly tenantId: string,
    readonly cycleId: string,
  ) {}

  apply(event: TimelineEvent): void {
    const { metadata } = event;
    this.applyFields(event, metadata.tenantId, metadata.recordedAt, metadata.schemaVersion);
  }

  /** `apply` of an event read lean (the same fields, no metadata object). */
  applyFlat(event: FlatTimelineEvent): void {
    this.applyFields(event, event.tenantId, event.recordedAt, event.schemaVersion);
  }

  /**
   * Takes the timeline to `position` when no event up to there is left to apply: the lean read skipped the other
   * tenants' events and the types `apply` ignores, which would only have moved the position.
   */
  advanceTo(position: number): void {
    if (position > this.position) this.position = position;
  }

  private applyFields(
    event: { position: number; type: string; data: unknown },
    tenantId: string | null,
    recordedAt: string | null,
    schemaVersion: unknown,
  ): void {
    if (event.position > this.position) this.position = event.position;
    if (tenantId !== this.tenantId || !isOkrEventType(event.type)) return;
    // The log holds the domain's events: the stored data is taken for the type's (check-ins upcast first).
    const okrEvent = event as unknown as OkrEvent;
    switch (okrEvent.type) {
      case 'KeyResultCheckedIn':
        return this.checkIn(currentCheckInData(okrEvent.data, schemaVersion, recordedAt));
      case 'CycleScheduled': {
        const d = okrEvent.data;
        if (d.cycleId === this.cycleId) {
          this.cycle = { name: d.name, startsOn: d.startsOn, endsOn: d.endsOn };
          this.window = { start: startOfDay(d.startsOn), end: endOfDay(d.endsOn) };
        }
        return;
      }
      case 'ObjectiveCreated': {
        const d = okrEvent.data;
        if (this.objectiveIndex.has(d.objectiveId)) return;
        const index = this.objectives.push({ id: d.objectiveId, cycleId: d.cycleId, title: d.title }) - 1;
        this.objectiveIndex.set(d.objectiveId, index);
        return this.change(recordedAt, StructuralChange.ObjectiveCreated, index);
      }
      case 'ObjectiveEdited': {
        const d = okrEvent.data;
        const index = this.objectiveIndex.get(d.objectiveId);
        if (index !== undefined && typeof d.changes?.title === 'string') this.objectives[index].title = d.changes.title;
        return;
      }
      case 'ObjectiveAligned': {
        const d = okrEvent.data;
        const index = this.objectiveIndex.get(d.objectiveId);
        if (index !== undefined)
          this.change(recordedAt, StructuralChange.ObjectiveAligned, index, this.objectiveIndex.get(d.parentObjectiveId) ?? -1, d.weight);
        return;
      }
      case 'ObjectiveUnaligned':
      case 'ObjectiveArchived': {
        const index = this.objectiveIndex.get(okrEvent.data.objectiveId);
        if (index !== undefined)
          this.change(
            recordedAt,
            okrEvent.type === 'ObjectiveArchived' ? StructuralChange.ObjectiveArchived : StructuralChange.ObjectiveUnaligned,
            index,
          );
        return;
      }
      case 'KeyResultAdded': {
        const d = okrEvent.data;
        const objective = this.objectiveIndex.get(d.objectiveId);
        if (objective === undefined || this.keyResultIndex.has(d.keyResultId)) return;
        const index = this.keyResults.push({ id: d.keyResultId, objective, title: d.title, metric: d.metric }) - 1;
        this.keyResultIndex.set(d.keyResultId, index);
        return this.change(recordedAt, StructuralChange.KeyResultAdded, index, objective, d.weight);
      }
      case 'KeyResultRenamed': {
        const index = this.keyResultIndex.get(okrEvent.data.keyResultId);
        if (index !== undefined) this.keyResults[index].title = okrEvent.data.title;
        return;
      }
      case 'KeyResultTargetChanged': {
        const index = this.keyResultIndex.get(okrEvent.data.keyResultId);
        if (index !== undefined) this.change(recordedAt, StructuralChange.KeyResultTargetChanged, index, -1, okrEvent.data.target);
        return;
      }
      case 'KeyResultWeightChanged': {
        const index = this.keyResultIndex.get(okrEvent.data.keyResultId);
        if (index !== undefined) this.change(recordedAt, StructuralChange.KeyResultWeightChanged, index, -1, okrEvent.data.weight);
        return;
      }
      case 'KeyResultRemoved': {
        const index = this.keyResultIndex.get(okrEvent.data.keyResultId);
        if (index !== undefined) this.change(recordedAt, StructuralChange.KeyResultRemoved, index);
        return;
      }
      // No progress changes with these (and CYCLE_TIMELINE_EVENT_TYPES leaves them out).
      case 'CycleClosed':
      case 'TeamCreated':
      case 'TeamRenamed':
      case 'TeamMoved':
      case 'ObjectiveClosed':
      case 'ObjectiveCarriedOver':
      case 'KeyResultGraded':
      case 'InitiativeCreated':
      case 'InitiativeEdited':
      case 'InitiativeKeyResultLinked':
      case 'InitiativeKeyResultUnlinked':
      case 'InitiativeStatusChanged':
      case 'TenantCreated':
      case 'UserCreated':
      case 'UserTokenReplaced':
        return;
      default:
        return assertNever(okrEvent, 'event');
    }
  }

  private change(recordedAt: string | null, kind: StructuralChange, subject: number, other = -1, amount = 0): void {
    const row = this.structure.append();
    this.structure.column('kind')[row] = kind;
    this.structure.column('recordedAt')[row] = parseInstant(recordedAt as string);
    this.structure.column('subject')[row] = subject;
    this.structure.column('other')[row] = other;
    this.structure.column('amount')[row] = amount;
  }

  private checkIn(d: KeyResultCheckedIn['data']): void {
    const keyResult = this.keyResultIndex.get(d.keyResultId);
    if (keyResult === undefined) return;
    const effectiveAt = parseInstant(d.effectiveAt);
    if (this.window && effectiveAt > this.window.end) return; // after the cycle's last boundary
    if (this.window && effectiveAt < this.window.start) {
      // Only the winner before the start can matter: latest effective time, ties to the later recording (this one).
      const row = this.beforeStart.get(keyResult);
      if (row !== undefined) {
        if (effectiveAt >= this.checkIns.column('effectiveAt')[row]) {
          this.checkIns.column('effectiveAt')[row] = effectiveAt;
          this.checkIns.column('value')[row] = d.value;
        }
        return;
      }
      this.beforeStart.set(keyResult, this.record(keyResult, effectiveAt, d.value));
      return;
    }
    this.record(keyResult, effectiveAt, d.value);
  }

  private record(keyResult: number, effectiveAt: number, value: number): number {
    const row = this.checkIns.append();
    this.checkIns.column('keyResult')[row] = keyResult;
    this.checkIns.column('effectiveAt')[row] = effectiveAt;
    this.checkIns.column('value')[row] = value;
    return row;
  }
}
