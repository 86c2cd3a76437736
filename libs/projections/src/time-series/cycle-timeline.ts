import { Metric, VersionedEvent, endOfDay, schemaVersionOf, startOfDay, upcastData } from '@okr/domain';
import { GrowableColumns, NumberArray } from './growable-columns';
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

/** The event types the timeline reads: `apply` ignores every other type (a lean read may leave them out). */
export const CYCLE_TIMELINE_EVENT_TYPES: readonly string[] = [
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
export function currentCheckInData(data: unknown, schemaVersion: unknown, recordedAt: string | null): unknown {
  return schemaVersion === CHECK_IN_SCHEMA_VERSION
    ? data
    : upcastData({ type: 'KeyResultCheckedIn', data, metadata: { schemaVersion, recordedAt } as VersionedEvent['metadata'] });
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

export type StructuralColumn = 'kind' | 'recordedAt' | 'subject' | 'other' | 'amount';
export type CheckInColumn = 'keyResult' | 'effectiveAt' | 'value';

/** The columns' kinds, in the order a checkpoint stores them. */
export const STRUCTURAL_COLUMNS = {
  kind: Uint8Array,
  recordedAt: Float64Array,
  subject: Int32Array,
  other: Int32Array,
  amount: Float64Array,
} as const;
export const CHECK_IN_COLUMNS = { keyResult: Int32Array, effectiveAt: Float64Array, value: Float64Array } as const;

/** Everything a timeline holds (CycleTimeline.state / CycleTimeline.fromState): what a checkpoint stores. */
export interface CycleTimelineState {
  position: number;
  cycle: { name: string; startsOn: string; endsOn: string } | null;
  window: { start: number; end: number } | null;
  objectives: TimelineObjective[];
  keyResults: TimelineKeyResult[];
  /** [key result, row of its winning check-in effective before the cycle's start]. */
  beforeStart: [number, number][];
  structure: { length: number; rows: Record<StructuralColumn, NumberArray> };
  checkIns: { length: number; rows: Record<CheckInColumn, NumberArray> };
}

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
  readonly structure = new GrowableColumns<StructuralColumn>(STRUCTURAL_COLUMNS);
  readonly checkIns = new GrowableColumns<CheckInColumn>(CHECK_IN_COLUMNS, 4096);
  /** Per key result, the row of its winning check-in effective before the cycle's start. */
  private readonly beforeStart = new Map<number, number>();
  private window: { start: number; end: number } | null = null;

  constructor(
    readonly tenantId: string,
    readonly cycleId: string,
  ) {}

  /**
   * The timeline's whole state (views on its columns and its own arrays, not copies: encode it before the next
   * `apply`). `fromState` gives back a timeline that folds on exactly as this one would.
   */
  state(): CycleTimelineState {
    const rows = <N extends string>(columns: GrowableColumns<N>, names: readonly N[]) =>
      Object.fromEntries(names.map((name) => [name, columns.rows(name)])) as Record<N, NumberArray>;
    return {
      position: this.position,
      cycle: this.cycle,
      window: this.window,
      objectives: this.objectives,
      keyResults: this.keyResults,
      beforeStart: [...this.beforeStart],
      structure: { length: this.structure.length, rows: rows(this.structure, Object.keys(STRUCTURAL_COLUMNS) as StructuralColumn[]) },
      checkIns: { length: this.checkIns.length, rows: rows(this.checkIns, Object.keys(CHECK_IN_COLUMNS) as CheckInColumn[]) },
    };
  }

  /** A timeline in the given state (from `state()`, e.g. through a checkpoint); throws RangeError when the state does not hold together. */
  static fromState(tenantId: string, cycleId: string, state: CycleTimelineState): CycleTimeline {
    const timeline = new CycleTimeline(tenantId, cycleId);
    timeline.position = state.position;
    timeline.cycle = state.cycle;
    timeline.window = state.window;
    for (const objective of state.objectives) {
      if (timeline.objectiveIndex.has(objective.id)) throw new RangeError(`Objective ${objective.id} twice`);
      timeline.objectiveIndex.set(
        objective.id,
        timeline.objectives.push({ id: objective.id, cycleId: objective.cycleId, title: objective.title }) - 1,
      );
    }
    for (const keyResult of state.keyResults) {
      if (timeline.keyResultIndex.has(keyResult.id)) throw new RangeError(`Key result ${keyResult.id} twice`);
      if (!(keyResult.objective >= 0 && keyResult.objective < timeline.objectives.length))
        throw new RangeError(`Key result ${keyResult.id}: no objective ${keyResult.objective}`);
      timeline.keyResultIndex.set(
        keyResult.id,
        timeline.keyResults.push({ id: keyResult.id, objective: keyResult.objective, title: keyResult.title, metric: keyResult.metric }) -
          1,
      );
    }
    timeline.structure.replaceRows(state.structure.length, state.structure.rows);
    timeline.checkIns.replaceRows(state.checkIns.length, state.checkIns.rows);
    timeline.checkIndexes();
    for (const [keyResult, row] of state.beforeStart) {
      if (!(row >= 0 && row < state.checkIns.length) || timeline.checkIns.column('keyResult')[row] !== keyResult)
        throw new RangeError(`Check-in row ${row} is not key result ${keyResult}'s`);
      timeline.beforeStart.set(keyResult, row);
    }
    return timeline;
  }

  /** Every index in the columns points at an objective or key result of the timeline, as `apply` writes them (fromState). */
  private checkIndexes(): void {
    const objectives = this.objectives.length;
    const keyResults = this.keyResults.length;
    const within = (value: number, count: number) => Number.isInteger(value) && value >= 0 && value < count;
    const checkInKeyResults = this.checkIns.column('keyResult');
    for (let row = 0; row < this.checkIns.length; row++) {
      if (!within(checkInKeyResults[row], keyResults)) throw new RangeError(`Check-in row ${row}: no key result ${checkInKeyResults[row]}`);
    }
    const kind = this.structure.column('kind');
    const subject = this.structure.column('subject');
    const other = this.structure.column('other');
    for (let row = 0; row < this.structure.length; row++) {
      const change = kind[row] as StructuralChange;
      const onKeyResult = change >= StructuralChange.KeyResultAdded && change <= StructuralChange.KeyResultRemoved;
      const valid =
        change >= StructuralChange.ObjectiveCreated &&
        change <= StructuralChange.KeyResultRemoved &&
        within(subject[row], onKeyResult ? keyResults : objectives) &&
        (change === StructuralChange.KeyResultAdded
          ? within(other[row], objectives)
          : change === StructuralChange.ObjectiveAligned
            ? other[row] === -1 || within(other[row], objectives)
            : true);
      if (!valid)
        throw new RangeError(`Structural change row ${row} (kind ${change}) does not point at the timeline's objectives and key results`);
    }
  }

  apply(event: TimelineEvent): void {
    const { metadata } = event;
    this.applyFields(event.position, event.type, event.data, metadata.tenantId, metadata.recordedAt, metadata.schemaVersion);
  }

  /** `apply` of an event read lean (the same fields, no metadata object). */
  applyFlat(event: FlatTimelineEvent): void {
    this.applyFields(event.position, event.type, event.data, event.tenantId, event.recordedAt, event.schemaVersion);
  }

  /**
   * Takes the timeline to `position` when no event up to there is left to apply: the lean read skipped the other
   * tenants' events and the types `apply` ignores, which would only have moved the position.
   */
  advanceTo(position: number): void {
    if (position > this.position) this.position = position;
  }

  private applyFields(
    position: number,
    type: string,
    data: unknown,
    tenantId: string | null,
    recordedAt: string | null,
    schemaVersion: unknown,
  ): void {
    if (position > this.position) this.position = position;
    if (tenantId !== this.tenantId) return;
    switch (type) {
      case 'KeyResultCheckedIn':
        return this.checkIn(
          currentCheckInData(data, schemaVersion, recordedAt) as { keyResultId: string; value: number; effectiveAt: string },
        );
      case 'CycleScheduled': {
        const d = data as { cycleId: string; name: string; startsOn: string; endsOn: string };
        if (d.cycleId === this.cycleId) {
          this.cycle = { name: d.name, startsOn: d.startsOn, endsOn: d.endsOn };
          this.window = { start: startOfDay(d.startsOn), end: endOfDay(d.endsOn) };
        }
        return;
      }
      case 'ObjectiveCreated': {
        const d = data as { objectiveId: string; cycleId: string; title: string };
        if (this.objectiveIndex.has(d.objectiveId)) return;
        const index = this.objectives.push({ id: d.objectiveId, cycleId: d.cycleId, title: d.title }) - 1;
        this.objectiveIndex.set(d.objectiveId, index);
        return this.change(recordedAt, StructuralChange.ObjectiveCreated, index);
      }
      case 'ObjectiveEdited': {
        const d = data as { objectiveId: string; changes: { title?: string } };
        const index = this.objectiveIndex.get(d.objectiveId);
        if (index !== undefined && typeof d.changes?.title === 'string') this.objectives[index].title = d.changes.title;
        return;
      }
      case 'ObjectiveAligned': {
        const d = data as { objectiveId: string; parentObjectiveId: string; weight: number };
        const index = this.objectiveIndex.get(d.objectiveId);
        if (index !== undefined)
          this.change(recordedAt, StructuralChange.ObjectiveAligned, index, this.objectiveIndex.get(d.parentObjectiveId) ?? -1, d.weight);
        return;
      }
      case 'ObjectiveUnaligned':
      case 'ObjectiveArchived': {
        const index = this.objectiveIndex.get((data as { objectiveId: string }).objectiveId);
        if (index !== undefined)
          this.change(
            recordedAt,
            type === 'ObjectiveArchived' ? StructuralChange.ObjectiveArchived : StructuralChange.ObjectiveUnaligned,
            index,
          );
        return;
      }
      case 'KeyResultAdded': {
        const d = data as { keyResultId: string; objectiveId: string; title: string; metric: Metric; weight: number };
        const objective = this.objectiveIndex.get(d.objectiveId);
        if (objective === undefined || this.keyResultIndex.has(d.keyResultId)) return;
        const index = this.keyResults.push({ id: d.keyResultId, objective, title: d.title, metric: d.metric }) - 1;
        this.keyResultIndex.set(d.keyResultId, index);
        return this.change(recordedAt, StructuralChange.KeyResultAdded, index, objective, d.weight);
      }
      case 'KeyResultRenamed': {
        const d = data as { keyResultId: string; title: string };
        const index = this.keyResultIndex.get(d.keyResultId);
        if (index !== undefined) this.keyResults[index].title = d.title;
        return;
      }
      case 'KeyResultTargetChanged':
      case 'KeyResultWeightChanged': {
        const d = data as { keyResultId: string; target: number; weight: number };
        const index = this.keyResultIndex.get(d.keyResultId);
        if (index === undefined) return;
        if (type === 'KeyResultTargetChanged') this.change(recordedAt, StructuralChange.KeyResultTargetChanged, index, -1, d.target);
        else this.change(recordedAt, StructuralChange.KeyResultWeightChanged, index, -1, d.weight);
        return;
      }
      case 'KeyResultRemoved': {
        const index = this.keyResultIndex.get((data as { keyResultId: string }).keyResultId);
        if (index !== undefined) this.change(recordedAt, StructuralChange.KeyResultRemoved, index);
        return;
      }
    }
  }

  /**
   * `apply` of one of the tenant's check-ins read elsewhere (a parallel fold's segment): its key result's index
   * here (-1: unknown to the timeline, skipped as `apply` skips it), its effective time parsed, its value.
   */
  applyCheckIn(position: number, keyResult: number, effectiveAt: number, value: number): void {
    if (position > this.position) this.position = position;
    if (keyResult >= 0) this.checkInAt(keyResult, effectiveAt, value);
  }

  private change(recordedAt: string | null, kind: StructuralChange, subject: number, other = -1, amount = 0): void {
    const row = this.structure.append();
    this.structure.column('kind')[row] = kind;
    this.structure.column('recordedAt')[row] = parseInstant(recordedAt as string);
    this.structure.column('subject')[row] = subject;
    this.structure.column('other')[row] = other;
    this.structure.column('amount')[row] = amount;
  }

  private checkIn(d: { keyResultId: string; value: number; effectiveAt: string }): void {
    const keyResult = this.keyResultIndex.get(d.keyResultId);
    if (keyResult === undefined) return;
    this.checkInAt(keyResult, parseInstant(d.effectiveAt), d.value);
  }

  private checkInAt(keyResult: number, effectiveAt: number, value: number): void {
    if (this.window && effectiveAt > this.window.end) return; // after the cycle's last boundary
    if (this.window && effectiveAt < this.window.start) {
      // Only the winner before the start can matter: latest effective time, ties to the later recording (this one).
      const row = this.beforeStart.get(keyResult);
      if (row !== undefined) {
        if (effectiveAt >= this.checkIns.column('effectiveAt')[row]) {
          this.checkIns.column('effectiveAt')[row] = effectiveAt;
          this.checkIns.column('value')[row] = value;
        }
        return;
      }
      this.beforeStart.set(keyResult, this.record(keyResult, effectiveAt, value));
      return;
    }
    this.record(keyResult, effectiveAt, value);
  }

  private record(keyResult: number, effectiveAt: number, value: number): number {
    const row = this.checkIns.append();
    this.checkIns.column('keyResult')[row] = keyResult;
    this.checkIns.column('effectiveAt')[row] = effectiveAt;
    this.checkIns.column('value')[row] = value;
    return row;
  }
}
