import '@fastify/cookie';
import { ForbiddenException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, problem } from '@okr/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { Directory, UserEntry } from '../application/directory';
import { csrfTokenOf, hashToken } from './token';

export const SESSION_COOKIE = 'okr_session';
export const CSRF_COOKIE = 'okr_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';
/** Methods that change nothing: no CSRF token needed. */
export const SAFE_METHODS: readonly string[] = ['GET', 'HEAD', 'OPTIONS'];

/**
 * Browser sessions over cookies: `okr_session` carries the session's secret (HttpOnly), `okr_csrf` its CSRF token
 * (readable by the page's scripts, sent back as X-CSRF-Token on writes). Both SameSite=Strict, Path=/, Secure when the
 * request came over TLS, for the session's lifetime. Which sessions run is in the event log (the Directory's fold).
 */
@Injectable()
export class Sessions {
  constructor(
    private readonly directory: Directory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The session secret of the request's `okr_session` cookie, if it has one. */
  secretOf(request: FastifyRequest): string | undefined {
    const secret = request.cookies?.[SESSION_COOKIE];
    return secret ? secret : undefined;
  }

  /** The user of the running session with this secret, else undefined (the Directory must be caught up first). */
  userOf(secret: string): UserEntry | undefined {
    return this.directory.userOfSession(hashToken(secret), this.clock.now());
  }

  /** A write under a session cookie must carry the session's CSRF token in X-CSRF-Token: else 403. */
  checkCsrf(request: FastifyRequest, secret: string): void {
    const sent = request.headers[CSRF_HEADER.toLowerCase()];
    const expected = Buffer.from(csrfTokenOf(secret));
    const given = typeof sent === 'string' ? Buffer.from(sent) : undefined;
    if (given && given.length === expected.length && timingSafeEqual(given, expected)) return;
    const message = `${CSRF_HEADER} must be sent, equal to the ${CSRF_COOKIE} cookie, with every request that is not GET, HEAD or OPTIONS under a session cookie`;
    throw new ForbiddenException(
      problem(HttpStatus.FORBIDDEN, { detail: message, code: 'csrf.token_missing', errors: [{ field: CSRF_HEADER, message }] }),
    );
  }

  /** Sets both cookies of a session that expires at `expiresAt`. */
  setCookies(reply: FastifyReply, secret: string, expiresAt: string): void {
    const maxAge = Math.max(0, Math.floor((Date.parse(expiresAt) - this.clock.now().getTime()) / 1000));
    const options = { path: '/', sameSite: 'strict', secure: 'auto', maxAge } as const;
    reply.setCookie(SESSION_COOKIE, secret, { ...options, httpOnly: true });
    reply.setCookie(CSRF_COOKIE, csrfTokenOf(secret), options);
  }

  /** Tells the browser to forget both cookies. */
  clearCookies(reply: FastifyReply): void {
    const options = { path: '/', sameSite: 'strict', secure: 'auto' } as const;
    reply.clearCookie(SESSION_COOKIE, { ...options, httpOnly: true });
    reply.clearCookie(CSRF_COOKIE, options);
  }
}
