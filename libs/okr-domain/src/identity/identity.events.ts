import { DomainEvent } from '../common/decider';

export type UserRole = 'admin' | 'editor' | 'viewer';
export const USER_ROLES: readonly UserRole[] = ['admin', 'editor', 'viewer'];

export type TenantCreated = DomainEvent<'TenantCreated', { tenantId: string; name: string }>;
export type TenantEvent = TenantCreated;

/** tokenHash: SHA-256 of the bearer token (the token itself is never stored). */
export type UserCreated = DomainEvent<'UserCreated', { userId: string; tenantId: string; name: string; role: UserRole; tokenHash: string }>;
export type UserTokenReplaced = DomainEvent<'UserTokenReplaced', { userId: string; tokenHash: string }>;
export type UserEvent = UserCreated | UserTokenReplaced;
