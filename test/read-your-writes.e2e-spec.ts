import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_MAIN, AppProcess, PROJECTOR_MAIN, freePort, getJson, waitFor } from './support/built-app-process';

const TOKEN = 'read-your-writes-admin-token-0123456789';
const ITERATIONS = 50;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of several routes, read field by field by the tests
type Answer = { status: number; body: any; headers: Headers };

/** What a client without any bookkeeping does: plain requests with its token, never X-Min-Position. */
class Client {
  constructor(
    readonly base: string,
    readonly token: string,
  ) {}

  async send(method: string, path: string, body?: object, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.token}`, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }

  async created(path: string, body: object): Promise<{ id: string; position: number; token?: string }> {
    const res = await this.send('POST', path, body);
    if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

function storeEnv(dataDir: string): Record<string, string> {
  return { OKR_DATA_DIR: dataDir, EVENT_STORE: 'sqlite', READ_STORE: 'sqlite', LOG_LEVEL: 'warn', OKR_ADMIN_TOKEN: TOKEN };
}

async function startApi(dataDir: string, env: Record<string, string> = {}): Promise<{ api: AppProcess; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/api`;
  const api = new AppProcess('api', API_MAIN, { ...storeEnv(dataDir), PORT: String(port), ...env });
  await waitFor(
    async () => {
      if (!api.running) throw new Error('exited');
      return (await getJson(`${base}/health`))?.status === 200 ? true : undefined;
    },
    30_000,
    () => api.describe(),
  );
  return { api, base };
}

/** A cycle, an objective and a key result, written by `client`. */
async function basics(client: Client): Promise<{ objectiveId: string; keyResultId: string }> {
  const cycle = await client.created('/cycles', { name: '2026 Q1', startsOn: '2026-01-01', endsOn: '2026-12-31' });
  const objective = await client.created('/objectives', { cycleId: cycle.id, title: 'Delight new customers', kind: 'committed' });
  const keyResult = await client.created(`/objectives/${objective.id}/key-results`, {
    title: 'Activation rate',
    metric: { type: 'increase', start: 20, target: 60, unit: '%' },
  });
  return { objectiveId: objective.id, keyResultId: keyResult.id };
}

beforeAll(() => {
  for (const file of [API_MAIN, PROJECTOR_MAIN]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" first (npm test does), or set OKR_E2E_DIST to a build`);
  }
});

/**
 * Read-your-writes without client bookkeeping (decision 21), on the built server as `npm start` runs it: after a
 * caller's write, that caller's reads wait until the read models include it, so the README's If-Match example works
 * every time.
 */
describe('a caller reads its own writes (built API, embedded stores and projection)', () => {
  let dataDir: string;
  let api: AppProcess;
  let admin: Client;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'okr-ryw-'));
    const started = await startApi(dataDir);
    api = started.api;
    admin = new Client(started.base, TOKEN);
  }, 40_000);

  afterAll(async () => {
    await api?.stop('SIGTERM').catch(() => api.stop('SIGKILL'));
    rmSync(dataDir, { recursive: true, force: true });
  }, 20_000);

  it(`PATCH, then GET and PATCH with its ETag as If-Match, ${ITERATIONS} times: never the previous version, never a 412`, async () => {
    const { keyResultId } = await basics(admin);
    let etag = (await admin.send('GET', `/key-results/${keyResultId}`)).headers.get('etag');
    expect(etag).toBe('"1"');
    for (let i = 1; i <= ITERATIONS; i++) {
      const patched = await admin.send(
        'PATCH',
        `/key-results/${keyResultId}`,
        { title: `Activation rate, take ${i}` },
        { 'If-Match': etag! },
      );
      expect({ i, status: patched.status }).toEqual({ i, status: 200 });
      const read = await admin.send('GET', `/key-results/${keyResultId}`);
      expect({ i, status: read.status, title: read.body.title, version: read.body.version }).toEqual({
        i,
        status: 200,
        title: `Activation rate, take ${i}`,
        version: patched.body.version,
      });
      etag = read.headers.get('etag');
      expect(etag).toBe(`"${patched.body.version}"`);
    }
  }, 60_000);

  it("a check-in shows at once in the caller's next read of its objective", async () => {
    const { objectiveId, keyResultId } = await basics(admin);
    for (let value = 21; value <= 30; value++) {
      expect((await admin.send('POST', `/key-results/${keyResultId}/check-ins`, { value, confidence: 0.7 })).status).toBe(201);
      const objective = await admin.send('GET', `/objectives/${objectiveId}`);
      expect(objective.body.keyResults[0]).toMatchObject({ current: value, confidence: 0.7 });
    }
  }, 30_000);
});

/**
 * With the read models held back (an external projector, stopped with SIGSTOP), what waits is exactly the writer's
 * reads: another caller reads at once what the read models hold, and the writer gets X-Min-Position's 503 after its bound.
 */
describe("only the writer's reads wait (API with PROJECTOR=external, its projector paused)", () => {
  let dataDir: string;
  const processes: AppProcess[] = [];

  afterAll(async () => {
    for (const p of processes) p.signal('SIGCONT');
    await Promise.all(processes.filter((p) => p.running).map((p) => p.stop('SIGKILL').catch(() => undefined)));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 20_000);

  it("another caller's read does not wait for the writer's write; the writer's answers 503 until the read models have it", async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'okr-ryw-external-'));
    const { api, base } = await startApi(dataDir, { PROJECTOR: 'external' });
    processes.push(api);
    const projector = new AppProcess('projector', PROJECTOR_MAIN, storeEnv(dataDir));
    processes.push(projector);
    const admin = new Client(base, TOKEN);
    const viewer = new Client(base, (await admin.created('/users', { name: 'Vera', role: 'viewer' })).token!);
    const { keyResultId } = await basics(admin);
    // The projector catches up with everything so far (X-Min-Position works across processes), then is paused.
    const head = (await admin.send('GET', '/health')).body.dependencies.eventStore.headPosition as number;
    await waitFor(
      async () =>
        (await viewer.send('GET', `/key-results/${keyResultId}`, undefined, { 'X-Min-Position': String(head) })).status === 200
          ? true
          : undefined,
      30_000,
      () => projector.describe(),
    );
    projector.signal('SIGSTOP');

    const patched = await admin.send('PATCH', `/key-results/${keyResultId}`, { title: 'Activation rate, renamed' });
    expect(patched.status).toBe(200);
    const other = await viewer.send('GET', `/key-results/${keyResultId}`);
    expect(other.status).toBe(200);
    expect(other.body.title).toBe('Activation rate');
    expect(other.headers.get('etag')).toBe('"1"');

    const writer = await admin.send('GET', `/key-results/${keyResultId}`);
    expect(writer.status).toBe(503);
    expect(writer.headers.get('retry-after')).toBe('1');
    expect(writer.body.detail).toContain(`position ${patched.body.position} (your last write)`);

    projector.signal('SIGCONT');
    const caughtUp = await waitFor(
      async () => {
        const res = await admin.send('GET', `/key-results/${keyResultId}`);
        return res.status === 200 ? res : undefined;
      },
      30_000,
      () => projector.describe(),
    );
    expect(caughtUp.body.title).toBe('Activation rate, renamed');
    expect(caughtUp.headers.get('etag')).toBe(`"${patched.body.version}"`);
  }, 60_000);
});
