import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { BODY_LIMIT_BYTES, configureHttp, createFastifyAdapter, DOCS_JSON_PATH, DOCS_PATH } from './configure-http';
import { ThingsController, validThing } from './testing/http-test-app';

describe('createFastifyAdapter', () => {
  it('limits bodies to 1 MiB and bounds request time', () => {
    const config = createFastifyAdapter().getInstance().initialConfig as { bodyLimit?: number; requestTimeout?: number };
    expect(BODY_LIMIT_BYTES).toBe(1_048_576);
    expect(config.bodyLimit).toBe(1_048_576);
    expect(config.requestTimeout).toBeGreaterThan(0);
  });

  it('does not trust X-Forwarded-For', async () => {
    const fastify = createFastifyAdapter().getInstance();
    fastify.get('/ip', async (req) => ({ ip: req.ip }));
    const res = await fastify.inject({ url: '/ip', remoteAddress: '10.0.0.7', headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(res.json()).toEqual({ ip: '10.0.0.7' });
    await fastify.close();
  });
});

describe('configureHttp', () => {
  let app: NestFastifyApplication;
  let shutdownHooks: jest.SpyInstance;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ThingsController] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { logger: false });
    shutdownHooks = jest.spyOn(app, 'enableShutdownHooks');
    configureHttp(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app.close();
  });

  const server = () => app.getHttpServer();

  it('serves routes under /api only', async () => {
    expect((await request(server()).get('/api/things/ok')).status).toBe(200);
    const unprefixed = await request(server()).get('/things/ok');
    expect(unprefixed.status).toBe(404);
    expect(unprefixed.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('installs the problem filter and the validation pipe globally', async () => {
    const res = await request(server())
      .post('/api/things')
      .send(validThing({ extra: 1 }));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'extra', message: 'property extra should not exist' }]);
  });

  it('enables shutdown hooks', () => {
    expect(shutdownHooks).toHaveBeenCalled();
  });

  it('serves the OpenAPI JSON at /api/docs-json with the routes (relative to the server /api), a bearer token or a session cookie', async () => {
    expect(DOCS_JSON_PATH).toBe('/api/docs-json');
    const res = await request(server()).get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.servers).toEqual([{ url: '/api' }]);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/things', '/things/ok']));
    expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(res.body.security).toEqual([{ bearer: [] }, { session: [] }]);
  });

  it('serves the Swagger UI page at /api/docs and its assets', async () => {
    expect(DOCS_PATH).toBe('/api/docs');
    const page = await request(server()).get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('swagger-ui');
    const css = await request(server()).get('/api/docs/swagger-ui.css');
    expect(css.status).toBe(200);
    expect(css.text.length).toBeGreaterThan(1000);
  });

  it('can leave OpenAPI and shutdown hooks out', async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ThingsController] }).compile();
    const bare = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { logger: false });
    const hooks = jest.spyOn(bare, 'enableShutdownHooks');
    configureHttp(bare, { swagger: false, shutdownHooks: false });
    await bare.init();
    await bare.getHttpAdapter().getInstance().ready();
    try {
      expect((await request(bare.getHttpServer()).get('/api/docs-json')).status).toBe(404);
      expect(hooks).not.toHaveBeenCalled();
    } finally {
      await bare.close();
    }
  });
});
