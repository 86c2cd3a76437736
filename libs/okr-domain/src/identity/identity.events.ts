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
/** A new token for the user: the previous one stops working. */
export type UserTokenReplaced = DomainEvent<'UserTokenReplaced', { userId: string; tokenHash: string }>;
/** The user's token stops working and no new one is issued: the user cannot sign in until an admin issues one. */
export type UserTokenRevoked = DomainEvent<'UserTokenRevoked', { userId: string }>;
export type UserRenamed = DomainEvent<'UserRenamed', { userId: string; name: string; previousName: string }>;
export type UserRoleChanged = DomainEvent<'UserRoleChanged', { userId: string; role: UserRole; previousRole: UserRole }>;
/** The teams the user belongs to, all of them (ids of the tenant's teams), and those before. */
export type UserTeamsChanged = DomainEvent<'UserTeamsChanged', { userId: string; teamIds: string[]; previousTeamIds: string[] }>;

/** How a session was started: with the user's bearer token (single sign-on will add its own method). */
export type SessionMethod = 'token';
/** Why a session ended before it expired. */
export type SessionEndReason = 'signed_out' | 'token_replaced' | 'token_revoked';
/**
 * A browser session of the user: sessionHash is the SHA-256 of the session's secret (the secret itself, which the
 * browser holds in a cookie, is never stored). The session works until expiresAt unless it ends before.
 */
export type UserSessionStarted = DomainEvent<
  'UserSessionStarted',
  { userId: string; sessionHash: string; method: SessionMethod; startedAt: string; expiresAt: string }
>;
export type UserSessionEnded = DomainEvent<'UserSessionEnded', { userId: string; sessionHash: string; reason: SessionEndReason }>;

export type UserEvent =
  | UserCreated
  | UserTokenReplaced
  | UserTokenRevoked
  | UserRenamed
  | UserRoleChanged
  | UserTeamsChanged
  | UserSessionStarted
  | UserSessionEnded;
