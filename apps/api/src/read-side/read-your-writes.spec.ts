import { CanActivate, Controller, ExecutionContext, Get, HttpCode, Injectable, Post, Delete } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ProjectionsService } from '@okr/platform';
import request from 'supertest';
import type { Principal, RequestWithPrincipal } from '../auth/principal';
import { createHttpTestApp } from '../http/testing/http-test-app';
import { LastWrites } from './last-writes';
import { ProjectionPositionInterceptor } from './projection-position.interceptor';

const ann: Principal = { tenantId: 't1', userId: 'ann', name: 'Ann', role: 'editor' };

describe('LastWrites', () => {
  it("keeps each caller's latest position: a later write never gives way to an earlier one", () => {
    const writes = new LastWrites();
    expect(writes.of(ann)).toBeUndefined();
    writes.record(ann, 10);
    writes.record(ann, 7);
    expect(writes.of(ann)).toBe(10);
    writes.record(ann, 12);
    expect(writes.of(ann)).toBe(12);
  });

  it('is one caller per user of a tenant (token or session, whatever the name or role)', () => {
    const writes = new LastWrites();
    writes.record(ann, 5);
    expect(writes.of({ ...ann, name: 'Ann B.', role: 'admin' })).toBe(5);
    expect(writes.of({ ...ann, userId: 'bob' })).toBeUndefined();
    expect(writes.of({ ...ann, tenantId: 't2' })).toBeUndefined();
  });
});

/** The read models' position, moved by the test; waits settle when it gets there (or are refused). */
class FakeProjections {
  at = 0;
  refuse = false;
  readonly waits: number[] = [];
  private readonly waiting: { position: number; resolve: (ok: boolean) => void }[] = [];

  position(): Promise<number> {
    return Promise.resolve(this.at);
  }

  waitFor(position: number): Promise<boolean> {
    this.waits.push(position);
    if (this.refuse) return Promise.resolve(false);
    if (this.at >= position) return Promise.resolve(true);
    return new Promise((resolve) => this.waiting.push({ position, resolve }));
  }

  moveTo(position: number): void {
    this.at = position;
    for (const w of this.waiting.filter((w) => w.position <= position)) w.resolve(true);
  }
}

@Injectable()
class Reads {
  count = 0;
}

/** Stands in for the auth guard: the x-user / x-tenant headers become request.principal. */
@Injectable()
class HeaderPrincipalGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<RequestWithPrincipal & { headers: Record<string, string | undefined> }>();
    const userId = req.headers['x-user'];
    if (userId) req.principal = { tenantId: req.headers['x-tenant'] ?? 't1', userId, name: userId, role: 'editor' };
    return true;
  }
}

@Controller('things')
class ThingsController {
  constructor(private readonly reads: Reads) {}

  @Post()
  @HttpCode(201)
  create() {
    return { id: 'thing', version: 1, position: 7 };
  }

  @Delete()
  @HttpCode(204)
  remove(): void {}

  @Get()
  list() {
    this.reads.count++;
    return { items: [] };
  }
}

describe('ProjectionPositionInterceptor: each caller reads their own writes', () => {
  let app: NestFastifyApplication;
  let projections: FakeProjections;
  let reads: Reads;

  beforeEach(async () => {
    app = await createHttpTestApp({
      controllers: [ThingsController],
      providers: [
        Reads,
        LastWrites,
        { provide: ProjectionsService, useClass: FakeProjections },
        { provide: APP_GUARD, useClass: HeaderPrincipalGuard },
        { provide: APP_INTERCEPTOR, useClass: ProjectionPositionInterceptor },
      ],
    });
    projections = app.get(ProjectionsService) as unknown as FakeProjections;
    reads = app.get(Reads);
  });
  afterEach(async () => {
    await app.close();
  });

  it("makes the writer's next read wait until the read models include the write", async () => {
    await request(app.getHttpServer()).post('/api/things').set('x-user', 'ann').expect(201);
    const read = request(app.getHttpServer())
      .get('/api/things')
      .set('x-user', 'ann')
      .then((res) => res);
    while (projections.waits.length === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(projections.waits).toEqual([7]);
    expect(reads.count).toBe(0);
    projections.moveTo(7);
    const res = await read;
    expect(res.status).toBe(200);
    expect(res.headers['x-projection-position']).toBe('7');
    expect(reads.count).toBe(1);
  });

  it("does not make another caller's reads wait, nor the same user's in another tenant", async () => {
    await request(app.getHttpServer()).post('/api/things').set('x-user', 'ann').expect(201);
    await request(app.getHttpServer()).get('/api/things').set('x-user', 'bob').expect(200);
    await request(app.getHttpServer()).get('/api/things').set('x-user', 'ann').set('x-tenant', 't2').expect(200);
    await request(app.getHttpServer()).get('/api/things').expect(200);
    expect(projections.waits).toEqual([]);
    expect(reads.count).toBe(3);
  });

  it('waits for the later of X-Min-Position and the last write', async () => {
    await request(app.getHttpServer()).post('/api/things').set('x-user', 'ann').expect(201);
    projections.moveTo(20);
    await request(app.getHttpServer()).get('/api/things').set('x-user', 'ann').set('X-Min-Position', '3').expect(200);
    await request(app.getHttpServer()).get('/api/things').set('x-user', 'ann').set('X-Min-Position', '15').expect(200);
    expect(projections.waits).toEqual([7, 15]);
  });

  it('answers 503 with Retry-After, as X-Min-Position does, when the read models do not get there in time', async () => {
    await request(app.getHttpServer()).post('/api/things').set('x-user', 'ann').expect(201);
    projections.refuse = true;
    const res = await request(app.getHttpServer()).get('/api/things').set('x-user', 'ann').expect(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.detail).toContain('position 7 (your last write)');
    expect(reads.count).toBe(0);
  });

  it('remembers nothing from a write answering no position', async () => {
    await request(app.getHttpServer()).delete('/api/things').set('x-user', 'ann').expect(204);
    await request(app.getHttpServer()).get('/api/things').set('x-user', 'ann').expect(200);
    expect(projections.waits).toEqual([]);
  });
});
