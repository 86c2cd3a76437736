import { SCENARIO_TIME, ScenarioEvent, given } from './testing/history-scenario';

const scheduled: ScenarioEvent = {
  streamId: 'cycle-cycle-q1',
  type: 'CycleScheduled',
  data: { cycleId: 'cycle-q1', name: '2026 Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' },
};
const team: ScenarioEvent = {
  streamId: 'team-team-growth',
  type: 'TeamCreated',
  data: { teamId: 'team-growth', name: 'Growth', parentTeamId: null },
};
const user: ScenarioEvent = {
  streamId: 'user-user-bob',
  type: 'UserCreated',
  data: { userId: 'user-bob', tenantId: 'tenant-1', name: 'Bob Builder', role: 'editor', tokenHash: 'f'.repeat(64) },
};

describe('history of cycles, teams, tenants and users', () => {
  it('CycleScheduled and CycleClosed', () => {
    const entry = given([]).when(scheduled);
    expect(entry.summary).toBe("Cycle '2026 Q1' scheduled from 2026-01-01 to 2026-03-31 by Ada Lovelace");
    expect(entry.changes).toEqual({
      name: { from: null, to: '2026 Q1' },
      startsOn: { from: null, to: '2026-01-01' },
      endsOn: { from: null, to: '2026-03-31' },
      status: { from: null, to: 'open' },
    });
    const closed = given([scheduled]).when({
      streamId: 'cycle-cycle-q1',
      type: 'CycleClosed',
      data: { cycleId: 'cycle-q1', closedAt: SCENARIO_TIME },
    });
    expect(closed.summary).toBe("Cycle '2026 Q1' closed by Ada Lovelace");
    expect(closed.changes).toEqual({ status: { from: 'open', to: 'closed' } });
  });

  it('TeamCreated, TeamRenamed, TeamMoved', () => {
    expect(given([]).when({ ...team, data: { teamId: 'team-growth', name: 'Growth', parentTeamId: 'team-company' } }).summary).toBe(
      "Team 'Growth' created under 'Company' by Ada Lovelace",
    );
    const renamed = given([team]).when({
      streamId: 'team-team-growth',
      type: 'TeamRenamed',
      data: { teamId: 'team-growth', name: 'Growth & Retention', previousName: 'Growth' },
    });
    expect(renamed.summary).toBe("Team 'Growth' renamed to 'Growth & Retention' by Ada Lovelace");
    expect(renamed.changes).toEqual({ name: { from: 'Growth', to: 'Growth & Retention' } });
    const moved = given([team]).when({
      streamId: 'team-team-growth',
      type: 'TeamMoved',
      data: { teamId: 'team-growth', parentTeamId: 'team-company', previousParentTeamId: null },
    });
    expect(moved.summary).toBe("Team 'Growth' moved under 'Company' (was at the top level) by Ada Lovelace");
    expect(moved.changes).toEqual({ parentTeamId: { from: null, to: 'team-company' } });
  });

  it('TenantCreated', () => {
    const entry = given([]).when({ streamId: 'tenant-acme', type: 'TenantCreated', data: { tenantId: 'acme', name: 'Acme' } });
    expect(entry.summary).toBe("Tenant 'Acme' created by Ada Lovelace");
    expect(entry.changes).toEqual({ name: { from: null, to: 'Acme' } });
  });

  it('TenantCheckInCadenceChanged: the cadence from → to', () => {
    const created: ScenarioEvent = { streamId: 'tenant-acme', type: 'TenantCreated', data: { tenantId: 'acme', name: 'Acme' } };
    const entry = given([created]).when({
      streamId: 'tenant-acme',
      type: 'TenantCheckInCadenceChanged',
      data: { tenantId: 'acme', checkInCadence: 'fortnightly', previousCheckInCadence: 'weekly' },
    });
    expect(entry.summary).toBe("Check-in cadence of tenant 'Acme' changed from weekly to fortnightly by Ada Lovelace");
    expect(entry.changes).toEqual({ checkInCadence: { from: 'weekly', to: 'fortnightly' } });
  });

  it('UserCreated and UserTokenReplaced never show the token hash', () => {
    const entry = given([]).when(user);
    expect(entry.summary).toBe("User 'Bob Builder' created as editor by Ada Lovelace");
    expect(entry.changes).toEqual({ name: { from: null, to: 'Bob Builder' }, role: { from: null, to: 'editor' } });
    const replaced = given([user]).when({
      streamId: 'user-user-bob',
      type: 'UserTokenReplaced',
      data: { userId: 'user-bob', tokenHash: 'e'.repeat(64) },
    });
    expect(replaced.summary).toBe("Token of user 'Bob Builder' replaced by Ada Lovelace");
    expect(replaced.changes).toEqual({});
    expect(JSON.stringify([entry, replaced])).not.toMatch(/eeee|ffff/);
  });
});
