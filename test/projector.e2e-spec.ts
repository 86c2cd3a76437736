import { SqliteReadModelStore } from '@okr/read-model';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECTOR_LEASE_NAME } from '@okr/platform';
import { API_MAIN, AppProcess, PROJECTOR_MAIN, freePort, getJson, sleep, waitFor } from './support/built-app-process';

const TOKEN = 'projector-e2e-admin-token-0123456789';
const LEASE_TTL_MS = 2000;

/**
 * The built projector (`node dist/apps/projector/src/main.js`) on the embedded stores, beside the built API
 * started with PROJECTOR=external: the API only writes and reads, the projector keeps the read models.
 */
describe('projector process beside an API with PROJECTOR=external (embedded stores)', () => {
  let dataDir: string;
  let api: AppProcess;
  let base: string;
  const processes: AppProcess[] = [];
  const headers = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
  const ids: { cycle?: string; objective?: string; keyResult?: string } = {};

  const storeEnv = () => ({ OKR_DATA_DIR: dataDir, EVENT_STORE: 'sqlite', READ_STORE: 'sqlite', LOG_LEVEL: 'log' });

  async function post(path: string, body: object): Promise<{ id?: string; position: number }> {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`POST ${path} answered ${res.status}: ${text}`);
    return JSON.parse(text);
  }

  async function startProjector(name: string): Promise<{ process: AppProcess; health: string }> {
    const port = await freePort();
    const process = new AppProcess(name, PROJECTOR_MAIN, {
      ...storeEnv(),
      PROJECTOR_LEASE_TTL_MS: String(LEASE_TTL_MS),
      PROJECTOR_HEALTH_PORT: String(port),
    });
    processes.push(process);
    const health = `http://127.0.0.1:${port}/health`;
    await waitFor(
      async () => {
        if (!process.running) throw new Error('exited');
        return (await getJson(health))?.status === 200 ? true : undefined;
      },
      20_000,
      () => process.describe(),
    );
    return { process, health };
  }

  const projectorState = async (health: string) =>
    (await getJson(health))?.body as { active: boolean; owner: string; holder: string | null; projections: { position: number }[] };

  /** Reads the objective through the API once the read models include `position` (X-Min-Position). */
  async function readObjective(position: number) {
    const res = await getJson(`${base}/objectives/${ids.objective}`, { ...headers, 'X-Min-Position': String(position) });
    if (res?.status !== 200) throw new Error(`GET objective answered ${res?.status}: ${JSON.stringify(res?.body)}`);
    return res;
  }

  beforeAll(async () => {
    for (const file of [API_MAIN, PROJECTOR_MAIN]) {
      if (!existsSync(file))
        throw new Error(`${file} is missing: run "npm run build" first (npm test does), or set OKR_E2E_DIST to a build`);
    }
    dataDir = mkdtempSync(join(tmpdir(), 'okr-projector-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}/api`;
    api = new AppProcess('api', API_MAIN, {
      ...storeEnv(),
      PORT: String(port),
      OKR_ADMIN_TOKEN: TOKEN,
      PROJECTOR: 'external',
      LOG_LEVEL: 'warn',
    });
    processes.push(api);
    await waitFor(
      async () => {
        if (!api.running) throw new Error('exited');
        return (await getJson(`${base}/health`))?.status === 200 ? true : undefined;
      },
      30_000,
      () => api.describe(),
    );
  }, 40_000);

  afterAll(async () => {
    await Promise.all(processes.filter((p) => p.running).map((p) => p.stop('SIGKILL').catch(() => undefined)));
    rmSync(dataDir, { recursive: true, force: true });
  }, 20_000);

  it('the API alone writes but does not project: the checkpoint stays at 0 and /api/health shows the lag', async () => {
    // A caller without writes of its own reads the read models as they are (the writer's reads would wait for its writes).
    const { token: viewerToken } = (await post('/users', { name: 'Vera', role: 'viewer' })) as unknown as { token: string };
    const cycle = await post('/cycles', { name: 'Projector cycle', startsOn: '2026-01-01', endsOn: '2026-12-31' });
    const objective = await post('/objectives', { cycleId: cycle.id, title: 'Project elsewhere', kind: 'committed' });
    const kr = await post(`/objectives/${objective.id}/key-results`, {
      title: 'Events projected',
      metric: { type: 'increase', start: 20, target: 60, unit: '%' },
    });
    Object.assign(ids, { cycle: cycle.id, objective: objective.id, keyResult: kr.id });
    const checkIn = await post(`/key-results/${kr.id}/check-ins`, { value: 30, confidence: 0.7 });
    await sleep(500); // an embedded projector would have caught up by now

    const health = await getJson(`${base}/health`);
    expect(health?.status).toBe(200);
    expect(health?.body).toMatchObject({
      status: 'ok',
      dependencies: {
        eventStore: { kind: 'sqlite', status: 'up', headPosition: checkIn.position },
        readModels: { kind: 'sqlite', status: 'up' },
      },
      projections: { mode: 'external', position: 0, checkpoint: 0, lag: checkIn.position },
    });
    expect(health?.headers.get('x-projection-position')).toBe('0');
    const list = await getJson(`${base}/objectives?cycleId=${cycle.id}`, { Authorization: `Bearer ${viewerToken}` });
    expect(list?.status).toBe(200);
    expect(list?.body.items).toEqual([]);
  }, 30_000);

  it('a projector projects what the API wrote, follows live, and on SIGTERM exits 0 with its checkpoint stored and the lease released', async () => {
    const { process: projector, health } = await startProjector('projector-1');
    const head = (await getJson(`${base}/health`))!.body.dependencies.eventStore.headPosition as number;

    const first = await readObjective(head);
    expect(first.body).toMatchObject({
      title: 'Project elsewhere',
      progress: 0.25,
      keyResults: [{ title: 'Events projected', current: 30, progress: 0.25 }],
    });
    expect(Number(first.headers.get('x-projection-position'))).toBeGreaterThanOrEqual(head);

    const live = await post(`/key-results/${ids.keyResult}/check-ins`, { value: 50, confidence: 0.8 });
    expect((await readObjective(live.position)).body).toMatchObject({ progress: 0.75 });
    expect(await projectorState(health)).toMatchObject({ active: true });
    const apiHealth = await waitFor(
      async () => {
        const body = (await getJson(`${base}/health`))?.body;
        return body?.projections.lag === 0 ? body : undefined;
      },
      5000,
      () => 'the API never saw lag 0',
    );
    expect(apiHealth.projections).toEqual({ mode: 'external', position: live.position, checkpoint: live.position, lag: 0 });

    const exit = await projector.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(projector.output).toContain(`Stopped at position ${live.position}`);

    const readModels = SqliteReadModelStore.open({ filePath: join(dataDir, 'read-models.db') });
    try {
      expect(await readModels.checkpoint('okr')).toBe(live.position);
      // Released, not left to expire: another owner gets it at once.
      const lease = await readModels.acquireLease({ name: PROJECTOR_LEASE_NAME, owner: 'e2e-probe', ttlMs: 1, now: Date.now() });
      expect(lease).toMatchObject({ acquired: true, holder: 'e2e-probe' });
      await readModels.releaseLease(PROJECTOR_LEASE_NAME, 'e2e-probe');
    } finally {
      await readModels.close();
    }
  }, 60_000);

  it('of two projectors one is active; killed with SIGKILL, the other takes over within the lease TTL', async () => {
    const [a, b] = await Promise.all([startProjector('projector-a'), startProjector('projector-b')]);
    const states = await waitFor(
      async () => {
        const [sa, sb] = await Promise.all([projectorState(a.health), projectorState(b.health)]);
        return sa && sb && sa.active !== sb.active && sa.holder === sb.holder ? [sa, sb] : undefined;
      },
      10_000,
      () => `${a.process.describe()}\n${b.process.describe()}`,
    );
    const [active, standby] = states[0].active ? [a, b] : [b, a];
    const activeOwner = states[0].active ? states[0].owner : states[1].owner;
    expect((await projectorState(standby.health)).holder).toBe(activeOwner);

    const before = await post(`/key-results/${ids.keyResult}/check-ins`, { value: 40, confidence: 0.6 });
    expect((await readObjective(before.position)).body).toMatchObject({ progress: 0.5 });
    // Still exactly one active after some renewals.
    await sleep(LEASE_TTL_MS);
    expect([(await projectorState(active.health)).active, (await projectorState(standby.health)).active]).toEqual([true, false]);

    active.process.signal('SIGKILL');
    const killedAt = Date.now();
    await active.process.exited;
    await waitFor(
      async () => ((await projectorState(standby.health))?.active ? true : undefined),
      LEASE_TTL_MS + 5000,
      () => standby.process.describe(),
      25,
    );
    const takeoverMs = Date.now() - killedAt;
    // The lease expires at most one TTL after the last renewal; the standby asks every TTL/3.
    expect(takeoverMs).toBeLessThanOrEqual(LEASE_TTL_MS + LEASE_TTL_MS / 3 + 1000);
    expect(standby.process.output).toMatch(/Active: holding lease 'okr_projector'/);

    const after = await post(`/key-results/${ids.keyResult}/check-ins`, { value: 60, confidence: 0.9 });
    expect((await readObjective(after.position)).body).toMatchObject({ progress: 1, keyResults: [{ current: 60 }] });

    expect(await standby.process.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    const readModels = SqliteReadModelStore.open({ filePath: join(dataDir, 'read-models.db') });
    try {
      expect(await readModels.checkpoint('okr')).toBe(after.position);
    } finally {
      await readModels.close();
    }
  }, 60_000);
});
