import { UserRole } from './identity.events';

export interface CreateTenant {
  type: 'CreateTenant';
  now: string;
  data: { tenantId: string; name: string };
}
export type TenantCommand = CreateTenant;

export interface CreateUser {
  type: 'CreateUser';
  now: string;
  data: { userId: string; tenantId: string; name: string; role: UserRole; tokenHash: string };
}
export interface ReplaceUserToken {
  type: 'ReplaceUserToken';
  now: string;
  data: { userId: string; tokenHash: string };
}
export type UserCommand = CreateUser | ReplaceUserToken;
