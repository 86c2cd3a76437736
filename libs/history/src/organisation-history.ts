import type { CycleEvent, TeamEvent, TenantEvent, UserEvent } from '@okr/domain';
import { EntityHistory } from './entity-history';
import { EntityState, withFields } from './entity-state';

/** A cycle's fields: name, dates, status. */
export const cycleHistory: EntityHistory = {
  kind: 'cycle',
  eventTypes: ['CycleScheduled', 'CycleClosed'] satisfies CycleEvent['type'][],
  evolve(state: EntityState | null, type: string, data: any): EntityState | null {
    if (type === 'CycleScheduled') {
      return { kind: 'cycle', id: data.cycleId, fields: { name: data.name, startsOn: data.startsOn, endsOn: data.endsOn, status: 'open' } };
    }
    if (state && type === 'CycleClosed') return withFields(state, { status: 'closed' });
    return state;
  },
};

/** A team's fields: name and parent team. */
export const teamHistory: EntityHistory = {
  kind: 'team',
  eventTypes: ['TeamCreated', 'TeamRenamed', 'TeamMoved'] satisfies TeamEvent['type'][],
  evolve(state: EntityState | null, type: string, data: any): EntityState | null {
    if (type === 'TeamCreated') return { kind: 'team', id: data.teamId, fields: { name: data.name, parentTeamId: data.parentTeamId } };
    if (!state) return state;
    if (type === 'TeamRenamed') return withFields(state, { name: data.name });
    if (type === 'TeamMoved') return withFields(state, { parentTeamId: data.parentTeamId });
    return state;
  },
};

/** A tenant's name. */
export const tenantHistory: EntityHistory = {
  kind: 'tenant',
  eventTypes: ['TenantCreated'] satisfies TenantEvent['type'][],
  evolve(state: EntityState | null, type: string, data: any): EntityState | null {
    if (type === 'TenantCreated') return { kind: 'tenant', id: data.tenantId, fields: { name: data.name } };
    return state;
  },
};

/** A user's name and role. Token hashes are never part of history (a replaced token changes no shown field). */
export const userHistory: EntityHistory = {
  kind: 'user',
  eventTypes: ['UserCreated', 'UserTokenReplaced'] satisfies UserEvent['type'][],
  evolve(state: EntityState | null, type: string, data: any): EntityState | null {
    if (type === 'UserCreated') return { kind: 'user', id: data.userId, fields: { name: data.name, role: data.role } };
    return state;
  },
};
