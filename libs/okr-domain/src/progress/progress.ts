import { compareInstants, instantMillis, isInstant } from '../common/time';
import { Metric } from './metric';

/**
 * The progress rules of the product, in one place.
 *
 * increase/decrease: raw = (current − start) / (target − start), clamped to [0, 1];
 * atLeast: 1 when current ≥ target, else 0; atMost: 1 when current ≤ target, else 0;
 * milestone: 1 when current ≥ 1, else 0.
 */
export interface Progress {
  raw: number;
  clamped: number;
}

export function clamp01(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

export function keyResultProgress(metric: Metric, current: number): Progress {
  switch (metric.type) {
    case 'increase':
    case 'decrease': {
      const raw = (current - metric.start) / (metric.target - metric.start);
      return { raw, clamped: clamp01(raw) };
    }
    case 'atLeast': {
      const p = current >= metric.target ? 1 : 0;
      return { raw: p, clamped: p };
    }
    case 'atMost': {
      const p = current <= metric.target ? 1 : 0;
      return { raw: p, clamped: p };
    }
    case 'milestone': {
      const p = current >= 1 ? 1 : 0;
      return { raw: p, clamped: p };
    }
  }
}

/** Where a check-in stands among its key result's check-ins: when its value held, and its order of recording (0, 1, …). */
export interface CheckInOrder {
  effectiveAt: string;
  sequence: number;
}

/** A check-in as the progress rules need it. */
export interface CheckInPoint extends CheckInOrder {
  value: number;
  confidence: number;
}

/** Epoch ms of an effective time, ordered as compareCheckIns orders them: an unreadable one before every readable one. */
export function effectiveMillis(effectiveAt: string): number {
  const ms = instantMillis(effectiveAt);
  return Number.isNaN(ms) ? -Number.MAX_VALUE : ms;
}

/**
 * The rule that decides the current check-in of a key result (the last in this order): by effective time (epoch ms,
 * as effectiveMillis reads it), then by order of recording. compareCheckIns applies it to check-ins as recorded; a
 * fold that keeps them as numbers (the time series) calls it directly.
 */
export function compareCheckInsAt(aMillis: number, aSequence: number, bMillis: number, bSequence: number): number {
  return aMillis - bMillis || aSequence - bSequence;
}

/**
 * The order of a key result's check-ins, which decides the current one (the last): compareCheckInsAt. A check-in with
 * an unreadable effectiveAt (the domain never writes one) comes before every other and is never current. Canonical
 * instants (all the domain writes) are compared without parsing, compareInstants' sign standing for the difference
 * of their millis: the okr projection runs this for every check-in of a rebuild.
 */
export function compareCheckIns(a: CheckInOrder, b: CheckInOrder): number {
  const order = compareInstants(a.effectiveAt, b.effectiveAt);
  if (Number.isNaN(order)) return compareCheckInsAt(effectiveMillis(a.effectiveAt), a.sequence, effectiveMillis(b.effectiveAt), b.sequence);
  return compareCheckInsAt(order, a.sequence, 0, b.sequence);
}

/** True when `candidate` is current rather than `current` (null: no check-in yet): it comes later in compareCheckIns' order. */
export function supersedes(candidate: CheckInOrder, current: CheckInOrder | null): boolean {
  return current === null ? isInstant(candidate.effectiveAt) : compareCheckIns(candidate, current) > 0;
}

/** The check-in that defines the current value: latest effectiveAt, ties broken by the latest recorded. */
export function latestCheckIn<T extends CheckInOrder>(checkIns: readonly T[]): T | null {
  let latest: T | null = null;
  for (const c of checkIns) if (supersedes(c, latest)) latest = c;
  return latest;
}

/** The check-in in effect at `at`: the latest (as latestCheckIn) of those effective at or before it, or null. */
export function checkInInEffect<T extends CheckInOrder>(checkIns: readonly T[], at: string): T | null {
  let best: T | null = null;
  for (const c of checkIns) if (compareInstants(c.effectiveAt, at) <= 0 && supersedes(c, best)) best = c;
  return best;
}

export interface WeightedValue {
  weight: number;
  value: number;
}

/** Σ wᵢvᵢ / Σ wᵢ, 0 when there is nothing to average. */
export function weightedMean(items: readonly WeightedValue[]): number {
  let sumW = 0;
  let sum = 0;
  for (const { weight, value } of items) {
    sumW += weight;
    sum += weight * value;
  }
  return sumW > 0 ? sum / sumW : 0;
}

/** What progress and scoring need to know about one key result. */
export interface KeyResultFigures {
  weight: number;
  removed: boolean;
  /** Clamped progress now. */
  progress: number;
  /** Explicit grade, when one was given. */
  grade: number | null;
}

/** What an objective's figures need of a live key result, and of an aligned (not archived) child objective. */
export interface KeyResultSummary {
  weight: number;
  progress: number;
  confidence: number | null;
}
export interface ChildSummary {
  weight: number;
  rollup: number;
}

export interface ObjectiveFigures {
  /** Σwᵢpᵢ / Σwᵢ over the live key results (clamped progress), 0 with none. */
  progress: number;
  /** Weighted mean of the live key results' current confidence, over those that have one; null when none has. */
  confidence: number | null;
  /** (Σwᵢpᵢ + Σw_c·rollup_c) / (Σwᵢ + Σw_c) over the live key results and the aligned children, 0 with neither. */
  rollup: number;
}

/**
 * An objective's progress, confidence and rollup, from its live key results and its aligned children (keyed by id,
 * in the order they were aligned): exact and independent of history (the same summaries in the same order give the
 * same bits), in one pass.
 */
export function objectiveFigures(
  keyResults: readonly KeyResultSummary[],
  children: Readonly<Record<string, ChildSummary>>,
): ObjectiveFigures {
  let weights = 0;
  let weighted = 0;
  let confidenceWeights = 0;
  let confidenceWeighted = 0;
  for (const k of keyResults) {
    weights += k.weight;
    weighted += k.weight * k.progress;
    if (k.confidence !== null) {
      confidenceWeights += k.weight;
      confidenceWeighted += k.weight * k.confidence;
    }
  }
  const progress = weights > 0 ? weighted / weights : 0;
  const confidence = confidenceWeights > 0 ? confidenceWeighted / confidenceWeights : null;
  for (const id in children) {
    const child = children[id];
    weights += child.weight;
    weighted += child.weight * child.rollup;
  }
  return { progress, confidence, rollup: weights > 0 ? weighted / weights : 0 };
}

/** A key result's score: its explicit grade, else its clamped progress. */
export function keyResultScore(keyResult: KeyResultFigures): number {
  return keyResult.grade ?? keyResult.progress;
}

/** Objective score = weighted mean of its live key results' scores (0 with none). */
export function objectiveScore(keyResults: readonly KeyResultFigures[]): number {
  return weightedMean(keyResults.filter((k) => !k.removed).map((k) => ({ weight: k.weight, value: keyResultScore(k) })));
}
