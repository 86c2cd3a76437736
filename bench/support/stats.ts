/** Latency percentiles (milliseconds) of a set of samples. */
export interface LatencySummary {
  samples: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * The `p`-th percentile (0–100) of ascending-sorted `sorted`, by the nearest-rank method: the smallest
 * sample such that at least p % of the samples are ≤ it. NaN for no samples.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100 (got ${p})`);
  if (sorted.length === 0) return NaN;
  if (p === 0) return sorted[0];
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Summarises unsorted latency samples (ms); the input is not modified. */
export function summariseLatencies(samples: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const list = Array.from(sorted);
  const sum = list.reduce((acc, v) => acc + v, 0);
  return {
    samples: list.length,
    min: list.length ? list[0] : NaN,
    mean: list.length ? sum / list.length : NaN,
    p50: percentile(list, 50),
    p90: percentile(list, 90),
    p95: percentile(list, 95),
    p99: percentile(list, 99),
    max: list.length ? list[list.length - 1] : NaN,
  };
}

/** Rounds to `digits` decimals (for figures in results.json). */
export function round(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
