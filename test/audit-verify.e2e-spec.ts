import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ADMIN_TOKEN, seedBasics, startTestApi, TestApi } from './support/test-api';

/**
 * Tamper evidence through HTTP on the embedded SQLite store: GET /api/audit/verify checks the hash chain of every
 * stream of the caller's tenant; an event edited or deleted directly in okr.db is reported at its exact stream
 * and revision.
 */
describe('GET /api/audit/verify (e2e)', () => {
  let api: TestApi;

  afterEach(async () => {
    await api?.close();
  });

  /** A small history: a cycle, a team, an objective with a key result, check-ins, a target change, a rename. */
  async function writeHistory(): Promise<{ keyResultId: string; objectiveId: string }> {
    const { keyResultId, objectiveId } = await seedBasics(api);
    const admin = api.as();
    for (const [value, confidence] of [
      [10, 0.5],
      [25, 0.6],
      [40, 0.7],
    ]) {
      api.clock.advance(24 * 3600_000);
      await admin.post(`/api/key-results/${keyResultId}/check-ins`).send({ value, confidence }).expect(201);
    }
    await admin.patch(`/api/key-results/${keyResultId}`).send({ target: 80, reason: 'board asked for less' }).expect(200);
    await admin.patch(`/api/objectives/${objectiveId}`).send({ title: 'Grow revenue faster' }).expect(200);
    return { keyResultId, objectiveId };
  }

  /** okr.db opened beside the API (another connection, like an intruder with file access). */
  function openDatabase(): Database.Database {
    return new Database(join(api.dataDir, 'okr.db'));
  }

  it('reports every stream and event of the tenant checked and nothing broken', async () => {
    api = await startTestApi();
    await writeHistory();
    const db = openDatabase();
    const tenantEvents = db.prepare(`SELECT count(*) FROM events WHERE tenant_id = 'default'`).pluck().get() as number;
    const tenantStreams = db.prepare(`SELECT count(DISTINCT stream_id) FROM events WHERE tenant_id = 'default'`).pluck().get() as number;
    const unhashed = db.prepare(`SELECT count(*) FROM events WHERE json_extract(metadata, '$.hash') IS NULL`).pluck().get() as number;
    db.close();

    const response = await api.as().get('/api/audit/verify').expect(200);
    expect(response.body).toMatchObject({
      ok: true,
      streamsChecked: tenantStreams,
      eventsChecked: tenantEvents,
      unchainedEvents: 0,
      brokenLinks: 0,
      firstBroken: null,
      headPosition: await api.eventCount(),
    });
    expect(tenantEvents).toBeGreaterThanOrEqual(10);
    expect(unhashed).toBe(0);
    expect(typeof response.body.seconds).toBe('number');
  });

  it('an event whose data was edited in okr.db: the exact stream and revision, hash_mismatch', async () => {
    api = await startTestApi();
    const { keyResultId } = await writeHistory();
    const stream = `keyresult-${keyResultId}`;
    const db = openDatabase();
    const target = db
      .prepare(
        `SELECT revision, position, data FROM events WHERE stream_id = ? AND type = 'KeyResultCheckedIn' ORDER BY revision LIMIT 1 OFFSET 1`,
      )
      .get(stream) as {
      revision: number;
      position: number;
      data: string;
    };
    const edited = JSON.stringify({ ...JSON.parse(target.data), value: 99 });
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(edited, target.position);
    db.close();

    const response = await api.as().get('/api/audit/verify').expect(200);
    expect(response.body.ok).toBe(false);
    expect(response.body.brokenLinks).toBe(1);
    expect(response.body.firstBroken).toMatchObject({
      streamId: stream,
      revision: target.revision,
      position: target.position,
      reason: 'hash_mismatch',
    });
  });

  it('a deleted event row: the stream and the missing revision', async () => {
    api = await startTestApi();
    const { keyResultId } = await writeHistory();
    const stream = `keyresult-${keyResultId}`;
    const db = openDatabase();
    const revisions = db.prepare('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision').pluck().all(stream) as number[];
    expect(revisions).toEqual([0, 1, 2, 3, 4]);
    const deleted = 2;
    db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = ?').run(stream, deleted);
    db.close();

    const response = await api.as().get('/api/audit/verify').expect(200);
    expect(response.body.ok).toBe(false);
    expect(response.body.firstBroken).toMatchObject({ streamId: stream, revision: deleted, reason: 'missing_event', found: deleted + 1 });
    expect(response.body.brokenLinks).toBe(1);
  });

  it("checks only the caller's tenant, and needs the admin role", async () => {
    api = await startTestApi();
    await writeHistory();
    const tenant = await api.as().post('/api/tenants').send({ name: 'Other', adminName: 'Olga' }).expect(201);
    const otherAdmin = tenant.body.adminToken as string;
    const cycle = await api
      .as(otherAdmin)
      .post('/api/cycles')
      .send({ name: 'Other Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' })
      .expect(201);

    // Tamper with the default tenant: the other tenant's verification does not see it.
    const db = openDatabase();
    const otherStreams = db
      .prepare('SELECT count(DISTINCT stream_id) FROM events WHERE tenant_id = ?')
      .pluck()
      .get(tenant.body.id) as number;
    db.prepare(
      `UPDATE events SET data = '{}' WHERE position = (SELECT min(position) FROM events WHERE tenant_id = 'default' AND type = 'KeyResultCheckedIn')`,
    ).run();
    db.close();

    const other = await api.as(otherAdmin).get('/api/audit/verify').expect(200);
    expect(other.body).toMatchObject({ ok: true, streamsChecked: otherStreams, firstBroken: null });
    expect(cycle.body.id).toBeDefined();
    const own = await api.as(ADMIN_TOKEN).get('/api/audit/verify').expect(200);
    expect(own.body.firstBroken).toMatchObject({ reason: 'hash_mismatch' });

    const viewer = await api.as().post('/api/users').send({ name: 'Vera', role: 'viewer' }).expect(201);
    await api.as(viewer.body.token).get('/api/audit/verify').expect(403);
    const editor = await api.as().post('/api/users').send({ name: 'Ed', role: 'editor' }).expect(201);
    await api.as(editor.body.token).get('/api/audit/verify').expect(403);
    await api.as('not-a-token-at-all-xxxxxxxx').get('/api/audit/verify').expect(401);
  });
});
