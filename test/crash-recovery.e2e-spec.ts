import { SqliteEventStore } from '@okr/event-store';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_MAIN as MAIN, freePort } from './support/built-app-process';

const TOKEN = 'crash-test-admin-token-0123456789';

async function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: String(port), OKR_DATA_DIR: dataDir, OKR_ADMIN_TOKEN: TOKEN, LOG_LEVEL: 'warn' },
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
