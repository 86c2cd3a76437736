import { CycleEvent, TeamEvent, TenantEvent, UserEvent } from '@okr/domain';
import { DescribeInput, Describers, textField } from './describer';
import { quoted } from './value-formatting';

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
    const name = textField(input, 'name') ?? input.names.name('user', input.data.userId);
    return { summary: `Token of user ${quoted(name)} replaced ${input.by}` };
  },
};
