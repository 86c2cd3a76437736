import request from 'supertest';
import { ADMIN_TOKEN, TestApi, seedBasics, startTestApi } from './support/test-api';

/** The cookies a response sets, by name: value and attributes as sent. */
function cookiesOf(res: request.Response): Map<string, { value: string; attributes: string[] }> {
  const header = res.headers['set-cookie'] as unknown as string[] | undefined;
  const out = new Map<string, { value: string; attributes: string[] }>();
  for (const line of header ?? []) {
    const [pair, ...attributes] = line.split(/;\s*/);
    const eq = pair.indexOf('=');
    out.set(pair.slice(0, eq), { value: pair.slice(eq + 1), attributes });
  }
  return out;
}

interface Browser {
  /** The Cookie header a browser would send. */
  cookie: string;
  csrf: string;
}

describe('users, teams and browser sessions', () => {
  let api: TestApi;
  const server = () => api.app.getHttpServer();

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  async function createUser(name: string, role: 'admin' | 'editor' | 'viewer', token = ADMIN_TOKEN) {
    const res = await api.as(token).post('/api/users').send({ name, role }).expect(201);
    return { id: res.body.id as string, token: res.body.token as string };
  }

  async function signIn(token: string): Promise<Browser & { res: request.Response }> {
    const res = await request(server()).post('/api/session').send({ token }).expect(200);
    const cookies = cookiesOf(res);
    const session = cookies.get('okr_session')!.value;
    const csrf = cookies.get('okr_csrf')!.value;
    return { res, cookie: `okr_session=${session}; okr_csrf=${csrf}`, csrf };
  }

  async function auditSummaries(actorId?: string): Promise<string[]> {
    const items: { summary: string }[] = [];
    let cursor: string | null = null;
    do {
      const query = `limit=200${actorId ? `&actorId=${actorId}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = (await api.as().get(`/api/audit?${query}`).expect(200)).body as {
        items: { summary: string }[];
        nextCursor: string | null;
      };
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items.map((i) => i.summary);
  }

  it('GET /api/me answers the caller', async () => {
    const me = await api.as().get('/api/me').expect(200);
    expect(me.body).toEqual({ id: 'default-admin', name: 'Administrator', role: 'admin', tenantId: 'default', teamIds: [] });
  });

  it('admins put users in teams; /api/users and /api/me show them, /api/teams lists the teams, never a token', async () => {
    const growth = (await api.as().post('/api/teams').send({ name: 'Growth' }).expect(201)).body.id as string;
    const sales = (await api.as().post('/api/teams').send({ name: 'Sales', parentTeamId: growth }).expect(201)).body.id as string;
    const ada = await createUser('Ada Lovelace', 'editor');

    const patched = await api
      .as()
      .patch(`/api/users/${ada.id}`)
      .send({ teamIds: [sales, growth, sales] })
      .expect(200);
    expect(patched.body).toEqual({ version: 2, position: expect.any(Number) });
    expect((await api.as(ada.token).get('/api/me').expect(200)).body).toEqual({
      id: ada.id,
      name: 'Ada Lovelace',
      role: 'editor',
      tenantId: 'default',
      teamIds: [sales, growth],
    });
    const users = await api.as(ada.token).get('/api/users').expect(200);
    expect(users.body.items).toContainEqual({ id: ada.id, name: 'Ada Lovelace', role: 'editor', teamIds: [sales, growth], hasToken: true });
    expect(users.body.items).toContainEqual({ id: 'default-admin', name: 'Administrator', role: 'admin', teamIds: [], hasToken: true });
    expect(JSON.stringify(users.body)).not.toMatch(/okr_|tokenHash|[0-9a-f]{64}/);

    const teams = await api.as(ada.token).get('/api/teams').expect(200);
    expect(teams.body.items).toEqual(
      expect.arrayContaining([
        { id: growth, name: 'Growth', parentTeamId: null },
        { id: sales, name: 'Sales', parentTeamId: growth },
      ]),
    );

    // The same request again changes nothing; renaming and a new role are events of the user's stream.
    expect(
      (
        await api
          .as()
          .patch(`/api/users/${ada.id}`)
          .send({ teamIds: [growth, sales] })
          .expect(200)
      ).body.version,
    ).toBe(2);
    const renamed = await api
      .as()
      .patch(`/api/users/${ada.id}`)
      .send({ name: 'Ada King', role: 'viewer', teamIds: [growth] })
      .expect(200);
    expect(renamed.body.version).toBe(5);
    const events = await api.store.readStream(`user-${ada.id}`);
    expect(events.map((e) => e.type)).toEqual(['UserCreated', 'UserTeamsChanged', 'UserRenamed', 'UserRoleChanged', 'UserTeamsChanged']);
    expect((await api.as(ada.token).get('/api/me').expect(200)).body).toMatchObject({
      name: 'Ada King',
      role: 'viewer',
      teamIds: [growth],
    });
    const audit = await auditSummaries('default-admin');
    expect(audit).toEqual(
      expect.arrayContaining([
        "User 'Ada Lovelace' joined 'Sales' and 'Growth' by Administrator",
        "User 'Ada Lovelace' renamed to 'Ada King' by Administrator",
        "Role of user 'Ada King' changed from editor to viewer by Administrator",
        "User 'Ada King' left 'Sales' by Administrator",
      ]),
    );
  });

  it('refuses unknown teams (naming the field), bad roles, other roles than admin, unknown users', async () => {
    const ops = (await api.as().post('/api/teams').send({ name: 'Ops' }).expect(201)).body.id as string;
    const bob = await createUser('Bob Builder', 'editor');
    const before = await api.eventCount();
    const unknown = await api
      .as()
      .patch(`/api/users/${bob.id}`)
      .send({ teamIds: [ops, 'no-such-team'] })
      .expect(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.body.errors).toEqual([{ field: 'teamIds.1', message: 'Team no-such-team not found' }]);
    const badRole = await api.as().patch(`/api/users/${bob.id}`).send({ role: 'owner' }).expect(400);
    expect(badRole.body.errors).toEqual([expect.objectContaining({ field: 'role' })]);
    await api.as().patch(`/api/users/${bob.id}`).send({ name: '  ' }).expect(400);
    await api.as(bob.token).patch(`/api/users/${bob.id}`).send({ role: 'admin' }).expect(403);
    await api.as().patch('/api/users/no-such-user').send({ name: 'X' }).expect(404);

    // Another tenant's teams and users are unknown here, and it sees none of ours.
    const acme = (await api.as().post('/api/tenants').send({ name: 'Acme', adminName: 'Grace' }).expect(201)).body;
    const foreignTeam = await api
      .as(acme.adminToken)
      .patch(`/api/users/${acme.adminId}`)
      .send({ teamIds: [ops] })
      .expect(404);
    expect(foreignTeam.body.errors).toEqual([expect.objectContaining({ field: 'teamIds.0' })]);
    await api.as(acme.adminToken).patch(`/api/users/${bob.id}`).send({ name: 'hijack' }).expect(404);
    await api.as(acme.adminToken).post(`/api/users/${bob.id}/token`).expect(404);
    await api.as(acme.adminToken).delete(`/api/users/${bob.id}/token`).expect(404);
    expect((await api.as(acme.adminToken).get('/api/users').expect(200)).body.items).toEqual([
      { id: acme.adminId, name: 'Grace', role: 'admin', teamIds: [], hasToken: true },
    ]);
    expect((await api.as(acme.adminToken).get('/api/teams').expect(200)).body).toEqual({ items: [] });
    expect(await api.eventCount()).toBe(before + 2); // the tenant and its admin, nothing else
  });

  it('keeps a tenant with an admin who can sign in', async () => {
    const acme = (await api.as().post('/api/tenants').send({ name: 'Initech', adminName: 'Peter' }).expect(201)).body;
    const peter = api.as(acme.adminToken);
    const selfDemotion = await peter.patch(`/api/users/${acme.adminId}`).send({ role: 'editor' }).expect(409);
    expect(selfDemotion.body).toMatchObject({ code: 'user.last_admin', errors: [expect.objectContaining({ field: 'role' })] });
    expect((await peter.delete(`/api/users/${acme.adminId}/token`).expect(409)).body.code).toBe('user.last_admin');

    const samir = (await peter.post('/api/users').send({ name: 'Samir', role: 'editor' }).expect(201)).body;
    await peter.patch(`/api/users/${samir.id}`).send({ role: 'admin' }).expect(200);
    await peter.patch(`/api/users/${acme.adminId}`).send({ role: 'editor' }).expect(200);
    expect((await peter.get('/api/me').expect(200)).body.role).toBe('editor');
    // Samir is now the last admin: he may not step down, Peter may no longer manage users.
    await api.as(samir.token).patch(`/api/users/${samir.id}`).send({ role: 'viewer' }).expect(409);
    await peter.patch(`/api/users/${samir.id}`).send({ role: 'viewer' }).expect(403);
  });

  it('issues a new token (the old one stops working) and revokes it; only admins', async () => {
    const carol = await createUser('Carol', 'editor');
    await api.as(carol.token).post(`/api/users/${carol.id}/token`).expect(403);
    await api.as(carol.token).delete(`/api/users/${carol.id}/token`).expect(403);

    const issued = await api.as().post(`/api/users/${carol.id}/token`).expect(200);
    expect(issued.body).toEqual({ token: expect.stringMatching(/^okr_/), version: 2, position: expect.any(Number) });
    await api.as(carol.token).get('/api/me').expect(401);
    await api.as(issued.body.token).get('/api/me').expect(200);

    await api.as().delete(`/api/users/${carol.id}/token`).expect(204);
    await api.as(issued.body.token).get('/api/me').expect(401);
    expect((await api.as().get('/api/users').expect(200)).body.items).toContainEqual(
      expect.objectContaining({ id: carol.id, hasToken: false }),
    );
    await api.as().delete(`/api/users/${carol.id}/token`).expect(204); // revoked already: nothing more
    await request(server()).post('/api/session').send({ token: issued.body.token }).expect(401);

    const again = await api.as().post(`/api/users/${carol.id}/token`).expect(200);
    await api.as(again.body.token).get('/api/me').expect(200);
    const audit = await auditSummaries('default-admin');
    expect(audit).toEqual(
      expect.arrayContaining(["Token of user 'Carol' replaced by Administrator", "Token of user 'Carol' revoked by Administrator"]),
    );
    expect(JSON.stringify(audit)).not.toContain(again.body.token);
  });

  it('signs in from a browser: cookies, the session works for reads and, with X-CSRF-Token, for writes', async () => {
    const dan = await createUser('Dan', 'editor');
    const browser = await signIn(dan.token);
    expect(browser.res.body).toEqual({ id: dan.id, name: 'Dan', role: 'editor', tenantId: 'default', teamIds: [] });
    const cookies = cookiesOf(browser.res);
    expect(cookies.get('okr_session')!.attributes.sort()).toEqual(['HttpOnly', 'Max-Age=43200', 'Path=/', 'SameSite=Strict']);
    expect(cookies.get('okr_csrf')!.attributes.sort()).toEqual(['Max-Age=43200', 'Path=/', 'SameSite=Strict']);
    expect(cookies.get('okr_session')!.value).not.toBe(cookies.get('okr_csrf')!.value);
    // Only the session's hash is stored.
    const events = await api.store.readStream(`user-${dan.id}`);
    expect(events.at(-1)).toMatchObject({ type: 'UserSessionStarted', metadata: { actorId: dan.id } });
    expect(JSON.stringify(events)).not.toContain(cookies.get('okr_session')!.value);

    expect((await request(server()).get('/api/me').set('Cookie', browser.cookie).expect(200)).body.id).toBe(dan.id);

    // A write without the CSRF header (what a forged cross-site form would send) is refused and changes nothing.
    const before = await api.eventCount();
    const forged = await request(server()).post('/api/teams').set('Cookie', browser.cookie).send({ name: 'Forged' }).expect(403);
    expect(forged.headers['content-type']).toContain('application/problem+json');
    expect(forged.body.errors).toEqual([{ field: 'X-CSRF-Token', message: expect.stringContaining('okr_csrf') }]);
    await request(server())
      .post('/api/teams')
      .set('Cookie', browser.cookie)
      .set('X-CSRF-Token', 'guess')
      .send({ name: 'Forged' })
      .expect(403);
    const other = await signIn(dan.token);
    await request(server())
      .post('/api/teams')
      .set('Cookie', browser.cookie)
      .set('X-CSRF-Token', other.csrf)
      .send({ name: 'Forged' })
      .expect(403);
    expect(await api.eventCount()).toBe(before + 1); // the second sign-in

    const created = await request(server())
      .post('/api/teams')
      .set('Cookie', browser.cookie)
      .set('X-CSRF-Token', browser.csrf)
      .send({ name: 'Made in a browser' })
      .expect(201);
    const team = await api.store.readStream(`team-${created.body.id}`);
    expect(team[0].metadata.actorId).toBe(dan.id);
    expect(await auditSummaries(dan.id)).toEqual(
      expect.arrayContaining([
        "User 'Dan' signed in with a token (session until 2026-02-16 00:00 UTC)",
        "Team 'Made in a browser' created by Dan",
      ]),
    );
  });

  it('answers 401 for a bad token or a cookie of no session; the bearer header wins over the cookie', async () => {
    const bad = await request(server()).post('/api/session').send({ token: 'okr_not-a-token' }).expect(401);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors).toEqual([{ field: 'token', message: 'The token is not valid' }]);
    expect(bad.headers['set-cookie']).toBeUndefined();
    await request(server()).post('/api/session').send({}).expect(400);
    await request(server()).get('/api/me').set('Cookie', 'okr_session=made-up').expect(401);

    const eve = await createUser('Eve', 'viewer');
    const browser = await signIn(eve.token);
    await request(server()).get('/api/me').set('Cookie', browser.cookie).set('Authorization', 'Bearer wrong-token').expect(401);
    const asAdmin = await request(server())
      .get('/api/me')
      .set('Cookie', browser.cookie)
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .expect(200);
    expect(asAdmin.body.id).toBe('default-admin');
    // A bearer request needs no CSRF token, whatever cookies come with it.
    await request(server())
      .post('/api/teams')
      .set('Cookie', browser.cookie)
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .send({ name: 'T' })
      .expect(201);
  });

  it('signs out: the session ends on the server, both cookies are cleared; signing out again is harmless', async () => {
    const fay = await createUser('Fay', 'editor');
    const browser = await signIn(fay.token);
    await request(server()).delete('/api/session').set('Cookie', browser.cookie).expect(403); // no CSRF token
    await request(server()).get('/api/me').set('Cookie', browser.cookie).expect(200);

    const out = await request(server()).delete('/api/session').set('Cookie', browser.cookie).set('X-CSRF-Token', browser.csrf).expect(204);
    const cleared = cookiesOf(out);
    expect(cleared.get('okr_session')).toMatchObject({ value: '', attributes: expect.arrayContaining(['Max-Age=0', 'Path=/']) });
    expect(cleared.get('okr_csrf')).toMatchObject({ value: '', attributes: expect.arrayContaining(['Max-Age=0', 'Path=/']) });
    await request(server()).get('/api/me').set('Cookie', browser.cookie).expect(401);
    await request(server()).delete('/api/session').set('Cookie', browser.cookie).expect(204);
    await request(server()).delete('/api/session').expect(204);
    await api.as(fay.token).get('/api/me').expect(200); // the token itself still works
    expect(await auditSummaries(fay.id)).toContain("User 'Fay' signed out");
  });

  it("ends a user's sessions when their token is replaced or revoked, and every session after 12 hours", async () => {
    const gus = await createUser('Gus', 'editor');
    const first = await signIn(gus.token);
    await api.as().post(`/api/users/${gus.id}/token`).expect(200);
    await request(server()).get('/api/me').set('Cookie', first.cookie).expect(401);

    const hal = await createUser('Hal', 'editor');
    const second = await signIn(hal.token);
    await api.as().delete(`/api/users/${hal.id}/token`).expect(204);
    await request(server()).get('/api/me').set('Cookie', second.cookie).expect(401);
    const audit = await auditSummaries('default-admin');
    expect(audit).toEqual(
      expect.arrayContaining([
        "Session of user 'Gus' ended: token replaced by Administrator",
        "Session of user 'Hal' ended: token revoked by Administrator",
      ]),
    );

    // A role changed under a running session applies at its next request.
    const ivy = await createUser('Ivy', 'editor');
    const third = await signIn(ivy.token);
    await api.as().patch(`/api/users/${ivy.id}`).send({ role: 'viewer' }).expect(200);
    await request(server()).post('/api/teams').set('Cookie', third.cookie).set('X-CSRF-Token', third.csrf).send({ name: 'No' }).expect(403);
    expect((await request(server()).get('/api/me').set('Cookie', third.cookie).expect(200)).body.role).toBe('viewer');

    api.clock.advance(12 * 60 * 60 * 1000 - 1);
    await request(server()).get('/api/me').set('Cookie', third.cookie).expect(200);
    api.clock.advance(1);
    await request(server()).get('/api/me').set('Cookie', third.cookie).expect(401);
  });

  it('lets only admins close a whole cycle', async () => {
    const { cycleId } = await seedBasics(api);
    const editor = await createUser('Editor of cycles', 'editor');
    const refused = await api.as(editor.token).post(`/api/cycles/${cycleId}/close`).expect(403);
    expect(refused.body.detail).toBe('This needs the admin role; you are editor');
    await api.as().post(`/api/cycles/${cycleId}/close`).expect(200);
  });
});
