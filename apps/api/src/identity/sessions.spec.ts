import fastifyCookie from '@fastify/cookie';
import { ForbiddenException } from '@nestjs/common';
import { InMemoryEventStore } from '@okr/event-store';
import { ManualClock } from '@okr/platform';
import Fastify, { FastifyRequest } from 'fastify';
import { Directory } from '../application/directory';
import { CSRF_COOKIE, SESSION_COOKIE, Sessions } from './sessions';
import { csrfTokenOf } from './token';

describe('Sessions', () => {
  const clock = new ManualClock('2026-02-01T08:00:00.000Z');
  const sessions = new Sessions(new Directory(new InMemoryEventStore()), clock);

  async function cookiesSet(tls: boolean): Promise<string[]> {
    const fastify = Fastify();
    await fastify.register(fastifyCookie);
    fastify.addHook('onRequest', (request, _reply, done) => {
      // As a request that came over TLS (fastify reads request.protocol from the socket).
      if (tls) (request.raw.socket as { encrypted?: boolean }).encrypted = true;
      done();
    });
    fastify.post('/session', (_request, reply) => {
      sessions.setCookies(reply, 'the-secret', '2026-02-01T20:00:00.000Z');
      return reply.send({});
    });
    const res = await fastify.inject({ method: 'POST', url: '/session' });
    await fastify.close();
    return res.headers['set-cookie'] as string[];
  }

  it('sets the session cookie HttpOnly and the CSRF cookie readable, both SameSite=Strict for the session’s lifetime', async () => {
    expect(await cookiesSet(false)).toEqual([
      `${SESSION_COOKIE}=the-secret; Max-Age=43200; Path=/; HttpOnly; SameSite=Strict`,
      `${CSRF_COOKIE}=${csrfTokenOf('the-secret')}; Max-Age=43200; Path=/; SameSite=Strict`,
    ]);
  });

  it('marks both Secure when the request came over TLS', async () => {
    const cookies = await cookiesSet(true);
    expect(cookies).toHaveLength(2);
    for (const cookie of cookies) expect(cookie.split('; ')).toContain('Secure');
  });

  it('accepts a write whose X-CSRF-Token is the session’s CSRF token, and refuses any other with 403 naming the header', () => {
    const withHeader = (value?: string) => ({ headers: value === undefined ? {} : { 'x-csrf-token': value } }) as unknown as FastifyRequest;
    expect(() => sessions.checkCsrf(withHeader(csrfTokenOf('the-secret')), 'the-secret')).not.toThrow();
    for (const wrong of [undefined, '', 'guess', csrfTokenOf('another-secret'), `${csrfTokenOf('the-secret')}x`]) {
      let thrown: unknown;
      try {
        sessions.checkCsrf(withHeader(wrong), 'the-secret');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ForbiddenException);
      expect((thrown as ForbiddenException).getResponse()).toMatchObject({
        status: 403,
        code: 'csrf.token_missing',
        errors: [{ field: 'X-CSRF-Token', message: expect.stringContaining(CSRF_COOKIE) }],
      });
    }
  });
});
