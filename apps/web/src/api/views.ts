import type { Schemas } from './client';

/**
 * The answers the screens read, by the names the screens use: the generated types of the OpenAPI document
 * (schema.d.ts), plus the little it does not give.
 */
export type Me = Schemas['MeResponse'];
export type Role = Me['role'];
export type CycleSummary = Schemas['CycleSummaryDto'];
export type Health = Schemas['ObjectiveHealth'];

/**
 * An objective of the alignment tree. `lastCheckInAt`: effective time of the latest current check-in of its live
 * key results, null when none has one.
 */
export type AlignmentNode = Schemas['AlignmentNodeDto'];
export type AlignmentAnswer = Schemas['AlignmentDto'];

export type TeamView = Schemas['TeamListItem'];
/** A user as GET /users lists them (admins also read `hasToken`). */
export type UserView = Omit<Schemas['UserListItem'], 'hasToken'>;

export type OutputsOutcomeFlag = Schemas['OutputsOutcomeFlag'];
/** GET /cycles/:id/outputs-vs-outcomes. */
export type OutputsVsOutcomesReport = Schemas['OutputsVsOutcomesDto'];
/** What the alignment reads of it. */
export type OutputsVsOutcomes = Pick<OutputsVsOutcomesReport, 'keyResults'>;

export type RecordedChange = Schemas['RecordedChangeDto'];
export type Delta = Schemas['DeltaDto'];
export type CycleDiff = Schemas['CycleDiffDto'];

export type MetricType = Schemas['MetricType'];
/** For a milestone, start is 0 and target 1 (done). */
export type Metric = Schemas['MetricViewDto'];
export type KeyResultView = Schemas['KeyResultDto'];
export type InitiativeStatus = Schemas['InitiativeStatus'];
/** An objective as lists give it (GET /objectives): `status` is its health by pace, `lifecycle` open/closed/archived. */
export type ObjectiveSummary = Schemas['ObjectiveSummaryDto'];
/** GET /objectives/:id (with `asOf`: as recorded then). */
export type ObjectiveView = Schemas['ObjectiveDto'];

/** A page of a list that goes on at `nextCursor`. */
export interface Paged<T> {
  items: T[];
  nextCursor: string | null;
}

/** One check-in of GET /key-results/:id/check-ins (ordered by effective time). */
export type CheckInView = Schemas['RecordedCheckInDto'];
/** One line of a timeline (GET /objectives/:id/history, /key-results/:id/history). */
export type HistoryEntry = Schemas['HistoryEntryDto'];

/** A key result as GET /me/check-ins and GET /cycles/:id/missed-check-ins list it. */
export type CheckInItem = Schemas['CheckInItemDto'];
export type MyCheckIns = Schemas['MyCheckInsDto'];

/** GET /teams/:id/rollup?cycleId=: the team with its sub-teams. */
export type TeamRollup = Schemas['TeamRollupDto'];
/** GET /cycles/:id/target-changes: key results whose target moved, scored against both goalposts. */
export type MovedGoalposts = Schemas['MovedGoalpostsDto'];
