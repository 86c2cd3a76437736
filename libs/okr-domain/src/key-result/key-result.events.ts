import { DomainEvent } from '../common/decider';
import { Metric } from '../progress/metric';

export type KeyResultAdded = DomainEvent<
  'KeyResultAdded',
  {
    keyResultId: string;
    objectiveId: string;
    title: string;
    metric: Metric;
    weight: number;
    ownerId: string | null;
    carriedOverFrom: string | null;
  }
>;
export type KeyResultRenamed = DomainEvent<'KeyResultRenamed', { keyResultId: string; title: string; previousTitle: string }>;
export type KeyResultTargetChanged = DomainEvent<
  'KeyResultTargetChanged',
  { keyResultId: string; target: number; previousTarget: number; reason: string }
>;
export type KeyResultWeightChanged = DomainEvent<'KeyResultWeightChanged', { keyResultId: string; weight: number; previousWeight: number }>;
/** Schema version 2 (current): always carries effectiveAt. Version 1 and its upcaster: schema/key-result-checked-in.upcasters.ts. */
export type KeyResultCheckedIn = DomainEvent<
  'KeyResultCheckedIn',
  { keyResultId: string; checkInId: string; value: number; confidence: number; note: string | null; effectiveAt: string }
>;
export type KeyResultGraded = DomainEvent<'KeyResultGraded', { keyResultId: string; score: number; previousScore: number | null }>;
export type KeyResultRemoved = DomainEvent<'KeyResultRemoved', { keyResultId: string; removedAt: string }>;

export type KeyResultEvent =
  | KeyResultAdded
  | KeyResultRenamed
  | KeyResultTargetChanged
  | KeyResultWeightChanged
  | KeyResultCheckedIn
  | KeyResultGraded
  | KeyResultRemoved;
