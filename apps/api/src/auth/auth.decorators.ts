import { SetMetadata, createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Principal, RequestWithPrincipal, Role } from './principal';

export const PUBLIC_ROUTE = 'okr:public';
export const REQUIRED_ROLE = 'okr:role';

/** The route needs no token (health). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The route needs at least this role (admin > editor > viewer). Writes need editor by default. */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

/** The authenticated caller. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<RequestWithPrincipal>().principal!;
});

/** A request the auth guard let through: its caller, the Directory's mark, its headers (If-Match, X-Correlation-Id…). */
export type AuthenticatedRequest = FastifyRequest & RequestWithPrincipal & { principal: Principal };

/** The request of a command route, as CommandContextFactory.fromRequest reads it (behind the auth guard). */
export const CommandRequest = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthenticatedRequest => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest & RequestWithPrincipal>();
  if (!request.principal) throw new Error('@CommandRequest() on a route that the auth guard did not authenticate');
  return request as AuthenticatedRequest;
});
