import { endOfDay, startOfDay } from '../common/time';

export type PaceStatus = 'on_track' | 'at_risk' | 'off_track';
export type ObjectiveHealth = PaceStatus | 'closed' | 'archived';

/** Elapsed fraction of a cycle at `now` (0 before its first day, 1 after its last), by the clock. */
export function expectedProgress(cycle: { startsOn: string; endsOn: string }, now: number): number {
  const start = startOfDay(cycle.startsOn);
  const end = endOfDay(cycle.endsOn);
  if (now <= start) return 0;
  if (now >= end) return 1;
  return (now - start) / (end - start);
}

/**
 * Status of an open objective from its pace: on_track when progress ≥ 0.9·expected (or nothing is
 * expected yet), at_risk when ≥ 0.6·expected, else off_track. Closed and archived objectives report that.
 */
export function objectiveHealth(input: {
  status: 'open' | 'closed' | 'archived';
  progress: number;
  cycle: { startsOn: string; endsOn: string };
  now: number;
}): { status: ObjectiveHealth; expected: number } {
  const expected = expectedProgress(input.cycle, input.now);
  return { status: healthAt(input.status, input.progress, expected), expected };
}

/**
 * The least progress that is on track, and the least that is at risk, when `expected` is expected: 0.9 and 0.6
 * of it. Below both, off track. (The alignment tree uses them to tell when statuses change at all.)
 */
export function paceThresholds(expected: number): { onTrack: number; atRisk: number } {
  return { onTrack: 0.9 * expected, atRisk: 0.6 * expected };
}

/** The health of an objective at a known expected progress (see objectiveHealth). */
export function healthAt(status: 'open' | 'closed' | 'archived', progress: number, expected: number): ObjectiveHealth {
  if (status !== 'open') return status;
  if (expected === 0) return 'on_track';
  const { onTrack, atRisk } = paceThresholds(expected);
  if (progress >= onTrack) return 'on_track';
  if (progress >= atRisk) return 'at_risk';
  return 'off_track';
}
