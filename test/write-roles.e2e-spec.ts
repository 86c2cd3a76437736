import request from 'supertest';
import { TestApi, startTestApi } from './support/test-api';

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;
type WriteMethod = (typeof WRITE_METHODS)[number];
/** Public writes: signing in and out (they authenticate by themselves). */
const PUBLIC_WRITES = new Set(['post /api/session', 'delete /api/session']);
/** Writes for admins only. */
const ADMIN_WRITES = [
  'post /api/users',
  'post /api/tenants',
  'patch /api/users/{id}',
  'post /api/users/{id}/token',
  'delete /api/users/{id}/token',
  'post /api/cycles/{id}/close',
];

interface Route {
  method: WriteMethod;
  path: string;
  /** The path with every parameter filled in. */
  url: string;
}

/** Every write operation the API documents (its OpenAPI document lists every route). */
async function writeRoutes(api: TestApi): Promise<Route[]> {
  const document = (await request(api.app.getHttpServer()).get('/api/docs-json').expect(200)).body as {
    paths: Record<string, Partial<Record<string, unknown>>>;
  };
  const routes: Route[] = [];
  for (const [documented, operations] of Object.entries(document.paths)) {
    const path = documented.startsWith('/api/') ? documented : `/api${documented}`;
    for (const method of WRITE_METHODS) {
      if (!operations[method] || PUBLIC_WRITES.has(`${method} ${path}`)) continue;
      routes.push({ method, path, url: path.replace(/\{[^}]+\}/g, 'some-id') });
    }
  }
  return routes;
}

describe('role checks on every write route', () => {
  let api: TestApi;
  let routes: Route[];
  const server = () => api.app.getHttpServer();
  /** A request of the route, without credentials. */
  const call = (route: Route) => request(server())[route.method](route.url);

  async function signIn(token: string): Promise<{ cookie: string; csrf: string }> {
    const res = await request(server()).post('/api/session').send({ token }).expect(200);
    const cookies = res.headers['set-cookie'] as unknown as string[];
    const value = (name: string) =>
      cookies
        .find((c) => c.startsWith(`${name}=`))!
        .split(';')[0]
        .slice(name.length + 1);
    return { cookie: `okr_session=${value('okr_session')}; okr_csrf=${value('okr_csrf')}`, csrf: value('okr_csrf') };
  }

  beforeAll(async () => {
    api = await startTestApi();
    routes = await writeRoutes(api);
  });
  afterAll(async () => {
    await api.close();
  });

  it('finds the write routes in the OpenAPI document', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    expect(names).toEqual(expect.arrayContaining([...ADMIN_WRITES, 'post /api/key-results/{id}/check-ins', 'patch /api/objectives/{id}']));
    expect(names.length).toBeGreaterThanOrEqual(20);
  });

  it('refuses every write of a viewer (403), by bearer token and by session, and records nothing', async () => {
    const viewer = (await api.as().post('/api/users').send({ name: 'Vera Viewer', role: 'viewer' }).expect(201)).body;
    const browser = await signIn(viewer.token);
    const before = await api.eventCount();
    for (const route of routes) {
      const bearer = await api.as(viewer.token)[route.method](route.url).send({});
      expect({ route: route.path, method: route.method, status: bearer.status }).toEqual({
        route: route.path,
        method: route.method,
        status: 403,
      });
      expect(bearer.headers['content-type']).toContain('application/problem+json');
      const session = await call(route).set('Cookie', browser.cookie).set('X-CSRF-Token', browser.csrf).send({});
      expect({ route: route.path, method: route.method, status: session.status }).toEqual({
        route: route.path,
        method: route.method,
        status: 403,
      });
      expect(session.body.detail).toMatch(/^This needs the (editor|admin) role; you are viewer$/);
    }
    expect(await api.eventCount()).toBe(before);
  });

  it('refuses every write under a session cookie without the CSRF token, whatever the role (a forged request)', async () => {
    const browser = await signIn((await api.as().post('/api/users').send({ name: 'Adam Admin', role: 'admin' }).expect(201)).body.token);
    const before = await api.eventCount();
    for (const route of routes) {
      const forged = await call(route).set('Cookie', browser.cookie).send({});
      expect({ route: route.path, method: route.method, status: forged.status }).toEqual({
        route: route.path,
        method: route.method,
        status: 403,
      });
      expect(forged.body.errors).toEqual([expect.objectContaining({ field: 'X-CSRF-Token' })]);
    }
    expect(await api.eventCount()).toBe(before);
  });

  it("refuses an editor the admins' writes", async () => {
    const editor = (await api.as().post('/api/users').send({ name: 'Ed Editor', role: 'editor' }).expect(201)).body;
    const before = await api.eventCount();
    for (const route of routes.filter((r) => ADMIN_WRITES.includes(`${r.method} ${r.path}`))) {
      const res = await api.as(editor.token)[route.method](route.url).send({});
      expect({ route: route.path, status: res.status, detail: res.body.detail }).toEqual({
        route: route.path,
        status: 403,
        detail: 'This needs the admin role; you are editor',
      });
    }
    expect(await api.eventCount()).toBe(before);
  });
});
