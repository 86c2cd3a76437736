import { TimeSeriesInterval } from './time-series-boundaries';

export interface TimeSeriesObjective {
  id: string;
  title: string;
}

export interface TimeSeriesKeyResult {
  id: string;
  objectiveId: string;
  title: string;
}

export interface ObjectivePoint {
  progress: number;
  rollup: number;
}

export interface KeyResultPoint {
  value: number;
  progress: number;
}

/** The columns of a series, entity-major: the point of entity e at boundary b is at e × boundaries + b. */
export interface TimeSeriesColumns {
  /** 1 where the objective existed at the boundary. */
  objectivePresent: Uint8Array;
  objectiveProgress: Float64Array;
  objectiveRollup: Float64Array;
  /** 1 where the key result existed (added, not removed) at the boundary. */
  keyResultPresent: Uint8Array;
  keyResultValue: Float64Array;
  keyResultProgress: Float64Array;
}

/** The plain JSON shape (columnar): `progress[i]` is the value at `boundaries[i]`, null where the entity did not exist. */
export interface TimeSeriesJson {
  cycleId: string;
  interval: TimeSeriesInterval;
  boundaries: string[];
  objectives: { id: string; title: string; progress: (number | null)[]; rollup: (number | null)[] }[];
  keyResults: { id: string; objectiveId: string; title: string; value: (number | null)[]; progress: (number | null)[] }[];
}

/**
 * Progress of every objective (progress and rollup) and key result (value and progress) of a cycle at each
 * boundary. Held in typed columns (a 10,000-objective cycle over 90 days is millions of points); read it point by
 * point, or as JSON for small ones.
 */
export class TimeSeries {
  constructor(
    readonly cycleId: string,
    readonly interval: TimeSeriesInterval,
    /** Instants, ms since the epoch, increasing. */
    readonly boundaries: readonly number[],
    readonly objectives: readonly TimeSeriesObjective[],
    readonly keyResults: readonly TimeSeriesKeyResult[],
    private readonly columns: TimeSeriesColumns,
  ) {}

  /** The objective's point at boundary `b` (an index into `boundaries`), or null when it did not exist then. */
  objectivePoint(objective: number, b: number): ObjectivePoint | null {
    const i = objective * this.boundaries.length + b;
    if (!this.columns.objectivePresent[i]) return null;
    return { progress: this.columns.objectiveProgress[i], rollup: this.columns.objectiveRollup[i] };
  }

  /** The key result's point at boundary `b`, or null when it did not exist then (not added yet, or removed). */
  keyResultPoint(keyResult: number, b: number): KeyResultPoint | null {
    const i = keyResult * this.boundaries.length + b;
    if (!this.columns.keyResultPresent[i]) return null;
    return { value: this.columns.keyResultValue[i], progress: this.columns.keyResultProgress[i] };
  }

  /** The boundaries as ISO-8601 instants. */
  boundaryInstants(): string[] {
    return this.boundaries.map((at) => new Date(at).toISOString());
  }

  /** The objective's entry of the JSON shape. */
  objectiveJson(objective: number): TimeSeriesJson['objectives'][number] {
    const points = this.boundaries.map((_, b) => this.objectivePoint(objective, b));
    const { id, title } = this.objectives[objective];
    return { id, title, progress: points.map((p) => (p ? p.progress : null)), rollup: points.map((p) => (p ? p.rollup : null)) };
  }

  /** The key result's entry of the JSON shape. */
  keyResultJson(keyResult: number): TimeSeriesJson['keyResults'][number] {
    const points = this.boundaries.map((_, b) => this.keyResultPoint(keyResult, b));
    const { id, objectiveId, title } = this.keyResults[keyResult];
    return { id, objectiveId, title, value: points.map((p) => (p ? p.value : null)), progress: points.map((p) => (p ? p.progress : null)) };
  }

  /** The whole series as one plain object (fine for small cycles; large ones are streamed entity by entity). */
  toJSON(): TimeSeriesJson {
    return {
      cycleId: this.cycleId,
      interval: this.interval,
      boundaries: this.boundaryInstants(),
      objectives: this.objectives.map((_, o) => this.objectiveJson(o)),
      keyResults: this.keyResults.map((_, k) => this.keyResultJson(k)),
    };
  }
}
