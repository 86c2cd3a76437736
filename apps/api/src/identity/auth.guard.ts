import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Directory, UserEntry } from '../application/directory';
import { PUBLIC_ROUTE, REQUIRED_ROLE } from '../auth/auth.decorators';
import { Principal, RequestWithPrincipal, Role } from '../auth/principal';
import { SAFE_METHODS, Sessions } from './sessions';
import { hashToken } from './token';

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** The principal of an authenticated user. */
export function principalOf(user: UserEntry): Principal {
  return { tenantId: user.tenantId, userId: user.id, name: user.name, role: user.role };
}

/**
 * Authenticates the caller, by `Authorization: Bearer <token>` or, without that header, by the `okr_session` cookie
 * of a browser session (whose writes must carry X-CSRF-Token), against the users and sessions known to the event log;
 * and enforces roles: reads need any role, writes need editor (or the route's @RequireRole).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly directory: Directory,
    private readonly sessions: Sessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithPrincipal>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const user = await this.authenticate(request, reply);
    const principal = principalOf(user);
    request.principal = principal;
    const required =
      this.reflector.getAllAndOverride<Role>(REQUIRED_ROLE, targets) ?? (SAFE_METHODS.includes(request.method) ? 'viewer' : 'editor');
    if (RANK[principal.role] < RANK[required]) {
      throw new ForbiddenException(`This needs the ${required} role; you are ${principal.role}`);
    }
    return true;
  }

  /** The bearer token's user when the request has an Authorization header (it wins), else the session cookie's. */
  private async authenticate(request: FastifyRequest & RequestWithPrincipal, reply: FastifyReply): Promise<UserEntry> {
    const header: unknown = request.headers?.authorization;
    if (header !== undefined) {
      const match = typeof header === 'string' ? /^Bearer\s+(\S{1,512})\s*$/i.exec(header) : null;
      if (!match) {
        reply.header?.('WWW-Authenticate', 'Bearer');
        throw new UnauthorizedException('A bearer token is required: Authorization: Bearer <token>');
      }
      await this.catchUp(request);
      const user = this.directory.userOfToken(hashToken(match[1]));
      if (user) return user;
      reply.header?.('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new UnauthorizedException('The bearer token is not valid');
    }
    const secret = this.sessions.secretOf(request);
    if (secret === undefined) {
      reply.header?.('WWW-Authenticate', 'Bearer');
      throw new UnauthorizedException('Sign in: send Authorization: Bearer <token>, or the session cookie that POST /api/session sets');
    }
    await this.catchUp(request);
    const user = this.sessions.userOf(secret);
    if (!user) throw new UnauthorizedException('The session has ended or expired: sign in again (POST /api/session)');
    if (!SAFE_METHODS.includes(request.method)) this.sessions.checkCsrf(request, secret);
    return user;
  }

  /** The Directory caught up with every write acknowledged before the request. */
  private async catchUp(request: RequestWithPrincipal): Promise<void> {
    // Marked before refreshing: the request's command may skip its own refresh after this one (refreshSince).
    request.directoryMark = this.directory.mark();
    await this.directory.refresh();
  }
}
