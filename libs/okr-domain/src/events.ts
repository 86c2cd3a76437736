import { CycleEvent } from './cycle/cycle.events';
import { TenantEvent, UserEvent } from './identity/identity.events';
import { InitiativeEvent } from './initiative/initiative.events';
import { KeyResultEvent } from './key-result/key-result.events';
import { ObjectiveEvent } from './objective/objective.events';
import { TeamEvent } from './team/team.events';

/** Every event the domain records, across all stream types. Folds over the whole log switch on it exhaustively. */
export type OkrEvent = CycleEvent | TeamEvent | ObjectiveEvent | KeyResultEvent | InitiativeEvent | TenantEvent | UserEvent;
export type OkrEventType = OkrEvent['type'];
/** The event of one type, with its typed data. */
export type OkrEventOf<T extends OkrEventType> = Extract<OkrEvent, { type: T }>;

/** Every event type, once; a type added to the union and missing here fails the type-check. */
const EVENT_TYPES: { readonly [T in OkrEventType]: true } = {
  CycleScheduled: true,
  CycleClosed: true,
  TeamCreated: true,
  TeamRenamed: true,
  TeamMoved: true,
  ObjectiveCreated: true,
  ObjectiveEdited: true,
  ObjectiveAligned: true,
  ObjectiveUnaligned: true,
  ObjectiveClosed: true,
  ObjectiveArchived: true,
  ObjectiveCarriedOver: true,
  KeyResultAdded: true,
  KeyResultRenamed: true,
  KeyResultTargetChanged: true,
  KeyResultWeightChanged: true,
  KeyResultCheckedIn: true,
  KeyResultCheckInCadenceChanged: true,
  KeyResultGraded: true,
  KeyResultRemoved: true,
  InitiativeCreated: true,
  InitiativeEdited: true,
  InitiativeKeyResultLinked: true,
  InitiativeKeyResultUnlinked: true,
  InitiativeStatusChanged: true,
  TenantCreated: true,
  TenantCheckInCadenceChanged: true,
  UserCreated: true,
  UserTokenReplaced: true,
  UserTokenRevoked: true,
  UserRenamed: true,
  UserRoleChanged: true,
  UserTeamsChanged: true,
  UserSessionStarted: true,
  UserSessionEnded: true,
};
export const OKR_EVENT_TYPES = Object.keys(EVENT_TYPES) as readonly OkrEventType[];

/**
 * A guard for events of the given types: true narrows the event's `type`, and with it its `data`, so that a switch
 * on `type` reads typed data. The data must be in the current shape of its type (upcast, see schema/upcast.ts):
 * this is where stored events, which hold what the deciders decided, become typed again.
 */
export function eventsOf<T extends OkrEventType>(
  types: readonly T[],
): <E extends { type: string }>(event: E) => event is E & OkrEventOf<T> {
  const wanted = new Set<string>(types);
  return <E extends { type: string }>(event: E): event is E & OkrEventOf<T> => wanted.has(event.type);
}

/** Whether an (upcast) event is one of the domain's: see eventsOf. */
export const isOkrEvent = eventsOf(OKR_EVENT_TYPES);

/** The default branch of an exhaustive switch: a case left out fails the type-check here. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
