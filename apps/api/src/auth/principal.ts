/** The authenticated caller, attached to the request by the auth guard as `request.principal`. */
export type Role = 'admin' | 'editor' | 'viewer';

export interface Principal {
  tenantId: string;
  userId: string;
  name: string;
  role: Role;
}

export interface RequestWithPrincipal {
  principal?: Principal;
}
