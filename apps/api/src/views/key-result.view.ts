import { ExistingKeyResult, Metric, currentProgress, currentValue } from '@okr/domain';

export interface KeyResultView {
  id: string;
  objectiveId: string;
  title: string;
  metric: Metric;
  /** The target the key result started with; differs from metric.target when the goalposts moved. */
  originalTarget: number;
  weight: number;
  ownerId: string | null;
  /** Value of the check-in with the latest effectiveAt (ties: latest recorded), else metric.start. */
  current: number;
  /** Confidence of that check-in, null before the first check-in. */
  confidence: number | null;
  /** Progress clamped to [0, 1]. */
  progress: number;
  /** Progress before clamping (may be < 0 or > 1 for increase/decrease). */
  progressRaw: number;
  grade: number | null;
  removed: boolean;
  checkInCount: number;
  lastEffectiveAt: string | null;
  carriedOverFrom: string | null;
  version: number;
}

export function toKeyResultView(state: ExistingKeyResult, version: number): KeyResultView {
  const progress = currentProgress(state);
  return {
    id: state.id,
    objectiveId: state.objectiveId,
    title: state.title,
    metric: state.metric,
    originalTarget: state.originalTarget,
    weight: state.weight,
    ownerId: state.ownerId,
    current: currentValue(state),
    confidence: state.current ? state.current.confidence : null,
    progress: progress.clamped,
    progressRaw: progress.raw,
    grade: state.grade,
    removed: state.removed,
    checkInCount: state.checkInCount,
    lastEffectiveAt: state.current ? state.current.effectiveAt : null,
    carriedOverFrom: state.carriedOverFrom,
    version,
  };
}
