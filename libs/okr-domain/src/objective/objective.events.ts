import { DomainEvent } from '../common/decider';

export type ObjectiveKind = 'committed' | 'aspirational';

export type ObjectiveCreated = DomainEvent<
  'ObjectiveCreated',
  {
    objectiveId: string;
    cycleId: string;
    title: string;
    description: string | null;
    ownerId: string | null;
    teamId: string | null;
    kind: ObjectiveKind;
    /** Set when the objective was carried over from another cycle. */
    carriedOverFrom: string | null;
  }
>;

/** Fields that an edit may change; the event records both the new and the previous values. */
export interface ObjectiveEditableFields {
  title: string;
  description: string | null;
  ownerId: string | null;
  teamId: string | null;
  kind: ObjectiveKind;
}

export type ObjectiveEdited = DomainEvent<
  'ObjectiveEdited',
  { objectiveId: string; changes: Partial<ObjectiveEditableFields>; previous: Partial<ObjectiveEditableFields> }
>;

export type ObjectiveAligned = DomainEvent<
  'ObjectiveAligned',
  {
    objectiveId: string;
    parentObjectiveId: string;
    weight: number;
    previousParentObjectiveId: string | null;
    previousWeight: number | null;
  }
>;

export type ObjectiveUnaligned = DomainEvent<
  'ObjectiveUnaligned',
  { objectiveId: string; previousParentObjectiveId: string; previousWeight: number }
>;

export interface KeyResultScore {
  keyResultId: string;
  weight: number;
  score: number;
}

export type ObjectiveClosed = DomainEvent<
  'ObjectiveClosed',
  {
    objectiveId: string;
    score: number;
    /** 'explicit': the closer gave the score; 'computed': the weighted mean of the key results' scores. */
    scoreSource: 'explicit' | 'computed';
    keyResultScores: KeyResultScore[];
    /** 'manual' when closed by a person, 'cycle_closed' when its cycle was closed. */
    reason: 'manual' | 'cycle_closed';
    closedAt: string;
  }
>;

export type ObjectiveArchived = DomainEvent<
  'ObjectiveArchived',
  { objectiveId: string; archivedAt: string; previousStatus: 'open' | 'closed' }
>;

export type ObjectiveCarriedOver = DomainEvent<
  'ObjectiveCarriedOver',
  { objectiveId: string; toObjectiveId: string; toCycleId: string; keyResultIds: string[] }
>;

export type ObjectiveEvent =
  ObjectiveCreated | ObjectiveEdited | ObjectiveAligned | ObjectiveUnaligned | ObjectiveClosed | ObjectiveArchived | ObjectiveCarriedOver;
