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

  it('UserRenamed, UserRoleChanged and UserTeamsChanged', () => {
    const renamed = given([user]).when({
      streamId: 'user-user-bob',
      type: 'UserRenamed',
      data: { userId: 'user-bob', name: 'Robert Builder', previousName: 'Bob Builder' },
    });
    expect(renamed.summary).toBe("User 'Bob Builder' renamed to 'Robert Builder' by Ada Lovelace");
    expect(renamed.changes).toEqual({ name: { from: 'Bob Builder', to: 'Robert Builder' } });

    const promoted = given([user]).when({
      streamId: 'user-user-bob',
      type: 'UserRoleChanged',
      data: { userId: 'user-bob', role: 'admin', previousRole: 'editor' },
    });
    expect(promoted.summary).toBe("Role of user 'Bob Builder' changed from editor to admin by Ada Lovelace");
    expect(promoted.changes).toEqual({ role: { from: 'editor', to: 'admin' } });

    const joined: ScenarioEvent = {
      streamId: 'user-user-bob',
      type: 'UserTeamsChanged',
      data: { userId: 'user-bob', teamIds: ['team-growth', 'team-company'], previousTeamIds: [] },
    };
    const first = given([user]).when(joined);
    expect(first.summary).toBe("User 'Bob Builder' joined 'Growth' and 'Company' by Ada Lovelace");
    expect(first.changes).toEqual({ teamIds: { from: [], to: ['team-growth', 'team-company'] } });
    const moved = given([user, joined]).when({
      streamId: 'user-user-bob',
      type: 'UserTeamsChanged',
      data: { userId: 'user-bob', teamIds: ['team-company', 'team-ops'], previousTeamIds: ['team-growth', 'team-company'] },
    });
    expect(moved.summary).toBe("User 'Bob Builder' joined 'team-ops', left 'Growth' by Ada Lovelace");
  });

  it('UserTokenRevoked, sign-in and the ends of sessions, without any hash', () => {
    const revoked = given([user]).when({ streamId: 'user-user-bob', type: 'UserTokenRevoked', data: { userId: 'user-bob' } });
    expect(revoked.summary).toBe("Token of user 'Bob Builder' revoked by Ada Lovelace");
    expect(revoked.changes).toEqual({});
    const signedIn = given([user]).when({
      streamId: 'user-user-bob',
      type: 'UserSessionStarted',
      actorId: 'user-bob',
      data: {
        userId: 'user-bob',
        sessionHash: 'd'.repeat(64),
        method: 'token',
        startedAt: '2026-02-10T09:00:00.000Z',
        expiresAt: '2026-02-10T21:00:00.000Z',
      },
    });
    expect(signedIn.summary).toBe("User 'Bob Builder' signed in with a token (session until 2026-02-10 21:00 UTC)");
    expect(signedIn.actor).toEqual({ id: 'user-bob', name: 'Bob Builder' });
    const ended = (reason: string, actorId?: string) =>
      given([user]).when({
        streamId: 'user-user-bob',
        type: 'UserSessionEnded',
        ...(actorId ? { actorId } : {}),
        data: { userId: 'user-bob', sessionHash: 'd'.repeat(64), reason },
      });
    expect(ended('signed_out', 'user-bob').summary).toBe("User 'Bob Builder' signed out");
    expect(ended('token_revoked').summary).toBe("Session of user 'Bob Builder' ended: token revoked by Ada Lovelace");
    expect(ended('token_replaced').summary).toBe("Session of user 'Bob Builder' ended: token replaced by Ada Lovelace");
    expect(JSON.stringify([revoked, signedIn, ended('signed_out')])).not.toMatch(/dddd/);
  });
});
