/** The authenticated caller, attached to the request by the auth guard as `request.principal`. */
export type Role = 'admin' | 'editor' | 'viewer';

export interface Principal {
  tenantId: string;
  userId: string;
  name: string;
  role: Role;
}

/** What the auth guard attaches to a request it lets through. */
export interface RequestWithPrincipal {
  principal?: Principal;
  /** The Directory's mark taken before the guard's refresh (see Directory.refreshSince). */
  directoryMark?: number;
}
