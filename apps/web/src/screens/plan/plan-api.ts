import type { Schemas } from '../../api/client';
import type { TeamView, UserView } from '../../api/views';

/** Who and what the forms choose from: the tenant's people and teams. */
export interface Directory {
  users: UserView[];
  teams: TeamView[];
}

// The answers the planning screen reads and its writes get, as the OpenAPI document gives them.
export type MetricType = Schemas['MetricType'];
export type InitiativeStatus = Schemas['InitiativeStatus'];
export type ObjectiveKind = Schemas['ObjectiveKind'];
export type CheckInCadence = Schemas['CheckInCadence'];
export type KeyResultView = Schemas['KeyResultDto'];
/** GET /api/objectives/:id */
export type ObjectiveDetail = Schemas['ObjectiveDto'];
/** GET /api/initiatives/:id */
export type InitiativeDetail = Schemas['InitiativeDto'];
/** GET /api/teams/:id */
export type TeamDetail = Schemas['TeamDto'];
/** What a write answers: the stream's new version and the write's position in the log. */
export type WriteAnswer = Schemas['WriteResultDto'];
export type CreateAnswer = Schemas['CreateResultDto'];
export type CarryOverAnswer = Schemas['CarryOverResultDto'];

/** A nullable string of a request body (owner, team, parent, description, unit): the empty choice is null. */
export function nullable(value: string): string | null {
  return value.trim() === '' ? null : value;
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
