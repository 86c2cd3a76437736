import { CheckInCadence } from '../cadence/check-in-cadence';
import { UserRole } from './identity.events';

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
