import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SqliteEventStore } from '@okr/event-store';
import { SqliteIdempotencyStore } from '@okr/platform';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApiApp } from '../apps/api/src/create-api-app';
import { ADMIN_TOKEN } from './support/test-api';

/** The API serves the built web app (dist/web) from the same process: its files, and index.html for the app's routes. */
describe('the web app served by the API', () => {
  const dir = mkdtempSync(join(tmpdir(), 'okr-web-serving-'));
  const webRoot = join(dir, 'web');
  const store = SqliteEventStore.open({ filePath: join(dir, 'okr.db') });
  let app: NestFastifyApplication;
  const INDEX = '<!doctype html><title>OKR</title><script type="module" src="/assets/index-4f3a2b1c.js"></script>';

  beforeAll(async () => {
    mkdirSync(join(webRoot, 'assets'), { recursive: true });
    writeFileSync(join(webRoot, 'index.html'), INDEX);
    writeFileSync(join(webRoot, 'assets/index-4f3a2b1c.js'), 'console.log("app");');
    writeFileSync(join(webRoot, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(dir, 'secret.txt'), 'outside the web root');
    ({ app } = await createApiApp({
      eventStore: store,
      idempotencyStore: new SqliteIdempotencyStore(store.database),
      adminToken: ADMIN_TOKEN,
      logLevels: false,
      webRoot,
    }));
  });

  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (path: string) => request(app.getHttpServer()).get(path);

  it('answers / with index.html, never cached without asking, under a same-origin content security policy', async () => {
    const res = await get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toBe(INDEX);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it("answers the app's own routes (any GET outside /api that is not a file) with index.html", async () => {
    for (const path of ['/alignment', '/alignment?cycle=c1&asOf=2026-02-01', '/objectives/o-1/history', '/sign-in']) {
      const res = await get(path).expect(200);
      expect(res.text).toBe(INDEX);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets for a year, other files revalidated', async () => {
    const asset = await get('/assets/index-4f3a2b1c.js').expect(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.text).toBe('console.log("app");');
    const icon = await get('/favicon.svg').expect(200);
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('revalidates index.html with its ETag (304)', async () => {
    const first = await get('/').expect(200);
    await get('/alignment').set('If-None-Match', first.headers.etag).expect(304);
  });

  it('keeps the API its own: unknown /api routes are problem+json 404s, API routes answer as before', async () => {
    const missing = await get('/api/no-such-route').expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    await get('/api').expect(404);
    await get('/api/health').expect(200);
    await request(app.getHttpServer()).get('/api/cycles').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);
  });

  it('never serves a file outside the web root', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await get(path);
      expect(res.text).not.toContain('outside the web root');
    }
  });

  it('says how to build the web app when it is not built, and the API still works', async () => {
    const other = SqliteEventStore.open({ filePath: join(dir, 'other.db') });
    const { app: unbuilt } = await createApiApp({
      eventStore: other,
      idempotencyStore: new SqliteIdempotencyStore(other.database),
      adminToken: ADMIN_TOKEN,
      logLevels: false,
      webRoot: join(dir, 'not-built'),
    });
    try {
      const res = await request(unbuilt.getHttpServer()).get('/').expect(404);
      expect(res.text).toContain('npm run build');
      await request(unbuilt.getHttpServer()).get('/api/health').expect(200);
    } finally {
      await unbuilt.close();
      await other.close();
    }
  });
});
