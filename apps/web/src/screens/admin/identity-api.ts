import type { Schemas } from '../../api/client';

/** The identity routes' answers the admin screen reads, as the OpenAPI document gives them (apps/api/src/identity). */
export type AdminUser = Schemas['UserListItem'];
/** A token, answered this once (only its hash is kept). */
export type TokenAnswer = Schemas['TokenIssuedResponse'];
export type CreatedUser = Schemas['CreatedUserDto'];
