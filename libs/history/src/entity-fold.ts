import { CheckInPoint, OkrEvent, assertNever, latestCheckIn } from '@okr/domain';
import { EntityState, withFields } from './entity-state';

/**
 * The state of an event's stream after the event, from the state before it (null before the stream's first event):
 * the fields history shows of each kind of entity. One case per event type (a type left out fails the type-check);
 * pure, on data already upcast to the current schema. An event other than a creation on a stream without state
 * (which the log never holds) leaves it without.
 */
export function evolveEntity(state: EntityState | null, event: OkrEvent): EntityState | null {
  switch (event.type) {
    // A cycle's name, dates, status.
    case 'CycleScheduled': {
      const { cycleId, name, startsOn, endsOn } = event.data;
      return { kind: 'cycle', id: cycleId, fields: { name, startsOn, endsOn, status: 'open' } };
    }
    case 'CycleClosed':
      return state && withFields(state, { status: 'closed' });

    // A team's name and parent team.
    case 'TeamCreated':
      return { kind: 'team', id: event.data.teamId, fields: { name: event.data.name, parentTeamId: event.data.parentTeamId } };
    case 'TeamRenamed':
      return state && withFields(state, { name: event.data.name });
    case 'TeamMoved':
      return state && withFields(state, { parentTeamId: event.data.parentTeamId });

    // An objective: what it says, who owns it, where it is aligned, its lifecycle and score.
    case 'ObjectiveCreated': {
      const d = event.data;
      return {
        kind: 'objective',
        id: d.objectiveId,
        fields: {
          cycleId: d.cycleId,
          title: d.title,
          description: d.description,
          ownerId: d.ownerId,
          teamId: d.teamId,
          kind: d.kind,
          parentObjectiveId: null,
          alignmentWeight: null,
          status: 'open',
          score: null,
          carriedOverFrom: d.carriedOverFrom,
          carriedOverTo: [],
        },
      };
    }
    case 'ObjectiveEdited':
      return state && withFields(state, { ...event.data.changes });
    case 'ObjectiveAligned':
      return state && withFields(state, { parentObjectiveId: event.data.parentObjectiveId, alignmentWeight: event.data.weight });
    case 'ObjectiveUnaligned':
      return state && withFields(state, { parentObjectiveId: null, alignmentWeight: null });
    case 'ObjectiveClosed':
      return state && withFields(state, { status: 'closed', score: event.data.score });
    case 'ObjectiveArchived':
      return state && withFields(state, { status: 'archived' });
    case 'ObjectiveCarriedOver':
      return state && withFields(state, { carriedOverTo: [...idsOf(state, 'carriedOverTo'), event.data.toObjectiveId] });

    // A key result: title, metric, weight, owner, its current value and confidence (the current check-in's, else
    // the start and none), grade, removal.
    case 'KeyResultAdded': {
      const d = event.data;
      return {
        kind: 'keyResult',
        id: d.keyResultId,
        fields: {
          objectiveId: d.objectiveId,
          title: d.title,
          metricType: d.metric.type,
          start: d.metric.start,
          target: d.metric.target,
          unit: d.metric.unit,
          weight: d.weight,
          ownerId: d.ownerId,
          value: d.metric.start,
          confidence: null,
          grade: null,
          removed: false,
          carriedOverFrom: d.carriedOverFrom,
          checkInCadence: d.checkInCadence,
        },
        checkIns: [],
      };
    }
    case 'KeyResultRenamed':
      return state && withFields(state, { title: event.data.title });
    case 'KeyResultTargetChanged':
      return state && withFields(state, { target: event.data.target });
    case 'KeyResultWeightChanged':
      return state && withFields(state, { weight: event.data.weight });
    case 'KeyResultCheckedIn': {
      if (!state) return state;
      const { effectiveAt, value, confidence } = event.data;
      const previous = state.checkIns ?? [];
      const checkIns: CheckInPoint[] = [...previous, { effectiveAt, sequence: previous.length, value, confidence }];
      const current = latestCheckIn(checkIns);
      const fields = current ? { value: current.value, confidence: current.confidence } : { value: state.fields.start, confidence: null };
      return { ...withFields(state, fields), checkIns };
    }
    case 'KeyResultCheckInCadenceChanged':
      return state && withFields(state, { checkInCadence: event.data.checkInCadence });
    case 'KeyResultGraded':
      return state && withFields(state, { grade: event.data.score });
    case 'KeyResultRemoved':
      return state && withFields(state, { removed: true });

    // An initiative: title, owner, status and the key results it is linked to.
    case 'InitiativeCreated': {
      const { initiativeId, title, ownerId, status, keyResultIds } = event.data;
      return { kind: 'initiative', id: initiativeId, fields: { title, ownerId, status, keyResultIds: [...keyResultIds] } };
    }
    case 'InitiativeEdited':
      return state && withFields(state, { ...event.data.changes });
    case 'InitiativeKeyResultLinked':
      return state && withFields(state, { keyResultIds: [...idsOf(state, 'keyResultIds'), event.data.keyResultId] });
    case 'InitiativeKeyResultUnlinked':
      return state && withFields(state, { keyResultIds: idsOf(state, 'keyResultIds').filter((id) => id !== event.data.keyResultId) });
    case 'InitiativeStatusChanged':
      return state && withFields(state, { status: event.data.status });

    // A tenant's name and check-in cadence; a user's name, role and teams (token and session hashes are never part of history).
    case 'TenantCreated':
      return { kind: 'tenant', id: event.data.tenantId, fields: { name: event.data.name } };
    case 'TenantCheckInCadenceChanged':
      return state && withFields(state, { checkInCadence: event.data.checkInCadence });
    case 'UserCreated':
      return { kind: 'user', id: event.data.userId, fields: { name: event.data.name, role: event.data.role, teamIds: [] } };
    case 'UserRenamed':
      return state && withFields(state, { name: event.data.name });
    case 'UserRoleChanged':
      return state && withFields(state, { role: event.data.role });
    case 'UserTeamsChanged':
      return state && withFields(state, { teamIds: [...event.data.teamIds] });
    case 'UserTokenReplaced':
    case 'UserTokenRevoked':
    case 'UserSessionStarted':
    case 'UserSessionEnded':
      return state;

    default:
      return assertNever(event, 'event');
  }
}

/** A list-of-ids field (empty when absent). */
function idsOf(state: EntityState, field: string): readonly string[] {
  const value = state.fields[field];
  return Array.isArray(value) ? value : [];
}
