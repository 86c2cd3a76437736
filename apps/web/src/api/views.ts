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
  /** When the last check-in of its key results was recorded, where the API gives it. */
  lastCheckInAt?: string | null;
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
