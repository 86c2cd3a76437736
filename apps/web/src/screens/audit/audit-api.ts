import type { Client } from 'openapi-fetch';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';

/**
 * The audit routes as the screen uses them (apps/api/src/audit: the trail, its filters and cursor; the verification
 * of the hash chains). Typed here: this branch's generated schema.d.ts has no response schemas yet, and `streamId`
 * (one entity's events) is a filter added with this screen. The generated types replace this file.
 */
export type EventType = NonNullable<NonNullable<paths['/audit']['get']['parameters']['query']>['type']>[number];

export interface AuditQuery {
  limit?: number;
  cursor?: string;
  actorId?: string;
  streamId?: string;
  from?: string;
  to?: string;
  type?: string[];
}

export type HistoryValue = string | number | boolean | null | readonly string[];

/** An event of the trail, in words (libs/history HistoryEntry). */
export interface AuditEntry {
  position: number;
  recordedAt: string;
  effectiveAt?: string;
  actor: { id: string; name: string };
  type: string;
  streamId: string;
  summary: string;
  changes: Record<string, { from: HistoryValue; to: HistoryValue }>;
  reason?: string;
}

export interface AuditPage {
  items: AuditEntry[];
  /** Go on from here; set whenever the log was not read to its end, even after a short or empty page. */
  nextCursor: string | null;
  scannedUpTo: number;
}

export type BrokenLinkReason = 'hash_mismatch' | 'previous_hash_mismatch' | 'missing_event' | 'unexpected_revision' | 'hash_missing';

/** GET /api/audit/verify (admins). */
export interface VerifyAnswer {
  ok: boolean;
  seconds: number;
  streamsChecked: number;
  eventsChecked: number;
  unchainedEvents: number;
  brokenLinks: number;
  firstBroken: {
    streamId: string;
    revision: number;
    position: number;
    reason: BrokenLinkReason;
    expected?: string | number;
    found?: string | number;
  } | null;
  headPosition: number;
}

interface Get<Query, Answer> {
  parameters: { query?: Query };
  responses: { 200: { content: { 'application/json': Answer } } };
}

interface AuditPaths {
  '/audit': { get: Get<AuditQuery, AuditPage> };
  '/audit/verify': { get: Get<never, VerifyAnswer> };
}

/** The app's one client (same cookie, same middlewares), seen through the types above. */
export const auditApi = api as unknown as Client<AuditPaths>;

/**
 * The event types the filter offers, by what they are about. Those the API knows are the generated type's members
 * (a name it does not know fails the type-check); the API answers for any other a URL may carry.
 */
export const EVENT_GROUPS: { label: string; types: readonly EventType[] }[] = [
  { label: 'Cycles', types: ['CycleScheduled', 'CycleClosed'] },
  { label: 'Teams', types: ['TeamCreated', 'TeamRenamed', 'TeamMoved'] },
  {
    label: 'Objectives',
    types: [
      'ObjectiveCreated',
      'ObjectiveEdited',
      'ObjectiveAligned',
      'ObjectiveUnaligned',
      'ObjectiveClosed',
      'ObjectiveArchived',
      'ObjectiveCarriedOver',
    ],
  },
  {
    label: 'Key results',
    types: [
      'KeyResultAdded',
      'KeyResultRenamed',
      'KeyResultTargetChanged',
      'KeyResultWeightChanged',
      'KeyResultCheckedIn',
      'KeyResultGraded',
      'KeyResultRemoved',
    ],
  },
  {
    label: 'Initiatives',
    types: ['InitiativeCreated', 'InitiativeEdited', 'InitiativeKeyResultLinked', 'InitiativeKeyResultUnlinked', 'InitiativeStatusChanged'],
  },
  { label: 'People', types: ['TenantCreated', 'UserCreated', 'UserTokenReplaced'] },
];

/** "KeyResultTargetChanged" → "Key result target changed". */
export function typeLabel(type: string): string {
  const words = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
