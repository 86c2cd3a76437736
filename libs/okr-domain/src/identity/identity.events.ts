import { CheckInCadence } from '../cadence/check-in-cadence';
import { DomainEvent } from '../common/decider';

export type UserRole = 'admin' | 'editor' | 'viewer';
export const USER_ROLES: readonly UserRole[] = ['admin', 'editor', 'viewer'];

export type TenantCreated = DomainEvent<'TenantCreated', { tenantId: string; name: string }>;
/** The cadence of every key result of the tenant that has none of its own (before any: DEFAULT_CHECK_IN_CADENCE). */
export type TenantCheckInCadenceChanged = DomainEvent<
  'TenantCheckInCadenceChanged',
  { tenantId: string; checkInCadence: CheckInCadence; previousCheckInCadence: CheckInCadence }
>;
export type TenantEvent = TenantCreated | TenantCheckInCadenceChanged;

/** tokenHash: SHA-256 of the bearer token (the token itself is never stored). */
export type UserCreated = DomainEvent<'UserCreated', { userId: string; tenantId: string; name: string; role: UserRole; tokenHash: string }>;
export type UserTokenReplaced = DomainEvent<'UserTokenReplaced', { userId: string; tokenHash: string }>;
export type UserEvent = UserCreated | UserTokenReplaced;
