import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILD_DIR } from './support/built-app-process';
import { ADMIN_TOKEN, TestApi, startTestApi } from './support/test-api';

/** The built analyst CLI (`npm run build`, or OKR_E2E_DIST for a private build). */
const CLI_MAIN = join(BUILD_DIR, 'apps/cli/src/main.js');

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a child process (asynchronously: the API it may talk to runs in this process). */
function okr(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_MAIN, ...args], {
      env: { ...process.env, OKR_DATA_DIR: '', OKR_TOKEN: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const DAY = 24 * 3600_000;
// Every CLI run is a fresh Node process (about a second each on a busy machine).
jest.setTimeout(120_000);

/**
 * The analyst CLI on a simulated quarter, in both modes: reading the embedded store directly (next to the
 * running API, on the same data directory) and asking the running API over HTTP. Both must print the same
 * output with the same exit code; the replay must equal what the live endpoint answered at that instant.
 */
describe('analyst CLI (e2e, built CLI as a child process)', () => {
  let api: TestApi;
  let baseUrl: string;
  const ids: Record<string, string> = {};
  /** Live alignment answers captured during the simulation, by instant. */
  const live = new Map<string, unknown>();
  const T1 = '2026-01-20T00:00:00.000Z';
  const T2 = '2026-02-10T00:00:00.000Z';
  const T3 = '2026-03-01T00:00:00.000Z';
  const CYCLE = 'E2E 2026 Q1';

  const embedded = () => ['--data', api.dataDir];
  const remote = () => ['--api', baseUrl, '--token', ADMIN_TOKEN];

  async function send(method: 'post' | 'patch' | 'put', url: string, body: object, status = 201) {
    return (await api.as()[method](url).send(body).expect(status)).body;
  }

  async function captureLiveAt(instant: string) {
    api.clock.set(instant);
    live.set(instant, (await api.as().get(`/api/cycles/${ids.cycle}/alignment`).expect(200)).body);
  }

  /** Runs the same command in both modes; expects the same exit code and output, and returns them. */
  async function bothModes(args: string[]): Promise<CliRun> {
    const [local, http] = [await okr([...args, ...embedded()]), await okr([...args, ...remote()])];
    expect({ code: http.code, stdout: http.stdout, stderr: http.stderr }).toEqual({
      code: local.code,
      stdout: local.stdout,
      stderr: local.stderr,
    });
    return local;
  }

  beforeAll(async () => {
    if (!existsSync(CLI_MAIN)) throw new Error(`${CLI_MAIN} is missing: run npm run build first (or set OKR_E2E_DIST to a private build)`);
    api = await startTestApi({ now: '2026-01-05T09:00:00.000Z' });
    await api.app.listen(0, '127.0.0.1');
    const address = api.app.getHttpServer().address() as { port: number };
    baseUrl = `http://127.0.0.1:${address.port}`;

    // The quarter: a cycle, two teams, an aligned tree of objectives with key results.
    ids.cycle = (await send('post', '/api/cycles', { name: CYCLE, startsOn: '2026-01-01', endsOn: '2026-03-31' })).id;
    await send('post', '/api/cycles', { name: 'E2E 2026 Q2', startsOn: '2026-04-01', endsOn: '2026-06-30' });
    ids.team = (await send('post', '/api/teams', { name: 'Growth' })).id;
    const objective = async (title: string) =>
      (await send('post', '/api/objectives', { cycleId: ids.cycle, title, kind: 'committed', teamId: ids.team })).id as string;
    const keyResult = async (objectiveId: string, title: string, target: number) =>
      (
        await send('post', `/api/objectives/${objectiveId}/key-results`, {
          title,
          metric: { type: 'increase', start: 0, target, unit: '%' },
        })
      ).id as string;
    ids.top = await objective('Win the market');
    ids.child = await objective('Ship faster');
    ids.side = await objective('Side quest');
    await send('put', `/api/objectives/${ids.child}/parent`, { parentObjectiveId: ids.top }, 200);
    ids.revenue = await keyResult(ids.top, 'Revenue', 100);
    ids.deploys = await keyResult(ids.child, 'Deploys per day', 10);
    ids.quick = await keyResult(ids.side, 'Quick thing', 4);

    api.clock.advance(DAY);
    await send('post', `/api/key-results/${ids.revenue}/check-ins`, { value: 10, confidence: 0.6 });
    await send('post', `/api/key-results/${ids.deploys}/check-ins`, { value: 2, confidence: 0.5 });
    await captureLiveAt(T1);

    // Between T1 and T2: a target moved (with a reason), a weight, an archive, a new objective, a realignment,
    // and a check-in recorded on Feb 5 but backdated to Jan 15.
    api.clock.set('2026-01-25T10:00:00.000Z');
    await send('patch', `/api/key-results/${ids.revenue}`, { target: 80, reason: 'market shrank' }, 200);
    await send('patch', `/api/key-results/${ids.deploys}`, { weight: 2 }, 200);
    await send('post', `/api/objectives/${ids.side}/archive`, {}, 200);
    ids.added = await objective('New idea');
    await send('put', `/api/objectives/${ids.child}/parent`, { parentObjectiveId: ids.top, weight: 3 }, 200);
    api.clock.set('2026-02-05T10:00:00.000Z');
    await send('post', `/api/key-results/${ids.deploys}/check-ins`, { value: 5, confidence: 0.7, effectiveAt: '2026-01-15T12:00:00.000Z' });
    await send('post', `/api/key-results/${ids.revenue}/check-ins`, { value: 30, confidence: 0.7, note: 'big deal signed' });
    await captureLiveAt(T2);

    api.clock.set('2026-02-20T10:00:00.000Z');
    await send('post', `/api/key-results/${ids.revenue}/check-ins`, { value: 60, confidence: 0.8 });
    await send('post', `/api/key-results/${ids.deploys}/check-ins`, { value: 9, confidence: 0.9 });
    await captureLiveAt(T3);
    // After the cycle's end: the time series' last boundary is the cycle end for the API's (simulated) clock too,
    // as for the embedded store's real one.
    api.clock.set('2026-04-05T00:00:00.000Z');
  });

  afterAll(async () => {
    await api?.close();
  });

  it('replay prints the alignment tree exactly as the live endpoint answered at that instant, in both modes', async () => {
    for (const instant of [T1, T2, T3]) {
      const json = await bothModes(['replay', '--cycle', CYCLE, '--at', instant, '--json']);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toEqual(live.get(instant));
    }
    const text = await bothModes(['replay', '--cycle', CYCLE, '--at', T2]);
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toBe(`Cycle '${CYCLE}' (2026-01-01 to 2026-03-31, open) as it stood at ${T2}`);
    const tree = live.get(T2) as {
      roots: { title: string; progress: number; rollup: number; status: string; children: { title: string }[] }[];
      expected: number;
    };
    const top = tree.roots.find((r) => r.title === 'Win the market')!;
    const topLine = lines.find((l) => l.startsWith('Win the market'))!;
    expect(topLine).toContain(`${(top.progress * 100).toFixed(1)}%`);
    expect(topLine).toContain(`${(top.rollup * 100).toFixed(1)}%`);
    expect(topLine).toContain(top.status);
    expect(lines).toContainEqual(expect.stringMatching(/^└─ Ship faster +Administrator|^└─ Ship faster +—/));
    expect(text.stdout).not.toContain('Side quest'); // archived by T2
    expect(text.stdout).toContain(`3 objectives (2 at the top) at ${T2}; expected pace ${(tree.expected * 100).toFixed(1)}%`);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(100);
  });

  it('the backdated check-in is absent from replays before it was recorded', async () => {
    const before = JSON.parse((await okr(['replay', '--cycle', ids.cycle, '--at', '2026-02-01', '--json', ...embedded()])).stdout);
    const after = JSON.parse((await okr(['replay', '--cycle', ids.cycle, '--at', '2026-02-05T10:00:01Z', '--json', ...embedded()])).stdout);
    const childOf = (answer: { roots: { title: string; children: { title: string; progress: number }[] }[] }) =>
      answer.roots.find((r) => r.title === 'Win the market')!.children.find((c) => c.title === 'Ship faster')!;
    expect(childOf(before).progress).toBeCloseTo(0.2, 12); // 2 of 10: the Jan 15 value was not known yet
    expect(childOf(after).progress).toBeCloseTo(0.5, 12);
  });

  it('diff lists what changed between two dates, who changed targets and why, the same in both modes', async () => {
    const text = await bothModes(['diff', '--cycle', CYCLE, '--from', T1, '--to', T2]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Cycle '${CYCLE}': what changed from ${T1} to ${T2}`);
    expect(text.stdout).toContain("Objectives added (1)\n  + 'New idea'\n");
    expect(text.stdout).toContain("Objectives archived (1)\n  - 'Side quest'\n");
    expect(text.stdout).toContain("Objectives realigned (1)\n  ~ 'Ship faster': weight 1 → 3\n");
    expect(text.stdout).toContain(
      "Targets changed (1)\n  ~ 'Revenue': target 100 → 80\n      100 → 80 by Administrator at 2026-01-25T10:00:00.000Z: market shrank\n",
    );
    expect(text.stdout).toContain("Weights changed (1)\n  ~ 'Deploys per day': weight 1 → 2\n");
    const json = await bothModes(['diff', '--cycle', ids.cycle, '--from', T1, '--to', T2, '--json']);
    expect(JSON.parse(json.stdout)).toEqual((await api.as().get(`/api/cycles/${ids.cycle}/diff?from=${T1}&to=${T2}`).expect(200)).body);
  });

  it('export streams every event of the cycle as the API does, as JSON Lines and CSV, to stdout or a file', async () => {
    const jsonl = await bothModes(['export', '--cycle', CYCLE]);
    expect(jsonl.code).toBe(0);
    expect(jsonl.stdout).toBe((await api.as().get(`/api/cycles/${ids.cycle}/events?format=jsonl`).expect(200)).text);
    const events = jsonl.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.map((e) => e.type)).toContain('KeyResultTargetChanged');
    expect(new Set(events.map((e) => e.streamId))).toContain(`cycle-${ids.cycle}`);

    const dir = mkdtempSync(join(tmpdir(), 'okr-cli-e2e-'));
    try {
      const [local, http] = [join(dir, 'local.csv'), join(dir, 'http.csv')];
      expect((await okr(['export', '--cycle', CYCLE, '--format', 'csv', '--out', local, ...embedded()])).code).toBe(0);
      expect((await okr(['export', '--cycle', CYCLE, '--format', 'csv', '--out', http, ...remote()])).code).toBe(0);
      const csv = readFileSync(local, 'utf8');
      expect(csv).toBe(readFileSync(http, 'utf8'));
      expect(csv.startsWith('position,streamId,revision,eventId,type,')).toBe(true);
      expect(csv.split('\r\n').filter(Boolean)).toHaveLength(events.length + 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('timeseries prints progress at each boundary in effective time, as the API does, as CSV or JSON, to stdout or a file', async () => {
    const weekly = await bothModes(['timeseries', '--cycle', CYCLE, '--interval', 'week']);
    expect(weekly.code).toBe(0);
    expect(weekly.stdout).toBe((await api.as().get(`/api/cycles/${ids.cycle}/timeseries?interval=week&format=csv`).expect(200)).text);
    expect(weekly.stdout.startsWith('at,kind,id,objectiveId,title,value,progress,rollup\r\n')).toBe(true);

    const daily = await bothModes(['timeseries', '--cycle', CYCLE, '--interval', 'day', '--from', '2026-01-10', '--to', '2026-01-31']);
    const rows = daily.stdout
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(','));
    const deploys = rows.filter((r) => r[1] === 'keyResult' && r[2] === ids.deploys);
    expect(deploys.length).toBeGreaterThan(10);
    // The check-in recorded on Feb 5 but effective on Jan 15 counts from Jan 15 in the series (effective time).
    const valueAt = (day: string) => deploys.filter((r) => r[0] < day).pop()![5];
    expect(valueAt('2026-01-15T12:00:00.000Z')).toBe('2');
    expect(valueAt('2026-01-17T00:00:00.000Z')).toBe('5');

    const json = await bothModes(['timeseries', '--cycle', ids.cycle, '--format', 'json']);
    expect(JSON.parse(json.stdout)).toEqual(
      (await api.as().get(`/api/cycles/${ids.cycle}/timeseries?interval=week&format=json`).expect(200)).body,
    );

    const dir = mkdtempSync(join(tmpdir(), 'okr-cli-e2e-'));
    try {
      const file = join(dir, 'weekly.csv');
      const run = await okr(['timeseries', '--cycle', CYCLE, '--interval', 'week', '--out', file, ...embedded()]);
      expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 0, stdout: '' });
      expect(readFileSync(file, 'utf8')).toBe(weekly.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("GET /api/cycles lists the tenant's cycles, earliest start first (what --cycle <name> is looked up in)", async () => {
    const { body } = await api.as().get('/api/cycles').expect(200);
    expect(body).toEqual({
      items: [
        { id: ids.cycle, name: CYCLE, startsOn: '2026-01-01', endsOn: '2026-03-31', status: 'open', closedAt: null },
        { id: expect.any(String), name: 'E2E 2026 Q2', startsOn: '2026-04-01', endsOn: '2026-06-30', status: 'open', closedAt: null },
      ],
    });
  });

  it('refuses bad command lines with exit 2 and a message naming the option, in both modes', async () => {
    const missing = await bothModes(['diff', '--cycle', CYCLE, '--from', T1]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('Error: diff needs --to\nUsage: npm run okr -- help diff\n');
    const future = await bothModes(['replay', '--cycle', CYCLE, '--at', '2099-01-01']);
    // Both refuse it: the embedded store against the real clock, the API against its own (simulated) one.
    expect(future.code).toBe(2);
    expect(future.stderr).toBe('Error: --at must not be in the future\nUsage: npm run okr -- help replay\n');
    const unknown = await bothModes(['replay', '--cycle', 'E2E', '--at', T1]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Error: --cycle "E2E" is neither the id nor the name of a cycle; the cycles are:\n');
    expect(unknown.stderr).toContain(`  ${CYCLE}  (2026-01-01 to 2026-03-31, open)  id ${ids.cycle}\n`);
    expect(unknown.stderr).toContain('  E2E 2026 Q2  (2026-04-01 to 2026-06-30, open)  id ');
    const format = await okr(['export', '--cycle', CYCLE, '--format', 'xml', ...embedded()]);
    expect({ code: format.code, stderr: format.stderr }).toEqual({
      code: 2,
      stderr: 'Error: --format must be jsonl or csv (got "xml")\nUsage: npm run okr -- help export\n',
    });
    const noStore = await okr(['verify', '--data', join(api.dataDir, 'nowhere')]);
    expect({ code: noStore.code, stderr: noStore.stderr }).toEqual({
      code: 1,
      stderr: `Error: No event store at ${join(api.dataDir, 'nowhere', 'okr.db')}: check --data or OKR_DATA_DIR\n`,
    });
    const badToken = await okr(['verify', '--api', baseUrl, '--token', 'not-the-token-at-all']);
    expect(badToken.code).toBe(1);
    expect(badToken.stderr).toMatch(/^Error: The API refused the token \(401\): /);
  });

  it('reads the embedded store without writing anything next to the running API', async () => {
    // Every file's bytes, but the -shm files: they are SQLite's shared-memory index of the WAL, where every
    // reader (read-only ones too) records the snapshot it reads; no data lives there.
    const fingerprint = () =>
      readdirSync(api.dataDir)
        .filter((name) => !name.endsWith('-shm'))
        .sort()
        .map(
          (name) =>
            `${name}:${createHash('sha256')
              .update(readFileSync(join(api.dataDir, name)))
              .digest('hex')}`,
        );
    const before = fingerprint();
    const commands = [
      ['verify'],
      ['replay', '--cycle', CYCLE, '--at', T3],
      ['diff', '--cycle', CYCLE, '--from', T1, '--to', T3],
      ['export', '--cycle', CYCLE],
      ['timeseries', '--cycle', CYCLE],
    ];
    for (const args of commands) {
      expect((await okr([...args, ...embedded()])).code).toBe(0);
    }
    expect(fingerprint()).toEqual(before);
  });

  // Last: it edits the store behind the application's back.
  it('verify reports intact chains (exit 0), then the exact stream and revision of an edited event (exit 3), in both modes', async () => {
    const intact = await bothModes(['verify']);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/^Verified \d+ events in \d+ streams \(log head \d+\): every hash link holds\.\n$/);

    const db = new Database(join(api.dataDir, 'okr.db'));
    const target = db
      .prepare(`SELECT position, revision, stream_id AS streamId FROM events WHERE stream_id = ? AND type = 'KeyResultTargetChanged'`)
      .get(`keyresult-${ids.revenue}`) as { position: number; revision: number; streamId: string };
    db.prepare(`UPDATE events SET data = json_set(data, '$.target', 50) WHERE position = ?`).run(target.position);
    db.close();

    const tampered = await bothModes(['verify']);
    expect(tampered.code).toBe(3);
    expect(tampered.stdout).toContain(
      `First broken link: stream ${target.streamId}, revision ${target.revision} (position ${target.position}): hash_mismatch\n`,
    );
    const json = JSON.parse((await okr(['verify', '--json', ...embedded()])).stdout);
    expect(json).toMatchObject({
      ok: false,
      brokenLinks: 1,
      firstBroken: { streamId: target.streamId, revision: target.revision, position: target.position, reason: 'hash_mismatch' },
    });
  });
});
