import { SetMetadata, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Principal, Role } from './principal';

export const PUBLIC_ROUTE = 'okr:public';
export const REQUIRED_ROLE = 'okr:role';

/** The route needs no token (health). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The route needs at least this role (admin > editor > viewer). Writes need editor by default. */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

/** The authenticated caller. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest().principal;
});
