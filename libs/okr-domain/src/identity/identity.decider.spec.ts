import { fold } from '../common/decider';
import { InvalidInputError, NotFoundError, RuleViolationError } from '../common/errors';
import { DeciderSpecification } from '../testing/decider-specification';
import { CheckInCadence } from '../cadence/check-in-cadence';
import { ChangeTenantCheckInCadence, CreateTenant, CreateUser, ReplaceUserToken } from './identity.commands';
import { TenantCheckInCadenceChanged, TenantCreated, UserCreated, UserRole } from './identity.events';
import { tenantDecider } from './tenant.decider';
import { userDecider } from './user.decider';

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
  const replaceToken = (tokenHash: string): ReplaceUserToken => ({ type: 'ReplaceUserToken', now: NOW, data: { userId: 'u1', tokenHash } });
  const created: UserCreated = {
    type: 'UserCreated',
    data: { userId: 'u1', tenantId: 'acme', name: 'Ada Lovelace', role: 'editor', tokenHash: HASH_A },
  };

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

    it('refuses an unknown user', () => {
      spec.given([]).when(replaceToken(HASH_B)).thenThrows(NotFoundError, { code: 'user.not_found' });
    });
  });

  it('folds creation and token replacement', () => {
    expect(userDecider.initialState()).toEqual({ exists: false });
    expect(fold(userDecider, [created, { type: 'UserTokenReplaced', data: { userId: 'u1', tokenHash: HASH_B } }])).toEqual({
      exists: true,
      id: 'u1',
      tenantId: 'acme',
      name: 'Ada Lovelace',
      role: 'editor',
      tokenHash: HASH_B,
    });
    expect(fold(userDecider, [{ type: 'UserTokenReplaced', data: { userId: 'u1', tokenHash: HASH_B } }])).toEqual({ exists: false });
  });
});
