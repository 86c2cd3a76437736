import { Metric, keyResultProgress } from '@okr/domain';

/** One change of a key result's target, as its event recorded it. */
export interface TargetChange {
  position: number;
  recordedAt: string;
  actor: { id: string; name: string };
  from: number;
  to: number;
  reason: string;
}

/** A key result whose target moved, scored against both goalposts. */
export interface MovedGoalposts {
  keyResultId: string;
  title: string;
  objective: { id: string; title: string };
  metric: Metric['type'];
  current: number;
  originalTarget: number;
  currentTarget: number;
  /** Progress (clamped 0..1) with the original target, and raw. */
  againstOriginal: { progress: number; raw: number };
  /** Progress (clamped 0..1) with the current target, and raw: what the read models show. */
  againstCurrent: { progress: number; raw: number };
  /** againstCurrent.progress − againstOriginal.progress: how much the moves changed the score. */
  shift: number;
  /** Every change, oldest first. */
  changes: TargetChange[];
}

/** Scores a key result's current value against its original and its current target (pure). */
export function scoreGoalposts(metric: Metric, originalTarget: number, current: number) {
  const original = keyResultProgress({ ...metric, target: originalTarget }, current);
  const now = keyResultProgress(metric, current);
  return {
    againstOriginal: { progress: original.clamped, raw: original.raw },
    againstCurrent: { progress: now.clamped, raw: now.raw },
    shift: now.clamped - original.clamped,
  };
}
