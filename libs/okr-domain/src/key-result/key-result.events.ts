import { DomainEvent } from '../common/decider';
import { CheckInCadence } from '../cadence/check-in-cadence';
import { Metric } from '../progress/metric';

/**
 * Schema version 2 (current): carries checkInCadence (null: the tenant's). Version 1 had none; its upcaster:
 * schema/key-result-added.upcasters.ts.
 */
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
    checkInCadence: CheckInCadence | null;
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
/** checkInCadence null: the key result follows its tenant's cadence. */
export type KeyResultCheckInCadenceChanged = DomainEvent<
  'KeyResultCheckInCadenceChanged',
  { keyResultId: string; checkInCadence: CheckInCadence | null; previousCheckInCadence: CheckInCadence | null }
>;
export type KeyResultGraded = DomainEvent<'KeyResultGraded', { keyResultId: string; score: number; previousScore: number | null }>;
export type KeyResultRemoved = DomainEvent<'KeyResultRemoved', { keyResultId: string; removedAt: string }>;

export type KeyResultEvent =
  | KeyResultAdded
  | KeyResultRenamed
  | KeyResultTargetChanged
  | KeyResultWeightChanged
  | KeyResultCheckedIn
  | KeyResultCheckInCadenceChanged
  | KeyResultGraded
  | KeyResultRemoved;
