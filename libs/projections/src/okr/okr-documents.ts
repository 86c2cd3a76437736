import { ReadModelDocument } from '@okr/read-model';
import type { ProjectionCollectionSpec } from '../projection';
import { CheckInCadence, ChildSummary as DomainChildSummary, KeyResultSummary as DomainKeyResultSummary, Metric } from '@okr/domain';

/** Collections of the `okr` projection. */
export const Collections = {
  cycles: 'cycles',
  teams: 'teams',
  users: 'users',
  objectives: 'objectives',
  keyResults: 'key_results',
  initiatives: 'initiatives',
} as const;

export const OKR_COLLECTIONS: readonly ProjectionCollectionSpec[] = [
  { name: Collections.cycles, indexes: ['tenantId', 'status'] },
  { name: Collections.teams, indexes: ['tenantId', 'parentTeamId'] },
  { name: Collections.users, indexes: ['tenantId'] },
  { name: Collections.objectives, indexes: ['tenantId', 'cycleId', 'teamId', 'ownerId', 'parentId', 'status', 'createdPosition'] },
  { name: Collections.keyResults, indexes: ['tenantId', 'objectiveId', 'cycleId', 'ownerId'] },
  // No check-in collection: the key result carries the count and the current value, and the series is read
  // from the key result's stream (apps/api check-in-series.ts; decision 9, "Check-in series from the stream").
  { name: Collections.initiatives, indexes: ['tenantId', 'status'] },
];

interface TenantDocument extends ReadModelDocument {
  tenantId: string;
}

export interface CycleDocument extends TenantDocument {
  name: string;
  startsOn: string;
  endsOn: string;
  status: 'open' | 'closed';
  closedAt: string | null;
}

export interface TeamDocument extends TenantDocument {
  name: string;
  parentTeamId: string | null;
}

export interface UserDocument extends TenantDocument {
  name: string;
  role: string;
}

/**
 * What an objective keeps of each live key result: enough for progress, rollup and confidence (objectiveFigures),
 * and the effective time of its current check-in (its `currentEffectiveAt`; null before any).
 */
export interface KeyResultSummary extends DomainKeyResultSummary {
  id: string;
  lastCheckInAt: string | null;
}

/** An aligned child as its parent sees it (archived children are not listed). */
export type ChildSummary = DomainChildSummary;

export interface ObjectiveDocument extends TenantDocument {
  /** Number of events in the objective's own stream (its ETag / If-Match version). */
  streamVersion: number;
  cycleId: string;
  title: string;
  description: string | null;
  ownerId: string | null;
  teamId: string | null;
  kind: 'committed' | 'aspirational';
  status: 'open' | 'closed' | 'archived';
  score: number | null;
  closedAt: string | null;
  createdAt: string;
  /** Global position of the creation event: the order objectives are listed in. */
  createdPosition: number;
  parentId: string | null;
  alignmentWeight: number | null;
  carriedOverFrom: string | null;
  carriedOverTo: { objectiveId: string; cycleId: string }[];
  /** Live key results in the order they were added. */
  keyResults: KeyResultSummary[];
  /**
   * Aligned, non-archived children, keyed by id (a map, so that updating one child of a parent with
   * thousands stays O(1); key order is the order of alignment, the same in every replay).
   */
  children: Record<string, ChildSummary>;
  /** The objective's figures (objectiveFigures in @okr/domain). */
  progress: number;
  rollup: number;
  confidence: number | null;
  /** The latest `lastCheckInAt` of its live key results (null when none has a check-in). */
  lastCheckInAt: string | null;
}

export interface KeyResultDocument extends TenantDocument {
  /** Number of events in the key result's own stream (its ETag / If-Match version). */
  streamVersion: number;
  objectiveId: string;
  cycleId: string;
  title: string;
  metric: Metric;
  originalTarget: number;
  /** How many times the target changed (moved and moved back counts twice). */
  targetChanges: number;
  weight: number;
  ownerId: string | null;
  current: number;
  confidence: number | null;
  progress: number;
  progressRaw: number;
  grade: number | null;
  removed: boolean;
  checkInCount: number;
  /** effectiveAt and sequence of the check-in that defines `current` (null before any). */
  currentEffectiveAt: string | null;
  currentSequence: number | null;
  carriedOverFrom: string | null;
  initiativeIds: string[];
  /** Its own check-in cadence; null: its tenant's (checkInDue in @okr/domain says when a check-in is owed). */
  checkInCadence: CheckInCadence | null;
  /** When it was added (recorded): before any check-in, its cadence counts from then (or from its cycle's start). */
  createdAt: string;
}

export interface InitiativeDocument extends TenantDocument {
  streamVersion: number;
  title: string;
  ownerId: string | null;
  status: 'planned' | 'in_progress' | 'done' | 'dropped';
  keyResultIds: string[];
  createdAt: string;
}
