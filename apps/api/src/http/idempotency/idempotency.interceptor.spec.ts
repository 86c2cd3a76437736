import { Body, CanActivate, Controller, ExecutionContext, Get, HttpCode, Injectable, Logger, Post } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RuleViolationError } from '@okr/domain/common/errors';
import Database from 'better-sqlite3';
import { IsOptional } from 'class-validator';
import { createHash } from 'node:crypto';
import request from 'supertest';
import type { Principal, RequestWithPrincipal } from '../../auth/principal';
import { createHttpTestApp } from '../testing/http-test-app';
import { BoundedString, IsFiniteNumber } from '../validators';
import { canonicalJson, hashRequest, IDEMPOTENCY_STORE, IdempotencyInterceptor, idempotencyScope } from './idempotency.interceptor';
import { IdempotencyRecord, IdempotencyStore, InMemoryIdempotencyStore, SqliteIdempotencyStore } from '@okr/platform';

describe('idempotency helpers', () => {
  it('canonicalJson sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson({ a: undefined, b: new Date(0) })).toBe('{"b":"1970-01-01T00:00:00.000Z"}');
    expect(canonicalJson(undefined)).toBe('');
  });

  it('hashRequest is the SHA-256 of method, URL and canonical body', () => {
    const expected = createHash('sha256').update('POST\n/api/x?y=1\n{"a":1,"b":2}').digest('hex');
    expect(hashRequest('post', '/api/x?y=1', { b: 2, a: 1 })).toBe(expected);
    expect(hashRequest('POST', '/api/x', { a: 1 })).not.toBe(hashRequest('POST', '/api/y', { a: 1 }));
  });

  it('scopes keys by tenant and user, or anonymous', () => {
    const principal: Principal = { tenantId: 't1', userId: 'u1', name: 'Ann', role: 'editor' };
    expect(idempotencyScope({ principal })).toBe('t1:u1');
    expect(idempotencyScope({})).toBe('anonymous');
  });
});

class OrderDto {
  @IsFiniteNumber({ min: 1, max: 100 })
  qty!: number;

  @IsOptional()
  @IsFiniteNumber({ min: 0, max: 1000 })
  delayMs?: number;

  @IsOptional()
  @BoundedString(50)
  note?: string;
}

@Injectable()
class Calls {
  count = 0;
  inFlight = 0;
  maxInFlight = 0;
}

/** Stands in for the auth guard: x-user / x-tenant headers become request.principal. */
@Injectable()
class HeaderPrincipalGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<RequestWithPrincipal & { headers: Record<string, string | undefined> }>();
    const userId = req.headers['x-user'];
    if (userId) req.principal = { tenantId: req.headers['x-tenant'] ?? 't1', userId, name: userId, role: 'editor' };
    return true;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

@Controller('orders')
class OrdersController {
  constructor(private readonly calls: Calls) {}

  @Post()
  @HttpCode(201)
  async create(@Body() dto: OrderDto) {
    const n = ++this.calls.count;
    this.calls.maxInFlight = Math.max(this.calls.maxInFlight, ++this.calls.inFlight);
    try {
      if (dto.delayMs) await sleep(dto.delayMs);
    } finally {
      this.calls.inFlight--;
    }
    return { orderId: `order-${n}`, qty: dto.qty, createdAt: new Date(Date.UTC(2026, 0, 1)) };
  }

  @Post('accepted')
  @HttpCode(202)
  accepted() {
    this.calls.count++;
    return { queued: true };
  }

  @Post('no-content')
  @HttpCode(204)
  noContent(): void {
    this.calls.count++;
  }

  @Post('fail')
  fail() {
    this.calls.count++;
    throw new RuleViolationError('order.closed', 'Orders are closed');
  }

  @Get()
  list() {
    this.calls.count++;
    return [];
  }
}

async function createApp(store: IdempotencyStore): Promise<NestFastifyApplication> {
  const app = await createHttpTestApp({
    controllers: [OrdersController],
    providers: [
      Calls,
      { provide: IDEMPOTENCY_STORE, useValue: store },
      { provide: APP_GUARD, useClass: HeaderPrincipalGuard },
      IdempotencyInterceptor,
      { provide: APP_INTERCEPTOR, useExisting: IdempotencyInterceptor },
    ],
  });
  // Listening once lets concurrent supertest requests share the server.
  await app.listen(0, '127.0.0.1');
  return app;
}

describe('IdempotencyInterceptor in a real Nest + Fastify app', () => {
  let app: NestFastifyApplication;
  let store: InMemoryIdempotencyStore;
  let calls: Calls;
  let keySeq = 0;
  const newKey = () => `key-${++keySeq}-${Date.now()}`;

  beforeAll(async () => {
    store = new InMemoryIdempotencyStore();
    app = await createApp(store);
    calls = app.get(Calls);
  });
  afterAll(async () => {
    await app.close();
  });
  beforeEach(() => {
    calls.count = 0;
    calls.maxInFlight = 0;
  });
  afterEach(async () => {
    expect((await request(app.getHttpServer()).get('/api/orders')).status).toBe(200);
  });

  const post = (path: string, body: object | undefined, key?: string, user = 'u1') => {
    let req = request(app.getHttpServer()).post(`/api${path}`).set('x-user', user);
    if (key !== undefined) req = req.set('Idempotency-Key', key);
    return body === undefined ? req : req.send(body);
  };

  it('without a key, runs the handler every time', async () => {
    await post('/orders', { qty: 1 });
    await post('/orders', { qty: 1 });
    expect(calls.count).toBe(2);
    expect(store.size).toBe(0);
  });

  it('replays the first response for the same key and body, without running the handler again', async () => {
    const key = newKey();
    const first = await post('/orders', { qty: 2, note: 'x' }, key);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(first.body).toEqual({ orderId: 'order-1', qty: 2, createdAt: '2026-01-01T00:00:00.000Z' });

    const replay = await post('/orders', { note: 'x', qty: 2 }, key); // same body, other key order
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(calls.count).toBe(1);
  });

  it('answers 422 problem when the key is reused with a different body or URL', async () => {
    const key = newKey();
    await post('/orders', { qty: 2 }, key);
    const otherBody = await post('/orders', { qty: 3 }, key);
    expect(otherBody.status).toBe(422);
    expect(otherBody.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(otherBody.body).toMatchObject({
      status: 422,
      title: 'Idempotency-Key reused with a different request',
      code: 'idempotency_key.reused',
      instance: '/api/orders',
    });
    const otherUrl = await post('/orders/accepted', { qty: 2 }, key);
    expect(otherUrl.status).toBe(422);
    expect(calls.count).toBe(1);
  });

  it('runs concurrent requests with the same key once', async () => {
    const key = newKey();
    const [a, b, c] = await Promise.all([
      post('/orders', { qty: 5, delayMs: 60 }, key),
      post('/orders', { qty: 5, delayMs: 60 }, key),
      post('/orders', { qty: 5, delayMs: 60 }, key),
    ]);
    expect(calls.count).toBe(1);
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    expect(b.body).toEqual(a.body);
    expect(c.body).toEqual(a.body);
    expect([a, b, c].filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(2);
    // Locks are released once the requests are over.
    expect(app.get(IdempotencyInterceptor).pendingLocks).toBe(0);
  });

  it('does not serialise different keys', async () => {
    await Promise.all([post('/orders', { qty: 1, delayMs: 60 }, newKey()), post('/orders', { qty: 1, delayMs: 60 }, newKey())]);
    expect(calls.count).toBe(2);
    expect(calls.maxInFlight).toBe(2);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
    ['with a space', 'my key'],
    ['non-ASCII', 'clé-1'],
  ])('rejects a key that is %s with a 400 problem naming Idempotency-Key', async (_what, key) => {
    const res = await post('/orders', { qty: 1 }, key);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([{ field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 255 visible ASCII characters' }]);
    expect(calls.count).toBe(0);
  });

  it('accepts a key of 255 visible characters', async () => {
    const res = await post('/orders', { qty: 1 }, `${'k'.repeat(250)}!~"#$`);
    expect(res.status).toBe(201);
  });

  it('does not store errors: a retry after a failure runs the handler again', async () => {
    const key = newKey();
    expect((await post('/orders/fail', {}, key)).status).toBe(409);
    expect((await post('/orders/fail', {}, key)).status).toBe(409);
    expect(calls.count).toBe(2);
    // A validation failure is not stored either.
    expect((await post('/orders', { qty: 0 }, key)).status).toBe(400);
    expect(await store.find('t1:u1', key)).toBeUndefined();
  });

  it('replays the status set with @HttpCode (202, 204)', async () => {
    const key = newKey();
    expect((await post('/orders/accepted', {}, key)).status).toBe(202);
    const replay = await post('/orders/accepted', {}, key);
    expect(replay.status).toBe(202);
    expect(replay.body).toEqual({ queued: true });
    const noContentKey = newKey();
    expect((await post('/orders/no-content', undefined, noContentKey)).status).toBe(204);
    const noContentReplay = await post('/orders/no-content', undefined, noContentKey);
    expect(noContentReplay.status).toBe(204);
    expect(noContentReplay.text).toBe('');
    expect(calls.count).toBe(2);
    expect((await store.find('t1:u1', key))?.status).toBe(202);
  });

  it('scopes keys per tenant and user; a request without a caller (a public route) is neither recorded nor replayed', async () => {
    const key = newKey();
    await post('/orders', { qty: 1 }, key, 'u1');
    const otherUser = await post('/orders', { qty: 1 }, key, 'u2');
    expect(otherUser.headers['idempotent-replayed']).toBeUndefined();
    expect(calls.count).toBe(2);
    const anonymous = await request(app.getHttpServer()).post('/api/orders').set('Idempotency-Key', key).send({ qty: 1 });
    expect(anonymous.status).toBe(201);
    const again = await request(app.getHttpServer()).post('/api/orders').set('Idempotency-Key', key).send({ qty: 1 });
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(calls.count).toBe(4);
    expect(await store.find('anonymous', key)).toBeUndefined();
  });

  it('ignores the key on other methods than POST', async () => {
    const res = await request(app.getHttpServer()).get('/api/orders').set('Idempotency-Key', 'not checked here');
    expect(res.status).toBe(200);
  });
});

describe('IdempotencyInterceptor with other stores', () => {
  it('works on the SQLite store', async () => {
    const db = new Database(':memory:');
    const app = await createApp(new SqliteIdempotencyStore(db));
    try {
      const key = 'sqlite-key';
      const first = await request(app.getHttpServer()).post('/api/orders').set('x-user', 'u1').set('Idempotency-Key', key).send({ qty: 4 });
      const replay = await request(app.getHttpServer())
        .post('/api/orders')
        .set('x-user', 'u1')
        .set('Idempotency-Key', key)
        .send({ qty: 4 });
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);
      expect(app.get(Calls).count).toBe(1);
      expect(db.prepare('SELECT scope, key, status FROM idempotency_records').all()).toEqual([{ scope: 't1:u1', key, status: 201 }]);
    } finally {
      await app.close();
      db.close();
    }
  });

  it('still answers the handler’s response when saving the record fails (and logs it)', async () => {
    const errorLog = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const failing: IdempotencyStore = {
      find: async () => undefined,
      save: async (_record: IdempotencyRecord) => {
        throw new Error('disk full');
      },
    };
    const app = await createApp(failing);
    try {
      const res = await request(app.getHttpServer()).post('/api/orders').set('x-user', 'u1').set('Idempotency-Key', 'k').send({ qty: 1 });
      expect(res.status).toBe(201);
      expect(errorLog).toHaveBeenCalled();
    } finally {
      await app.close();
      errorLog.mockRestore();
    }
  });
});
