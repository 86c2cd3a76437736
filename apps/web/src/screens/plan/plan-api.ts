import type { TeamView, UserView } from '../../api/views';

/**
 * The answers the planning screen reads and writes get, as the API gives them (libs/reads okr-queries.ts and
 * objective-read.views.ts; the write handlers of apps/api). Typed here while the generated schema.d.ts of this
 * branch has no response schemas yet; the generated ones (ObjectiveDto, KeyResultDto, CreateResultDto...) replace them.
 */
/** Who and what the forms choose from: the tenant's people and teams. */
export interface Directory {
  users: UserView[];
  teams: TeamView[];
}

export type MetricType = 'increase' | 'decrease' | 'atLeast' | 'atMost' | 'milestone';
export type InitiativeStatus = 'planned' | 'in_progress' | 'done' | 'dropped';
export type ObjectiveKind = 'committed' | 'aspirational';

export interface Metric {
  type: MetricType;
  start: number;
  target: number;
  unit: string | null;
}

export interface KeyResultView {
  id: string;
  objectiveId: string;
  title: string;
  metric: Metric;
  originalTarget: number;
  weight: number;
  ownerId: string | null;
  current: number;
  confidence: number | null;
  progress: number;
  grade: number | null;
  removed: boolean;
  checkInCount: number;
  initiativeIds: string[];
  version: number;
}

export interface ObjectiveInitiative {
  id: string;
  title: string;
  status: InitiativeStatus;
  ownerId: string | null;
  keyResultIds: string[];
}

/** GET /api/objectives/:id */
export interface ObjectiveDetail {
  id: string;
  cycleId: string;
  title: string;
  kind: ObjectiveKind;
  ownerId: string | null;
  teamId: string | null;
  lifecycle: 'open' | 'closed' | 'archived';
  progress: number;
  rollup: number;
  score: number | null;
  parentObjectiveId: string | null;
  alignmentWeight: number | null;
  childIds: string[];
  version: number;
  description: string | null;
  closedAt: string | null;
  carriedOverFrom: string | null;
  carriedOverTo: { objectiveId: string; cycleId: string }[];
  keyResults: KeyResultView[];
  initiatives: ObjectiveInitiative[];
}

/** GET /api/initiatives/:id */
export interface InitiativeDetail extends ObjectiveInitiative {
  version: number;
}

/** GET /api/teams/:id */
export interface TeamDetail {
  id: string;
  name: string;
  parentTeamId: string | null;
  version: number;
}

/** What a write answers: the stream's new version and the write's position in the log. */
export interface WriteAnswer {
  version: number;
  position: number;
}

export interface CreateAnswer extends WriteAnswer {
  id: string;
}

export interface CarryOverAnswer extends CreateAnswer {
  keyResultIds: string[];
}

/**
 * A nullable string of a request body (owner, team, parent, description, unit): the empty choice is null. Typed
 * `never` because this branch's temporary schema.d.ts types these fields as objects (the OpenAPI fix of issue 14
 * types them `string | null`); drop the cast once the generated types are in.
 */
export function nullable(value: string): never {
  return (value.trim() === '' ? null : value) as never;
}

/** An optional number input's value for the API: the number typed, or nothing when the input is empty. */
export function numberOrUndefined(value: string): number | undefined {
  return value.trim() === '' ? undefined : Number(value);
}

/**
 * A number input's value for a number field of the body: empty is sent as null (JSON has no NaN), which the API
 * answers for itself: its default where the field has one, its message where it is required. Never a silent 0.
 */
export function numeric(value: string): number {
  return value.trim() === '' ? NaN : Number(value);
}

export const METRIC_LABEL: Record<MetricType, string> = {
  increase: 'Increase to a target',
  decrease: 'Decrease to a target',
  atLeast: 'Stay at or above',
  atMost: 'Stay at or below',
  milestone: 'Milestone (done / not done)',
};

export const INITIATIVE_STATUS_LABEL: Record<InitiativeStatus, string> = {
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};
