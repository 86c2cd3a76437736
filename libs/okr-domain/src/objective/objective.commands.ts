import { KeyResultFigures } from '../progress/progress';
import { ObjectiveEditableFields, ObjectiveKind } from './objective.events';

/** What the application knows of the cycle an objective belongs to (or is created in). */
export interface CycleFacts {
  id: string;
  status: 'open' | 'closed';
}

export interface CreateObjective {
  type: 'CreateObjective';
  now: string;
  data: {
    objectiveId: string;
    title: string;
    description?: string | null;
    ownerId?: string | null;
    teamId?: string | null;
    kind: ObjectiveKind;
    carriedOverFrom?: string | null;
  };
  context: { cycle: CycleFacts };
}

export interface EditObjective {
  type: 'EditObjective';
  now: string;
  data: { objectiveId: string; changes: Partial<ObjectiveEditableFields> };
  context: { cycle: CycleFacts };
}

/** The prospective parent, as the application found it, with its alignment ancestors (parent first). */
export interface ParentObjective {
  id: string;
  status: 'open' | 'closed' | 'archived';
  ancestorIds: readonly string[];
}

export interface AlignObjective {
  type: 'AlignObjective';
  now: string;
  data: { objectiveId: string; parent: ParentObjective; weight?: number };
  context: { cycle: CycleFacts };
}

export interface UnalignObjective {
  type: 'UnalignObjective';
  now: string;
  data: { objectiveId: string };
  context: { cycle: CycleFacts };
}

export interface KeyResultForScoring extends KeyResultFigures {
  keyResultId: string;
}

export interface CloseObjective {
  type: 'CloseObjective';
  now: string;
  /** score: an explicit score 0..1; omitted → the weighted mean of the key results' scores. */
  data: { objectiveId: string; score?: number; reason?: 'manual' | 'cycle_closed' };
  context: { cycle: CycleFacts; keyResults: readonly KeyResultForScoring[] };
}

export interface ArchiveObjective {
  type: 'ArchiveObjective';
  now: string;
  data: { objectiveId: string };
}

export interface CarryOverObjective {
  type: 'CarryOverObjective';
  now: string;
  /** keyResultIds: the ids of the new key results, in the order of the origin's open key results. */
  data: { objectiveId: string; toObjectiveId: string; keyResultIds: string[] };
  context: { targetCycle: CycleFacts };
}

export type ObjectiveCommand =
  CreateObjective | EditObjective | AlignObjective | UnalignObjective | CloseObjective | ArchiveObjective | CarryOverObjective;
