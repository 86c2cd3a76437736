/** The arithmetic of the time charts (plain SVG, decision 22): scales, ticks and paths. */

export interface Point {
  /** Epoch milliseconds. */
  t: number;
  v: number;
}

/** A linear map from a domain onto a range (a flat domain maps to the range's middle). */
export function linear([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): (value: number) => number {
  const span = d1 - d0;
  if (span === 0) return () => (r0 + r1) / 2;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/**
 * About `count` round values (1, 2 or 5 times a power of ten) covering [min, max]: the axis' ticks, the first at
 * or below min and the last at or above max.
 */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) / 10;
    return niceTicks(min - pad, max + pad, count);
  }
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const first = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let value = first; value < max + step / 2; value += step) ticks.push(Number(value.toPrecision(12)));
  if (ticks[ticks.length - 1] < max) ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)));
  return ticks;
}

/** The first day of each month (UTC) strictly inside (from, to]; for a span of less than a month, none. */
export function monthTicks(from: number, to: number): number[] {
  const ticks: number[] = [];
  const date = new Date(from);
  let tick = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  while (tick <= to) {
    ticks.push(tick);
    const next = new Date(tick);
    tick = Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 1);
  }
  return ticks;
}

type Mapped = { x: number; y: number };

/** A polyline through the points. */
export function linePath(points: readonly Mapped[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)} ${round(p.y)}`).join(' ');
}

/**
 * A value that holds until the next one: horizontal to the next point's time, then vertical to its value; the last
 * value holds until `endX`.
 */
export function stepPath(points: readonly Mapped[], endX?: number): string {
  if (points.length === 0) return '';
  let path = `M${round(points[0].x)} ${round(points[0].y)}`;
  for (let i = 1; i < points.length; i++) path += ` H${round(points[i].x)} V${round(points[i].y)}`;
  if (endX !== undefined && endX > points[points.length - 1].x) path += ` H${round(endX)}`;
  return path;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Start of a UTC day (YYYY-MM-DD), and its end: a cycle's bounds. */
export const dayStart = (day: string) => Date.parse(`${day}T00:00:00.000Z`);
export const dayEnd = (day: string) => dayStart(day) + 86_400_000 - 1;
