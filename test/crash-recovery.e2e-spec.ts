import { SqliteEventStore } from '@okr/event-store';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_MAIN as MAIN, freePort } from './support/built-app-process';

const TOKEN = 'crash-test-admin-token-0123456789';

async function startServer(dataDir: string, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: String(port), OKR_DATA_DIR: dataDir, OKR_ADMIN_TOKEN: TOKEN, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return child;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not become healthy: ${output}`);
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

describe('durability: the built server killed with SIGKILL loses no acknowledged write', () => {
  let dataDir: string;
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
    dataDir = mkdtempSync(join(tmpdir(), 'okr-crash-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('finds every acknowledged event after kill -9 and restart', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}/api`;
    const headers = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
    const post = async (path: string, body: object) => {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      expect(res.status).toBeLessThan(300);
      return (await res.json()) as { id?: string; position: number };
    };

    let server = await startServer(dataDir, port);
    const acknowledged: number[] = [];
    const cycle = await post('/cycles', { name: 'Q1', startsOn: '2026-01-01', endsOn: '2026-12-31' });
    const objective = await post('/objectives', { cycleId: cycle.id, title: 'Survive crashes', kind: 'committed' });
    const kr = await post(`/objectives/${objective.id}/key-results`, {
      title: 'Durable writes',
      metric: { type: 'increase', start: 0, target: 100 },
    });
    acknowledged.push(cycle.position, objective.position, kr.position);
    const checkIns = await Promise.all(
      Array.from({ length: 40 }, (_, i) => post(`/key-results/${kr.id}/check-ins`, { value: i, confidence: 0.5 })),
    );
    acknowledged.push(...checkIns.map((c) => c.position));
    await killHard(server);

    server = await startServer(dataDir, port);
    try {
      const res = await fetch(`${base}/key-results/${kr.id}`, { headers });
      const body = (await res.json()) as { checkInCount: number; version: number };
      expect(body.checkInCount).toBe(40);
      expect(body.version).toBe(41);
    } finally {
      await killHard(server);
    }

    const store = SqliteEventStore.open({ filePath: join(dataDir, 'okr.db') });
    try {
      const all = await store.readAll({ maxCount: 10_000 });
      const positions = new Set(all.map((e) => e.position));
      for (const position of acknowledged) expect(positions.has(position)).toBe(true);
      expect(all.filter((e) => e.type === 'KeyResultCheckedIn')).toHaveLength(40);
    } finally {
      await store.close();
    }
    // Two starts of the built server (each opens its writer and projection threads) and a kill.
  }, 30_000);
});

/**
 * A request with an Idempotency-Key whose work is stored but whose key is not recorded yet when the process is
 * killed (SIGKILL): the client, with no answer, retries with the same key and body. The built server dies exactly
 * there (OKR_TEST_KILL_BEFORE_IDEMPOTENCY_RECORD, a test-only hook), so the window is hit every time.
 */
describe('durability: a request retried after kill -9 between its append and its idempotency record', () => {
  let dataDir: string;
  let server: ChildProcess | undefined;
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
    dataDir = mkdtempSync(join(tmpdir(), 'okr-crash-retry-'));
  });
  afterAll(async () => {
    if (server && server.exitCode === null && server.signalCode === null) await killHard(server);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the retry as the first request would have, with its work stored once', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}/api`;
    const headers = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
    const send = (path: string, body: object, key?: string) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { ...headers, ...(key ? { 'Idempotency-Key': key } : {}) },
        body: JSON.stringify(body),
      });
    const post = async (path: string, body: object) => {
      const res = await send(path, body);
      expect(res.status).toBe(201);
      return (await res.json()) as { id: string };
    };
    const CRASH = { OKR_TEST_KILL_BEFORE_IDEMPOTENCY_RECORD: 'crash-' };

    server = await startServer(dataDir, port, CRASH);
    const cycle = await post('/cycles', { name: 'Q1', startsOn: '2026-01-01', endsOn: '2026-12-31' });
    const next = await post('/cycles', { name: 'Q2', startsOn: '2027-01-01', endsOn: '2027-03-31' });
    const objective = await post('/objectives', { cycleId: cycle.id, title: 'Survive crashes', kind: 'committed' });
    const kr = await post(`/objectives/${objective.id}/key-results`, {
      title: 'Durable writes',
      metric: { type: 'increase', start: 0, target: 100 },
    });
    const closing = await post('/cycles', { name: 'Closing', startsOn: '2026-01-01', endsOn: '2026-06-30' });
    const alsoClosing = await post('/objectives', { cycleId: closing.id, title: 'Also closing', kind: 'committed' });

    // Each request stores its work, then the server dies before recording its key: no answer reaches the client.
    const requests: { name: string; path: string; body: object; status: number }[] = [
      { name: 'check-in', path: `/key-results/${kr.id}/check-ins`, body: { value: 42, confidence: 0.7 }, status: 201 },
      { name: 'objective', path: '/objectives', body: { cycleId: closing.id, title: 'Created once', kind: 'committed' }, status: 201 },
      { name: 'carry-over', path: `/objectives/${objective.id}/carry-over`, body: { cycleId: next.id }, status: 201 },
      { name: 'user', path: '/users', body: { name: 'Rita Retry', role: 'editor' }, status: 201 },
      { name: 'close-cycle', path: `/cycles/${closing.id}/close`, body: {}, status: 200 },
    ];
    for (const request of requests) {
      const dying = server;
      const exited = new Promise((done) => dying.once('exit', (_code, signal) => done(signal)));
      await expect(send(request.path, request.body, `crash-${request.name}`)).rejects.toThrow();
      expect(await exited).toBe('SIGKILL');
      server = await startServer(dataDir, port, CRASH);
    }
    await killHard(server);

    server = await startServer(dataDir, port);
    const answers: Record<
      string,
      { status: number; body: { id?: string; token?: string; keyResultIds?: string[]; closedObjectiveIds?: string[] } }
    > = {};
    try {
      for (const request of requests) {
        const retry = await send(request.path, request.body, `crash-${request.name}`);
        answers[request.name] = { status: retry.status, body: (await retry.json()) as (typeof answers)[string]['body'] };
        if (request.name === 'check-in') {
          // The key result counts one check-in (the symptom: two, the retry stored a second one).
          const position = String((answers['check-in'].body as { position?: number }).position ?? 0);
          const read = await fetch(`${base}/key-results/${kr.id}`, { headers: { ...headers, 'X-Min-Position': position } });
          expect(((await read.json()) as { checkInCount: number }).checkInCount).toBe(1);
        }
        expect({ name: request.name, status: retry.status }).toEqual({ name: request.name, status: request.status });
        // From now on the key is recorded: the same answer, replayed.
        const again = await send(request.path, request.body, `crash-${request.name}`);
        expect(again.headers.get('idempotent-replayed')).toBe('true');
        expect(await again.json()).toEqual(answers[request.name].body);
      }
      const userToken = answers.user.body.token!;
      expect((await fetch(`${base}/cycles`, { headers: { Authorization: `Bearer ${userToken}` } })).status).toBe(200);
    } finally {
      await killHard(server);
    }

    const store = SqliteEventStore.open({ filePath: join(dataDir, 'okr.db') });
    try {
      const all = await store.readAll({ maxCount: 10_000 });
      const ofType = (type: string, where: (data: Record<string, unknown>) => boolean = () => true) =>
        all.filter((e) => e.type === type && where(e.data as Record<string, unknown>));
      // One check-in, the one answered.
      expect(ofType('KeyResultCheckedIn').map((e) => (e.data as { checkInId: string }).checkInId)).toEqual([answers['check-in'].body.id]);
      // One objective 'Created once', the one answered.
      expect(ofType('ObjectiveCreated', (d) => d.title === 'Created once').map((e) => e.streamId)).toEqual([
        `objective-${answers.objective.body.id}`,
      ]);
      // One carried-over objective and its key result, those answered; the origin marked once.
      expect(ofType('ObjectiveCreated', (d) => d.carriedOverFrom === objective.id).map((e) => e.streamId)).toEqual([
        `objective-${answers['carry-over'].body.id}`,
      ]);
      expect(ofType('KeyResultAdded', (d) => d.carriedOverFrom === kr.id).map((e) => e.streamId)).toEqual(
        answers['carry-over'].body.keyResultIds!.map((id) => `keyresult-${id}`),
      );
      expect(ofType('ObjectiveCarriedOver')).toHaveLength(1);
      // One user.
      expect(ofType('UserCreated', (d) => d.name === 'Rita Retry').map((e) => e.streamId)).toEqual([`user-${answers.user.body.id}`]);
      // The cycle closed once, its two open objectives closed once each.
      expect(ofType('CycleClosed')).toHaveLength(1);
      expect([...answers['close-cycle'].body.closedObjectiveIds!].sort()).toEqual([alsoClosing.id, answers.objective.body.id].sort());
      expect(
        ofType('ObjectiveClosed')
          .map((e) => e.streamId)
          .sort(),
      ).toEqual([alsoClosing.id, answers.objective.body.id].map((id) => `objective-${id}`).sort());
    } finally {
      await store.close();
    }
  }, 120_000);
});
