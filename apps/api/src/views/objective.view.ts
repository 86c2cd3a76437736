import { ExistingObjective, ObjectiveKind, ObjectiveStatus, objectiveProgress } from '@okr/domain';
import { KeyResultView } from './key-result.view';

export interface ObjectiveView {
  id: string;
  cycleId: string;
  title: string;
  description: string | null;
  ownerId: string | null;
  teamId: string | null;
  kind: ObjectiveKind;
  status: ObjectiveStatus;
  /** Σwᵢpᵢ / Σwᵢ over live key results (clamped progress), 0 with none. */
  progress: number;
  score: number | null;
  closedAt: string | null;
  parentObjectiveId: string | null;
  alignmentWeight: number | null;
  carriedOverFrom: string | null;
  carriedOverTo: { objectiveId: string; cycleId: string }[];
  version: number;
  /** Live key results, in the order they were added. */
  keyResults: KeyResultView[];
}

export function toObjectiveView(state: ExistingObjective, version: number, keyResults: KeyResultView[]): ObjectiveView {
  const live = keyResults.filter((k) => !k.removed);
  return {
    id: state.id,
    cycleId: state.cycleId,
    title: state.title,
    description: state.description,
    ownerId: state.ownerId,
    teamId: state.teamId,
    kind: state.kind,
    status: state.status,
    progress: objectiveProgress(live.map((k) => ({ weight: k.weight, progress: k.progress, removed: false, grade: k.grade }))),
    score: state.score,
    closedAt: state.closedAt,
    parentObjectiveId: state.parentObjectiveId,
    alignmentWeight: state.alignmentWeight,
    carriedOverFrom: state.carriedOverFrom,
    carriedOverTo: state.carriedOverTo,
    version,
    keyResults: live,
  };
}
