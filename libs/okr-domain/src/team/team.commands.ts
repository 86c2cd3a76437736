/**
 * The new parent, as the application found it: its id and the ids of its ancestors (parent first, root last).
 * The decider refuses a parent that is the team itself or one of its descendants.
 */
export interface ParentTeam {
  id: string;
  ancestorIds: readonly string[];
}

export interface CreateTeam {
  type: 'CreateTeam';
  now: string;
  data: { teamId: string; name: string; parent: ParentTeam | null };
}

export interface RenameTeam {
  type: 'RenameTeam';
  now: string;
  data: { teamId: string; name: string };
}

export interface MoveTeam {
  type: 'MoveTeam';
  now: string;
  data: { teamId: string; parent: ParentTeam | null };
}

export type TeamCommand = CreateTeam | RenameTeam | MoveTeam;
