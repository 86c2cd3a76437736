import { CheckInCadence } from '../cadence/check-in-cadence';
import { MetricInput } from '../progress/metric';

/** What the application knows of the objective and cycle a key result belongs to. */
export interface KeyResultContext {
  objective: { id: string; title: string; status: 'open' | 'closed' | 'archived' };
  cycle: { id: string; status: 'open' | 'closed'; startsOn: string; endsOn: string };
}

export interface AddKeyResult {
  type: 'AddKeyResult';
  now: string;
  data: {
    keyResultId: string;
    title: string;
    metric: MetricInput;
    weight?: number;
    ownerId?: string | null;
    carriedOverFrom?: string | null;
    /** Absent or null: the tenant's cadence. */
    checkInCadence?: CheckInCadence | null;
  };
  context: KeyResultContext;
}

export interface RenameKeyResult {
  type: 'RenameKeyResult';
  now: string;
  data: { keyResultId: string; title: string };
  context: KeyResultContext;
}

export interface ChangeKeyResultTarget {
  type: 'ChangeKeyResultTarget';
  now: string;
  data: { keyResultId: string; target: number; reason: string };
  context: KeyResultContext;
}

export interface ChangeKeyResultWeight {
  type: 'ChangeKeyResultWeight';
  now: string;
  data: { keyResultId: string; weight: number };
  context: KeyResultContext;
}

/** null: back to the tenant's cadence. */
export interface ChangeKeyResultCheckInCadence {
  type: 'ChangeKeyResultCheckInCadence';
  now: string;
  data: { keyResultId: string; checkInCadence: CheckInCadence | null };
  context: KeyResultContext;
}

export interface CheckInKeyResult {
  type: 'CheckInKeyResult';
  now: string;
  /** effectiveAt: when the value was true; defaults to now; may be backdated inside the cycle, never in the future. */
  data: { keyResultId: string; checkInId: string; value: number; confidence: number; note?: string | null; effectiveAt?: string };
  context: KeyResultContext;
}

export interface GradeKeyResult {
  type: 'GradeKeyResult';
  now: string;
  data: { keyResultId: string; score: number };
  context: KeyResultContext;
}

export interface RemoveKeyResult {
  type: 'RemoveKeyResult';
  now: string;
  data: { keyResultId: string };
  context: KeyResultContext;
}

export type KeyResultCommand =
  | AddKeyResult
  | RenameKeyResult
  | ChangeKeyResultTarget
  | ChangeKeyResultWeight
  | ChangeKeyResultCheckInCadence
  | CheckInKeyResult
  | GradeKeyResult
  | RemoveKeyResult;
