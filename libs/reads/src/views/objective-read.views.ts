import { ObjectiveHealth, objectiveHealth } from '@okr/domain';
import { CycleDocument, KeyResultDocument, ObjectiveDocument } from '@okr/projections';

export interface KeyResultReadView {
  id: string;
  objectiveId: string;
  title: string;
  metric: KeyResultDocument['metric'];
  originalTarget: number;
  weight: number;
  ownerId: string | null;
  current: number;
  confidence: number | null;
  progress: number;
  progressRaw: number;
  grade: number | null;
  removed: boolean;
  checkInCount: number;
  lastEffectiveAt: string | null;
  carriedOverFrom: string | null;
  initiativeIds: string[];
  /** Its own check-in cadence; null: the tenant's. */
  checkInCadence: KeyResultDocument['checkInCadence'];
  version: number;
}

export function keyResultReadView(kr: KeyResultDocument): KeyResultReadView {
  return {
    id: kr.id,
    objectiveId: kr.objectiveId,
    title: kr.title,
    metric: kr.metric,
    originalTarget: kr.originalTarget,
    weight: kr.weight,
    ownerId: kr.ownerId,
    current: kr.current,
    confidence: kr.confidence,
    progress: kr.progress,
    progressRaw: kr.progressRaw,
    grade: kr.grade,
    removed: kr.removed,
    checkInCount: kr.checkInCount,
    lastEffectiveAt: kr.currentEffectiveAt,
    carriedOverFrom: kr.carriedOverFrom,
    initiativeIds: kr.initiativeIds,
    checkInCadence: kr.checkInCadence,
    version: kr.streamVersion,
  };
}

/** An objective as lists and trees show it: `status` is its health by pace, `lifecycle` open/closed/archived. */
export interface ObjectiveSummaryView {
  id: string;
  cycleId: string;
  title: string;
  kind: ObjectiveDocument['kind'];
  ownerId: string | null;
  teamId: string | null;
  lifecycle: ObjectiveDocument['status'];
  status: ObjectiveHealth;
  /** Elapsed fraction of the cycle that the status compares against. */
  expected: number;
  progress: number;
  rollup: number;
  confidence: number | null;
  score: number | null;
  parentObjectiveId: string | null;
  alignmentWeight: number | null;
  childIds: string[];
  version: number;
}

export function objectiveSummaryView(objective: ObjectiveDocument, cycle: CycleDocument | undefined, now: number): ObjectiveSummaryView {
  const health = cycle
    ? objectiveHealth({ status: objective.status, progress: objective.rollup, cycle, now })
    : { status: objective.status === 'open' ? ('on_track' as const) : objective.status, expected: 0 };
  return {
    id: objective.id,
    cycleId: objective.cycleId,
    title: objective.title,
    kind: objective.kind,
    ownerId: objective.ownerId,
    teamId: objective.teamId,
    lifecycle: objective.status,
    status: health.status,
    expected: health.expected,
    progress: objective.progress,
    rollup: objective.rollup,
    confidence: objective.confidence,
    score: objective.score,
    parentObjectiveId: objective.parentId,
    alignmentWeight: objective.alignmentWeight,
    childIds: Object.keys(objective.children).sort(),
    version: objective.streamVersion,
  };
}
