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

/** A check-in as the progress rules need it. `sequence` orders check-ins recorded in the same stream (higher = later). */
export interface CheckInPoint {
  value: number;
  confidence: number;
  effectiveAt: string;
  sequence: number;
}

/** True when `candidate` supersedes `current`: later effectiveAt, or the same effectiveAt recorded later. */
export function supersedes(candidate: CheckInPoint, current: CheckInPoint | null): boolean {
  if (current === null) return true;
  const a = Date.parse(candidate.effectiveAt);
  const b = Date.parse(current.effectiveAt);
  return a > b || (a === b && candidate.sequence > current.sequence);
}

/** The check-in that defines the current value: latest effectiveAt, ties broken by the latest recorded. */
export function latestCheckIn<T extends CheckInPoint>(checkIns: readonly T[]): T | null {
  let latest: T | null = null;
  for (const c of checkIns) if (supersedes(c, latest)) latest = c;
  return latest;
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

/** Objective progress = Σwᵢpᵢ / Σwᵢ over its live key results (0 with none). */
export function objectiveProgress(keyResults: readonly KeyResultFigures[]): number {
  return weightedMean(keyResults.filter((k) => !k.removed).map((k) => ({ weight: k.weight, value: k.progress })));
}

/** A key result's score: its explicit grade, else its clamped progress. */
export function keyResultScore(keyResult: KeyResultFigures): number {
  return keyResult.grade ?? keyResult.progress;
}

/** Objective score = weighted mean of its live key results' scores (0 with none). */
export function objectiveScore(keyResults: readonly KeyResultFigures[]): number {
  return weightedMean(keyResults.filter((k) => !k.removed).map((k) => ({ weight: k.weight, value: keyResultScore(k) })));
}
