import type { Schemas } from './client';

/**
 * The answers the screens read, as the API gives them (libs/reads: alignment-tree.ts, cycle-diff.ts, okr-queries.ts;
 * identity routes per the contract).
 */
export type Role = 'admin' | 'editor' | 'viewer';

export interface Me {
  id: string;
  name: string;
  role: Role;
  tenantId: string;
  teamIds: string[];
}

export interface CycleSummary {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  status: 'open' | 'closed';
  closedAt: string | null;
}

export type Health = 'on_track' | 'at_risk' | 'off_track' | 'closed' | 'archived';

export interface AlignmentNode {
  id: string;
  title: string;
  kind: 'committed' | 'aspirational';
  lifecycle: 'open' | 'closed' | 'archived';
  status: Health;
  progress: number;
  rollup: number;
  confidence: number | null;
  score: number | null;
  alignmentWeight: number | null;
  owner: { id: string; name: string } | null;
  team: { id: string; name: string } | null;
  version: number;
  /** Effective time of the latest current check-in of its live key results; null when none has one. */
  lastCheckInAt: string | null;
  children: AlignmentNode[];
}

export interface AlignmentAnswer {
  roots: AlignmentNode[];
  cycle: { id: string; name: string; startsOn: string; endsOn: string; status: 'open' | 'closed' };
  expected: number;
  at: string;
  objectives: number;
}

export interface TeamView {
  id: string;
  name: string;
  parentTeamId: string | null;
}

export interface UserView {
  id: string;
  name: string;
  role: Role;
  teamIds: string[];
}

export type OutputsOutcomeFlag = 'outputs_without_outcome' | 'outcome_without_outputs';

export interface OutputsVsOutcomes {
  keyResults: { keyResultId: string; objectiveId: string; title: string; progress: number; flags: OutputsOutcomeFlag[] }[];
}

export interface RecordedChange {
  position: number;
  recordedAt: string;
  actor: { id: string; name: string };
  from: number;
  to: number;
  reason?: string;
}

export interface Delta {
  from: number;
  to: number;
  delta: number;
}

interface Ref {
  id: string;
  title: string;
}

export interface CycleDiff {
  from: string;
  to: string;
  objectives: {
    added: (Ref & { parentId: string | null })[];
    archived: Ref[];
    closed: (Ref & { score: number | null })[];
    realigned: (Ref & { parent: { from: string | null; to: string | null }; weight: { from: number | null; to: number | null } })[];
  };
  keyResults: {
    added: (Ref & { objectiveId: string })[];
    removed: (Ref & { objectiveId: string })[];
    targetChanged: (Ref & { objectiveId: string; from: number; to: number; changes?: RecordedChange[] })[];
    weightChanged: (Ref & { objectiveId: string; from: number; to: number; changes?: RecordedChange[] })[];
  };
  progress: (Ref & { progress: Delta; rollup: Delta; status: { from: Health; to: Health } })[];
}

// Objective, check-ins, my check-ins and the dashboard (web2 helper): libs/reads (objective-read.views.ts,
// okr-queries.ts), apps/api (check-in-series.ts, target-changes.ts), libs/history (history-entry.ts).

/** The five ways a key result is measured (libs/okr-domain, progress/metric.ts). */
export type MetricType = 'increase' | 'decrease' | 'atLeast' | 'atMost' | 'milestone';

/** For a milestone, start is 0 and target 1 (done). */
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
  progressRaw: number;
  grade: number | null;
  removed: boolean;
  checkInCount: number;
  /** Effective time of the current check-in. */
  lastEffectiveAt: string | null;
  carriedOverFrom: string | null;
  initiativeIds: string[];
  /** The key result's stream version: its ETag (If-Match). */
  version: number;
}

export type InitiativeStatus = 'planned' | 'in_progress' | 'done' | 'dropped';

/** An objective as lists give it (GET /objectives): `status` is its health by pace, `lifecycle` open/closed/archived. */
export interface ObjectiveSummary {
  id: string;
  cycleId: string;
  title: string;
  kind: 'committed' | 'aspirational';
  ownerId: string | null;
  teamId: string | null;
  lifecycle: 'open' | 'closed' | 'archived';
  status: Health;
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

/** GET /objectives/:id (with `asOf`: as recorded then). */
export interface ObjectiveView extends ObjectiveSummary {
  description: string | null;
  closedAt: string | null;
  createdAt: string;
  carriedOverFrom: string | null;
  carriedOverTo: { objectiveId: string; cycleId: string }[];
  keyResults: KeyResultView[];
  initiatives: { id: string; title: string; status: InitiativeStatus; ownerId: string | null; keyResultIds: string[] }[];
}

/** A page of a list that goes on at `nextCursor`. */
export interface Paged<T> {
  items: T[];
  nextCursor: string | null;
}

/** One check-in of GET /key-results/:id/check-ins (ordered by effective time). */
export interface CheckInView {
  id: string;
  value: number;
  confidence: number;
  note: string | null;
  effectiveAt: string;
  recordedAt: string;
  actor: { id: string; name: string };
}

/** One line of a timeline (GET /objectives/:id/history, /key-results/:id/history). */
export interface HistoryEntry {
  position: number;
  recordedAt: string;
  /** Check-ins: when the value held (earlier than recordedAt when backdated). */
  effectiveAt?: string;
  actor: { id: string; name: string };
  type: string;
  streamId: string;
  /** The sentence: "Target of 'Reduce churn' changed from 3 % to 2.5 % by Ada Lovelace: board asked for more". */
  summary: string;
  changes: Record<string, { from: unknown; to: unknown }>;
  reason?: string;
}

/** A key result as GET /me/check-ins and GET /cycles/:id/missed-check-ins list it. */
export type CheckInItem = Schemas['CheckInItemDto'];
export type MyCheckIns = Schemas['MyCheckInsDto'];

/** GET /teams/:id/rollup?cycleId=: the team with its sub-teams. */
export interface TeamRollup {
  team: { id: string; name: string; parentTeamId: string | null };
  cycle: { id: string; name: string };
  rollup: number;
  /** The objectives the rollup averages (those not aligned under another of the set). */
  topObjectiveIds: string[];
  teams: { id: string; name: string; parentTeamId: string | null; objectives: number; rollup: number }[];
  objectives: ObjectiveSummary[];
}

/** GET /cycles/:id/outputs-vs-outcomes, whole. */
export interface OutputsVsOutcomesReport extends OutputsVsOutcomes {
  orphanInitiatives: { id: string; title: string; status: InitiativeStatus }[];
}

/** GET /cycles/:id/target-changes: key results whose target moved, scored against both goalposts. */
export interface MovedGoalposts {
  keyResultId: string;
  title: string;
  objective: { id: string; title: string };
  metric: MetricType;
  current: number;
  originalTarget: number;
  currentTarget: number;
  againstOriginal: { progress: number; raw: number };
  againstCurrent: { progress: number; raw: number };
  /** againstCurrent.progress − againstOriginal.progress. */
  shift: number;
  changes: { position: number; recordedAt: string; actor: { id: string; name: string }; from: number; to: number; reason: string }[];
}
