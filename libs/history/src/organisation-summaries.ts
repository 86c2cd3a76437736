import { CycleEvent, TeamEvent, TenantEvent, UserEvent } from '@okr/domain';
import { DescribeInput, Describers, textField } from './describer';
import { listed, quoted } from './value-formatting';

/** The user the event is about, by the name they had then. */
function userName(input: DescribeInput<UserEvent['type']>): string {
  return quoted(textField(input, 'name') ?? input.names.name('user', input.data.userId));
}

function teamNames(input: DescribeInput, ids: readonly string[]): string {
  return listed(ids.map((id) => quoted(input.names.name('team', id))));
}

/** "2026-02-10 21:00 UTC": an instant to the minute, midnight included. */
function minute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function place(input: DescribeInput, parentTeamId: string | null): string {
  return parentTeamId ? `under ${quoted(input.names.name('team', parentTeamId))}` : 'at the top level';
}

/** Sentences for cycles, teams, tenants and users. */
export const organisationSummaries: Describers<(CycleEvent | TeamEvent | TenantEvent | UserEvent)['type']> = {
  CycleScheduled({ data, by }) {
    return { summary: `Cycle ${quoted(data.name)} scheduled from ${data.startsOn} to ${data.endsOn} ${by}` };
  },

  CycleClosed(input) {
    return { summary: `Cycle ${quoted(textField(input, 'name') ?? input.data.cycleId)} closed ${input.by}` };
  },

  TeamCreated(input) {
    const under = input.data.parentTeamId ? ` ${place(input, input.data.parentTeamId)}` : '';
    return { summary: `Team ${quoted(input.data.name)} created${under} ${input.by}` };
  },

  TeamRenamed({ data, by }) {
    return { summary: `Team ${quoted(data.previousName)} renamed to ${quoted(data.name)} ${by}` };
  },

  TeamMoved(input) {
    const { data, by } = input;
    const to = data.parentTeamId ? `moved ${place(input, data.parentTeamId)}` : 'moved to the top level';
    return {
      summary: `Team ${quoted(textField(input, 'name') ?? data.teamId)} ${to} (was ${place(input, data.previousParentTeamId)}) ${by}`,
    };
  },

  TenantCreated({ data, by }) {
    return { summary: `Tenant ${quoted(data.name)} created ${by}` };
  },

  TenantCheckInCadenceChanged(input) {
    const { data, by } = input;
    return {
      summary: `Check-in cadence of tenant ${quoted(textField(input, 'name') ?? data.tenantId)} changed from ${data.previousCheckInCadence} to ${data.checkInCadence} ${by}`,
      changes: { checkInCadence: { from: data.previousCheckInCadence, to: data.checkInCadence } },
    };
  },

  UserCreated({ data, by }) {
    return { summary: `User ${quoted(data.name)} created as ${data.role} ${by}` };
  },

  UserTokenReplaced(input) {
    return { summary: `Token of user ${userName(input)} replaced ${input.by}` };
  },

  UserTokenRevoked(input) {
    return { summary: `Token of user ${userName(input)} revoked ${input.by}` };
  },

  UserRenamed({ data, by }) {
    return { summary: `User ${quoted(data.previousName)} renamed to ${quoted(data.name)} ${by}` };
  },

  UserRoleChanged(input) {
    const { data, by } = input;
    return { summary: `Role of user ${userName(input)} changed from ${data.previousRole} to ${data.role} ${by}` };
  },

  UserTeamsChanged(input) {
    const { data, by } = input;
    const joined = data.teamIds.filter((id) => !data.previousTeamIds.includes(id));
    const left = data.previousTeamIds.filter((id) => !data.teamIds.includes(id));
    const moves = [
      ...(joined.length ? [`joined ${teamNames(input, joined)}`] : []),
      ...(left.length ? [`left ${teamNames(input, left)}`] : []),
    ];
    return { summary: `User ${userName(input)} ${moves.join(', ') || 'kept the same teams'} ${by}` };
  },

  UserSessionStarted(input) {
    return {
      summary: `User ${userName(input)} signed in with a ${input.data.method} (session until ${minute(input.data.expiresAt)})`,
    };
  },

  UserSessionEnded(input) {
    const { data, by } = input;
    if (data.reason === 'signed_out') return { summary: `User ${userName(input)} signed out` };
    return { summary: `Session of user ${userName(input)} ended: token ${data.reason === 'token_revoked' ? 'revoked' : 'replaced'} ${by}` };
  },
};
