import type { Client } from 'openapi-fetch';
import { api } from '../../api/client';
import type { Role } from '../../api/views';

/**
 * The identity routes the admin screen uses, per issue 14's contract (apps/api/src/identity, built beside this
 * screen): typed here because this branch's generated schema.d.ts has not got them (or their answers) yet. The
 * generated types replace this file.
 */
export interface AdminUser {
  id: string;
  name: string;
  role: Role;
  teamIds: string[];
  /** false once the token was revoked (until an admin issues a new one). */
  hasToken?: boolean;
}

export interface WriteAnswer {
  version: number;
  position: number;
}

/** A token, answered this once (only its hash is kept). */
export interface TokenAnswer extends WriteAnswer {
  token: string;
}

type Json<T> = { content: { 'application/json': T } };
type UserPath = { path: { id: string } };

interface IdentityPaths {
  '/users': {
    get: { parameters: object; responses: { 200: Json<{ items: AdminUser[] }> } };
    post: { parameters: object; requestBody: Json<{ name: string; role: Role }>; responses: { 201: Json<TokenAnswer & { id: string }> } };
  };
  '/users/{id}': {
    patch: {
      parameters: UserPath;
      requestBody: Json<{ name?: string; role?: Role; teamIds?: string[] }>;
      responses: { 200: Json<WriteAnswer> };
    };
  };
  '/users/{id}/token': {
    post: { parameters: UserPath; responses: { 200: Json<TokenAnswer> } };
    delete: { parameters: UserPath; responses: { 204: { content?: never } } };
  };
}

/** The app's one client (same cookie, same CSRF header), seen through the types above. */
export const identityApi = api as unknown as Client<IdentityPaths>;
