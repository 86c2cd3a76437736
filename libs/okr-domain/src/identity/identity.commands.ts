import { CheckInCadence } from '../cadence/check-in-cadence';
import { SessionMethod, UserRole } from './identity.events';

export interface CreateTenant {
  type: 'CreateTenant';
  now: string;
  data: { tenantId: string; name: string };
}
export interface ChangeTenantCheckInCadence {
  type: 'ChangeTenantCheckInCadence';
  now: string;
  data: { tenantId: string; checkInCadence: CheckInCadence };
}
export type TenantCommand = CreateTenant | ChangeTenantCheckInCadence;

/**
 * What the application knows of the user's tenant for a decision that may leave it without an admin: how many
 * admins of the tenant other than this user hold a token (can sign in).
 */
export interface OtherAdmins {
  otherAdmins: number;
}

export interface CreateUser {
  type: 'CreateUser';
  now: string;
  data: { userId: string; tenantId: string; name: string; role: UserRole; tokenHash: string };
}
export interface RenameUser {
  type: 'RenameUser';
  now: string;
  data: { userId: string; name: string };
}
export interface ChangeUserRole {
  type: 'ChangeUserRole';
  now: string;
  data: { userId: string; role: UserRole };
  context: OtherAdmins;
}
/** The teams the user belongs to, all of them: ids the application found among the tenant's teams. */
export interface SetUserTeams {
  type: 'SetUserTeams';
  now: string;
  data: { userId: string; teamIds: readonly string[] };
}
/** A new token (its hash; the token is made outside the domain): the old one and every session stop working. */
export interface ReplaceUserToken {
  type: 'ReplaceUserToken';
  now: string;
  data: { userId: string; tokenHash: string };
}
/** The token and every session stop working; no new token. */
export interface RevokeUserToken {
  type: 'RevokeUserToken';
  now: string;
  data: { userId: string };
  context: OtherAdmins;
}
/**
 * A browser session for a user already authenticated: the session's hash (its secret is made outside the domain) and
 * the credential it was started with (with a token: the hash of the token presented, which must still be the user's).
 */
export interface StartSession {
  type: 'StartSession';
  now: string;
  data: { userId: string; sessionHash: string; credential: { method: SessionMethod; tokenHash: string } };
}
/** Sign-out: the session ends (nothing to do when it is over already). */
export interface EndSession {
  type: 'EndSession';
  now: string;
  data: { userId: string; sessionHash: string };
}
export type UserCommand =
  CreateUser | RenameUser | ChangeUserRole | SetUserTeams | ReplaceUserToken | RevokeUserToken | StartSession | EndSession;
