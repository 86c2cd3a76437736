import { fold } from '../common/decider';
import { InvalidInputError, NotFoundError, RuleViolationError } from '../common/errors';
import { DeciderSpecification } from '../testing/decider-specification';
import { CheckInCadence } from '../cadence/check-in-cadence';
import {
  ChangeTenantCheckInCadence,
  ChangeUserRole,
  CreateTenant,
  CreateUser,
  EndSession,
  ReplaceUserToken,
  RevokeUserToken,
  StartSession,
} from './identity.commands';
import { TenantCheckInCadenceChanged, TenantCreated, UserCreated, UserEvent, UserRole, UserSessionStarted } from './identity.events';
import { tenantDecider } from './tenant.decider';
import { SESSION_LIFETIME_MS, userDecider } from './user.decider';

const NOW = '2026-01-10T09:00:00.000Z';
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

describe('tenant decider', () => {
  const spec = DeciderSpecification.for(tenantDecider);
  const createTenant = (name: string): CreateTenant => ({ type: 'CreateTenant', now: NOW, data: { tenantId: 'acme', name } });
  const created: TenantCreated = { type: 'TenantCreated', data: { tenantId: 'acme', name: 'Acme' } };

  it('creates a tenant with a trimmed name', () => {
    spec
      .given([])
      .when(createTenant('  Acme '))
      .then([{ type: 'TenantCreated', data: { tenantId: 'acme', name: 'Acme' } }]);
  });

  it('refuses an empty name', () => {
    spec.given([]).when(createTenant('')).thenThrows(InvalidInputError, { code: 'text.empty', field: 'name' });
  });

  it('refuses to create a tenant twice', () => {
    spec.given([created]).when(createTenant('Acme')).thenThrows(RuleViolationError, { code: 'tenant.already_exists' });
  });

  it('folds the creation: the check-in cadence is weekly until the tenant sets another', () => {
    expect(tenantDecider.initialState()).toEqual({ exists: false });
    expect(fold(tenantDecider, [created])).toEqual({ exists: true, id: 'acme', name: 'Acme', checkInCadence: 'weekly' });
  });

  describe('ChangeTenantCheckInCadence', () => {
    const changeCadence = (checkInCadence: CheckInCadence): ChangeTenantCheckInCadence => ({
      type: 'ChangeTenantCheckInCadence',
      now: NOW,
      data: { tenantId: 'acme', checkInCadence },
    });
    const fortnightly: TenantCheckInCadenceChanged = {
      type: 'TenantCheckInCadenceChanged',
      data: { tenantId: 'acme', checkInCadence: 'fortnightly', previousCheckInCadence: 'weekly' },
    };

    it('changes the cadence from weekly, recording the previous one', () => {
      spec.given([created]).when(changeCadence('fortnightly')).then([fortnightly]);
    });

    it('compares with the latest cadence and does nothing when unchanged', () => {
      spec.given([created]).when(changeCadence('weekly')).thenNothing();
      spec.given([created, fortnightly]).when(changeCadence('fortnightly')).thenNothing();
      spec
        .given([created, fortnightly])
        .when(changeCadence('monthly'))
        .then([
          {
            type: 'TenantCheckInCadenceChanged',
            data: { tenantId: 'acme', checkInCadence: 'monthly', previousCheckInCadence: 'fortnightly' },
          },
        ]);
      expect(fold(tenantDecider, [created, fortnightly])).toEqual({
        exists: true,
        id: 'acme',
        name: 'Acme',
        checkInCadence: 'fortnightly',
      });
    });

    it('refuses an unknown cadence and an unknown tenant', () => {
      spec
        .given([created])
        .when(changeCadence('yearly' as CheckInCadence))
        .thenThrows(InvalidInputError, { code: 'check_in_cadence.invalid', field: 'checkInCadence' });
      spec.given([]).when(changeCadence('monthly')).thenThrows(NotFoundError, { code: 'tenant.not_found' });
    });
  });
});

describe('user decider', () => {
  const spec = DeciderSpecification.for(userDecider);
  const createUser = (data: Partial<CreateUser['data']> = {}): CreateUser => ({
    type: 'CreateUser',
    now: NOW,
    data: { userId: 'u1', tenantId: 'acme', name: 'Ada Lovelace', role: 'editor', tokenHash: HASH_A, ...data },
  });
  const replaceToken = (tokenHash: string, now = NOW): ReplaceUserToken => ({
    type: 'ReplaceUserToken',
    now,
    data: { userId: 'u1', tokenHash },
  });
  const revokeToken = (otherAdmins = 0, now = NOW): RevokeUserToken => ({
    type: 'RevokeUserToken',
    now,
    data: { userId: 'u1' },
    context: { otherAdmins },
  });
  const changeRole = (role: UserRole, otherAdmins = 0): ChangeUserRole => ({
    type: 'ChangeUserRole',
    now: NOW,
    data: { userId: 'u1', role },
    context: { otherAdmins },
  });
  const startSession = (sessionHash: string, now = NOW, tokenHash = HASH_A): StartSession => ({
    type: 'StartSession',
    now,
    data: { userId: 'u1', sessionHash, credential: { method: 'token', tokenHash } },
  });
  const endSession = (sessionHash: string, now = NOW): EndSession => ({ type: 'EndSession', now, data: { userId: 'u1', sessionHash } });
  const created: UserCreated = {
    type: 'UserCreated',
    data: { userId: 'u1', tenantId: 'acme', name: 'Ada Lovelace', role: 'editor', tokenHash: HASH_A },
  };
  const createdAdmin: UserCreated = { type: 'UserCreated', data: { ...created.data, role: 'admin' } };
  const LATER = '2026-01-10T15:00:00.000Z';
  const sessionAt = (sessionHash: string, startedAt: string): UserSessionStarted => ({
    type: 'UserSessionStarted',
    data: {
      userId: 'u1',
      sessionHash,
      method: 'token',
      startedAt,
      expiresAt: new Date(Date.parse(startedAt) + SESSION_LIFETIME_MS).toISOString(),
    },
  });

  describe('CreateUser', () => {
    it.each<UserRole>(['admin', 'editor', 'viewer'])('creates a user with role %s and a trimmed name', (role) => {
      spec
        .given([])
        .when(createUser({ role, name: ' Ada Lovelace ' }))
        .then([{ type: 'UserCreated', data: { userId: 'u1', tenantId: 'acme', name: 'Ada Lovelace', role, tokenHash: HASH_A } }]);
    });

    it.each(['owner', 'Admin', ''])('refuses the role %j', (role) => {
      spec
        .given([])
        .when(createUser({ role: role as UserRole }))
        .thenThrows(InvalidInputError, { code: 'user.role', field: 'role' });
    });

    it('refuses an empty name', () => {
      spec
        .given([])
        .when(createUser({ name: ' ' }))
        .thenThrows(InvalidInputError, { code: 'text.empty', field: 'name' });
    });

    it('refuses to create a user twice', () => {
      spec.given([created]).when(createUser()).thenThrows(RuleViolationError, { code: 'user.already_exists' });
    });
  });

  describe('RenameUser', () => {
    it('renames, trimmed, with the previous name; the same name changes nothing', () => {
      spec
        .given([created])
        .when({ type: 'RenameUser', now: NOW, data: { userId: 'u1', name: ' Ada King ' } })
        .then([{ type: 'UserRenamed', data: { userId: 'u1', name: 'Ada King', previousName: 'Ada Lovelace' } }]);
      spec
        .given([created])
        .when({ type: 'RenameUser', now: NOW, data: { userId: 'u1', name: 'Ada Lovelace' } })
        .thenNothing();
    });

    it('refuses an empty name and an unknown user', () => {
      spec
        .given([created])
        .when({ type: 'RenameUser', now: NOW, data: { userId: 'u1', name: '' } })
        .thenThrows(InvalidInputError, { code: 'text.empty', field: 'name' });
      spec
        .given([])
        .when({ type: 'RenameUser', now: NOW, data: { userId: 'u1', name: 'X' } })
        .thenThrows(NotFoundError, { code: 'user.not_found' });
    });
  });

  describe('ChangeUserRole', () => {
    it('changes the role, with the previous one; the same role changes nothing', () => {
      spec
        .given([created])
        .when(changeRole('admin'))
        .then([{ type: 'UserRoleChanged', data: { userId: 'u1', role: 'admin', previousRole: 'editor' } }]);
      spec.given([created]).when(changeRole('editor')).thenNothing();
    });

    it('refuses a role that is none of admin, editor, viewer', () => {
      spec
        .given([created])
        .when(changeRole('owner' as UserRole))
        .thenThrows(InvalidInputError, { code: 'user.role', field: 'role' });
    });

    it('refuses to demote the last admin who can sign in, themselves included', () => {
      const error = spec
        .given([createdAdmin])
        .when(changeRole('viewer', 0))
        .thenThrows(RuleViolationError, { code: 'user.last_admin', field: 'role' });
      expect(error.message).toBe(
        'Ada Lovelace is the last admin of the tenant who can sign in: make another user admin before you make them viewer',
      );
    });

    it('demotes an admin when another admin can sign in, or when this one cannot (revoked token)', () => {
      spec
        .given([createdAdmin])
        .when(changeRole('editor', 1))
        .then([{ type: 'UserRoleChanged', data: { userId: 'u1', role: 'editor', previousRole: 'admin' } }]);
      spec
        .given([createdAdmin, { type: 'UserTokenRevoked', data: { userId: 'u1' } }])
        .when(changeRole('editor', 0))
        .then([{ type: 'UserRoleChanged', data: { userId: 'u1', role: 'editor', previousRole: 'admin' } }]);
    });
  });

  describe('SetUserTeams', () => {
    const setTeams = (teamIds: string[]) => ({ type: 'SetUserTeams' as const, now: NOW, data: { userId: 'u1', teamIds } });

    it('sets the teams (duplicates once), with the previous ones', () => {
      spec
        .given([created])
        .when(setTeams(['t1', 't2', 't1']))
        .then([{ type: 'UserTeamsChanged', data: { userId: 'u1', teamIds: ['t1', 't2'], previousTeamIds: [] } }]);
      spec
        .given([created, { type: 'UserTeamsChanged', data: { userId: 'u1', teamIds: ['t1', 't2'], previousTeamIds: [] } }])
        .when(setTeams([]))
        .then([{ type: 'UserTeamsChanged', data: { userId: 'u1', teamIds: [], previousTeamIds: ['t1', 't2'] } }]);
    });

    it('changes nothing for the same teams in another order', () => {
      spec
        .given([created, { type: 'UserTeamsChanged', data: { userId: 'u1', teamIds: ['t1', 't2'], previousTeamIds: [] } }])
        .when(setTeams(['t2', 't1']))
        .thenNothing();
    });
  });

  describe('ReplaceUserToken', () => {
    it('replaces the token hash', () => {
      spec
        .given([created])
        .when(replaceToken(HASH_B))
        .then([{ type: 'UserTokenReplaced', data: { userId: 'u1', tokenHash: HASH_B } }]);
    });

    it('does nothing when the hash is the same', () => {
      spec.given([created]).when(replaceToken(HASH_A)).thenNothing();
    });

    it('compares with the latest hash', () => {
      const replaced = { type: 'UserTokenReplaced' as const, data: { userId: 'u1', tokenHash: HASH_B } };
      spec.given([created, replaced]).when(replaceToken(HASH_B)).thenNothing();
      spec
        .given([created, replaced])
        .when(replaceToken(HASH_A))
        .then([{ type: 'UserTokenReplaced', data: { userId: 'u1', tokenHash: HASH_A } }]);
    });

    it('gives a revoked user a token again', () => {
      spec
        .given([created, { type: 'UserTokenRevoked', data: { userId: 'u1' } }])
        .when(replaceToken(HASH_A))
        .then([{ type: 'UserTokenReplaced', data: { userId: 'u1', tokenHash: HASH_A } }]);
    });

    it('ends the sessions still running, not those expired or ended', () => {
      const early = sessionAt('s-early', '2026-01-09T20:00:00.000Z'); // expires 2026-01-10T08:00, before NOW
      const running = sessionAt('s-running', '2026-01-10T08:30:00.000Z');
      const ended = sessionAt('s-ended', '2026-01-10T08:40:00.000Z');
      spec
        .given([
          created,
          early,
          running,
          ended,
          { type: 'UserSessionEnded', data: { userId: 'u1', sessionHash: 's-ended', reason: 'signed_out' } },
        ])
        .when(replaceToken(HASH_B))
        .then([
          { type: 'UserTokenReplaced', data: { userId: 'u1', tokenHash: HASH_B } },
          { type: 'UserSessionEnded', data: { userId: 'u1', sessionHash: 's-running', reason: 'token_replaced' } },
        ]);
    });

    it('refuses an unknown user', () => {
      spec.given([]).when(replaceToken(HASH_B)).thenThrows(NotFoundError, { code: 'user.not_found' });
    });
  });

  describe('RevokeUserToken', () => {
    it('revokes the token and ends the running sessions; a revoked token changes nothing', () => {
      spec
        .given([created, sessionAt('s1', NOW)])
        .when(revokeToken(0, LATER))
        .then([
          { type: 'UserTokenRevoked', data: { userId: 'u1' } },
          { type: 'UserSessionEnded', data: { userId: 'u1', sessionHash: 's1', reason: 'token_revoked' } },
        ]);
      spec
        .given([created, { type: 'UserTokenRevoked', data: { userId: 'u1' } }])
        .when(revokeToken())
        .thenNothing();
    });

    it('refuses to revoke the token of the last admin who can sign in', () => {
      spec.given([createdAdmin]).when(revokeToken(0)).thenThrows(RuleViolationError, { code: 'user.last_admin', field: undefined });
      spec
        .given([createdAdmin])
        .when(revokeToken(1))
        .then([{ type: 'UserTokenRevoked', data: { userId: 'u1' } }]);
    });

    it('refuses an unknown user', () => {
      spec.given([]).when(revokeToken()).thenThrows(NotFoundError, { code: 'user.not_found' });
    });
  });

  describe('StartSession and EndSession', () => {
    it('starts a session of 12 hours with the current token', () => {
      spec
        .given([created])
        .when(startSession('s1'))
        .then([
          {
            type: 'UserSessionStarted',
            data: { userId: 'u1', sessionHash: 's1', method: 'token', startedAt: NOW, expiresAt: '2026-01-10T21:00:00.000Z' },
          },
        ]);
    });

    it('refuses a token that is no longer the user’s, and a revoked user', () => {
      spec
        .given([created, { type: 'UserTokenReplaced', data: { userId: 'u1', tokenHash: HASH_B } }])
        .when(startSession('s1', NOW, HASH_A))
        .thenThrows(RuleViolationError, { code: 'user.token_not_current', field: 'token' });
      spec
        .given([created, { type: 'UserTokenRevoked', data: { userId: 'u1' } }])
        .when(startSession('s1'))
        .thenThrows(RuleViolationError, { code: 'user.token_not_current' });
      spec.given([]).when(startSession('s1')).thenThrows(NotFoundError, { code: 'user.not_found' });
    });

    it('ends a running session on sign-out, once', () => {
      spec
        .given([created, sessionAt('s1', NOW)])
        .when(endSession('s1', LATER))
        .then([{ type: 'UserSessionEnded', data: { userId: 'u1', sessionHash: 's1', reason: 'signed_out' } }]);
      spec
        .given([
          created,
          sessionAt('s1', NOW),
          { type: 'UserSessionEnded', data: { userId: 'u1', sessionHash: 's1', reason: 'signed_out' } },
        ])
        .when(endSession('s1', LATER))
        .thenNothing();
    });

    it('does nothing for a session that expired or that it never started', () => {
      spec
        .given([created, sessionAt('s1', NOW)])
        .when(endSession('s1', '2026-01-10T21:00:00.000Z'))
        .thenNothing();
      spec.given([created]).when(endSession('other')).thenNothing();
    });
  });

  it('folds a user: token, name, role, teams and the running sessions (those expired before a sign-in dropped)', () => {
    const events: UserEvent[] = [
      created,
      { type: 'UserTokenReplaced', data: { userId: 'u1', tokenHash: HASH_B } },
      { type: 'UserRenamed', data: { userId: 'u1', name: 'Ada King', previousName: 'Ada Lovelace' } },
      { type: 'UserRoleChanged', data: { userId: 'u1', role: 'viewer', previousRole: 'editor' } },
      { type: 'UserTeamsChanged', data: { userId: 'u1', teamIds: ['t1'], previousTeamIds: [] } },
      sessionAt('s-old', '2026-01-08T08:00:00.000Z'),
      sessionAt('s-ended', '2026-01-10T07:00:00.000Z'),
      { type: 'UserSessionEnded', data: { userId: 'u1', sessionHash: 's-ended', reason: 'signed_out' } },
      sessionAt('s-new', NOW),
    ];
    expect(userDecider.initialState()).toEqual({ exists: false });
    expect(fold(userDecider, events)).toEqual({
      exists: true,
      id: 'u1',
      tenantId: 'acme',
      name: 'Ada King',
      role: 'viewer',
      teamIds: ['t1'],
      tokenHash: HASH_B,
      sessions: { 's-new': '2026-01-10T21:00:00.000Z' },
    });
    expect(fold(userDecider, [...events, { type: 'UserTokenRevoked', data: { userId: 'u1' } }])).toMatchObject({ tokenHash: null });
    expect(fold(userDecider, [{ type: 'UserTokenReplaced', data: { userId: 'u1', tokenHash: HASH_B } }])).toEqual({ exists: false });
  });
});
