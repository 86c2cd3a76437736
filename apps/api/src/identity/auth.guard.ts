import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Directory } from '../application/directory';
import { PUBLIC_ROUTE, REQUIRED_ROLE } from '../auth/auth.decorators';
import { Principal, RequestWithPrincipal, Role } from '../auth/principal';
import { hashToken } from './token';

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/**
 * Authenticates `Authorization: Bearer <token>` against the users known to the event log, and enforces
 * roles: reads need any role, writes need editor (or the route's @RequireRole).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly directory: Directory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithPrincipal>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const header: unknown = request.headers?.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S{1,512})\s*$/i.exec(header) : null;
    if (!match) {
      reply.header?.('WWW-Authenticate', 'Bearer');
      throw new UnauthorizedException('A bearer token is required: Authorization: Bearer <token>');
    }
    // Marked before refreshing: the request's command may skip its own refresh after this one (refreshSince).
    request.directoryMark = this.directory.mark();
    await this.directory.refresh();
    const userId = this.directory.usersByTokenHash.get(hashToken(match[1]));
    const user = userId ? this.directory.users.get(userId) : undefined;
    if (!user) {
      reply.header?.('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new UnauthorizedException('The bearer token is not valid');
    }
    const principal: Principal = { tenantId: user.tenantId, userId: user.id, name: user.name, role: user.role };
    request.principal = principal;
    const required =
      this.reflector.getAllAndOverride<Role>(REQUIRED_ROLE, targets) ??
      (['GET', 'HEAD', 'OPTIONS'].includes(request.method) ? 'viewer' : 'editor');
    if (RANK[principal.role] < RANK[required]) {
      throw new ForbiddenException(`This needs the ${required} role; you are ${principal.role}`);
    }
    return true;
  }
}
