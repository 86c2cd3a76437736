import type { Schemas } from '../../api/client';
import type { paths } from '../../api/schema';

/** The audit routes' types, as the OpenAPI document gives them (apps/api/src/audit). */
export type AuditQuery = NonNullable<paths['/audit']['get']['parameters']['query']>;
/** Every event type the API knows (the domain's list, through the OpenAPI document). */
export type EventType = NonNullable<AuditQuery['type']>[number];
export type AuditEntry = Schemas['HistoryEntryDto'];
export type AuditPage = Schemas['AuditPageDto'];
export type HistoryValue = Schemas['FieldChangeDto']['from'];
/** GET /api/audit/verify (admins). */
export type VerifyAnswer = Schemas['AuditVerifyDto'];

const GROUPS = ['Cycles', 'Teams', 'Objectives', 'Key results', 'Initiatives', 'Tenant', 'People', 'Sign-in and tokens'] as const;
type Group = (typeof GROUPS)[number];

/**
 * What each event type is about, in the order the filter offers them. Keyed by the generated type: a type the API
 * adds and missing here fails the type-check (`npm run api:types` brings it), so the filter cannot fall behind.
 */
const GROUP_OF: { readonly [T in EventType]: Group } = {
  CycleScheduled: 'Cycles',
  CycleClosed: 'Cycles',
  TeamCreated: 'Teams',
  TeamRenamed: 'Teams',
  TeamMoved: 'Teams',
  ObjectiveCreated: 'Objectives',
  ObjectiveEdited: 'Objectives',
  ObjectiveAligned: 'Objectives',
  ObjectiveUnaligned: 'Objectives',
  ObjectiveClosed: 'Objectives',
  ObjectiveArchived: 'Objectives',
  ObjectiveCarriedOver: 'Objectives',
  KeyResultAdded: 'Key results',
  KeyResultRenamed: 'Key results',
  KeyResultTargetChanged: 'Key results',
  KeyResultWeightChanged: 'Key results',
  KeyResultCheckedIn: 'Key results',
  KeyResultCheckInCadenceChanged: 'Key results',
  KeyResultGraded: 'Key results',
  KeyResultRemoved: 'Key results',
  InitiativeCreated: 'Initiatives',
  InitiativeEdited: 'Initiatives',
  InitiativeKeyResultLinked: 'Initiatives',
  InitiativeKeyResultUnlinked: 'Initiatives',
  InitiativeStatusChanged: 'Initiatives',
  TenantCreated: 'Tenant',
  TenantCheckInCadenceChanged: 'Tenant',
  UserCreated: 'People',
  UserRenamed: 'People',
  UserRoleChanged: 'People',
  UserTeamsChanged: 'People',
  UserTokenReplaced: 'Sign-in and tokens',
  UserTokenRevoked: 'Sign-in and tokens',
  UserSessionStarted: 'Sign-in and tokens',
  UserSessionEnded: 'Sign-in and tokens',
};

/** The event types the filter offers, by what they are about; the API answers for any other a URL may carry. */
export const EVENT_GROUPS: { label: Group; types: readonly EventType[] }[] = GROUPS.map((label) => ({
  label,
  types: (Object.keys(GROUP_OF) as EventType[]).filter((type) => GROUP_OF[type] === label),
}));

/** "KeyResultTargetChanged" → "Key result target changed". */
export function typeLabel(type: string): string {
  const words = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
