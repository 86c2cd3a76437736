import { ReadModelDocument } from '@okr/read-model';
import type { ProjectionCollectionSpec } from '../projection';
import { Metric } from '@okr/domain';

/** Collections of the `okr` projection. */
export const Collections = {
  cycles: 'cycles',
  teams: 'teams',
  users: 'users',
  objectives: 'objectives',
  keyResults: 'key_results',
  checkIns: 'check_ins',
  initiatives: 'initiatives',
} as const;

export const OKR_COLLECTIONS: readonly ProjectionCollectionSpec[] = [
  { name: Collections.cycles, indexes: ['tenantId', 'status'] },
  { name: Collections.teams, indexes: ['tenantId', 'parentTeamId'] },
  { name: Collections.users, indexes: ['tenantId'] },
  { name: Collections.objectives, indexes: ['tenantId', 'cycleId', 'teamId', 'ownerId', 'parentId', 'status', 'createdPosition'] },
  { name: Collections.keyResults, indexes: ['tenantId', 'objectiveId', 'cycleId'] },
  // No handler reads a check-in back: the key result carries the count and the current value.
  // Queried per key result only (after the key result's tenant is checked): no tenantId index to maintain.
  { name: Collections.checkIns, indexes: ['keyResultId', 'effectiveAt', 'sequence'], writeOnly: true },
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

/** What an objective keeps of each live key result: enough for progress, rollup and confidence. */
export interface KeyResultSummary {
  id: string;
  weight: number;
  progress: number;
  confidence: number | null;
}

/** An aligned child as its parent sees it (archived children are not listed). */
export interface ChildSummary {
  weight: number;
  rollup: number;
}

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
  /** Σwᵢpᵢ / Σwᵢ over live key results (clamped progress), 0 with none. */
  progress: number;
  /** (Σwᵢpᵢ + Σw_c·rollup_c) / (Σwᵢ + Σw_c) over live key results and aligned children, 0 with neither. */
  rollup: number;
  /** Weighted mean of the live key results' latest confidence, null before any check-in. */
  confidence: number | null;
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
}

/**
 * A check-in, keyed by the position of its event (see `checkInDocumentId`) rather than by its id: the series
 * is append-only, so new documents land at the end of the table and its primary-key index instead of at
 * random places (a rebuild writes ~900k of them; random keys cost a rewrite of most index pages per batch).
 */
export interface CheckInDocument extends TenantDocument {
  /** The check-in's own id (from the command). */
  checkInId: string;
  keyResultId: string;
  objectiveId: string;
  value: number;
  confidence: number;
  note: string | null;
  effectiveAt: string;
  recordedAt: string;
  actorId: string;
  /** Order of recording within the key result (0-based). */
  sequence: number;
}

/** Document id of the check-in recorded at `position`: zero-padded so that ids sort like positions. */
export function checkInDocumentId(position: number): string {
  return `p${String(position).padStart(16, '0')}`;
}

export interface InitiativeDocument extends TenantDocument {
  streamVersion: number;
  title: string;
  ownerId: string | null;
  status: 'planned' | 'in_progress' | 'done' | 'dropped';
  keyResultIds: string[];
  createdAt: string;
}
