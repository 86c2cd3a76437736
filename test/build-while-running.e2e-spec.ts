import { ChildProcess, spawn } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AppProcess, BUILD_DIR, freePort, getJson, sleep, waitFor } from './support/built-app-process';

const REPO = resolve(__dirname, '..');
const TOKEN = 'build-test-admin-token-0123456789';

/**
 * `npm run build` (which `npm start`, `npm run seed` and `npm test` run) while a server built by the previous build
 * runs from the same directory: the server keeps answering, asOf included (its replay worker is started from the
 * build's files), every file it may load stays in place throughout, and files of sources that are gone do not
 * linger. The repository is copied (sources, with the current build as the previous one) so the shared dist/ of
 * the other tests is never touched.
 */
describe('npm run build under a running server', () => {
  let copy: string;
  let server: AppProcess;
  let base: string;
  let objectiveId: string;
  const headers = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };

  beforeAll(async () => {
    if (!existsSync(join(BUILD_DIR, 'apps/api/src/main.js'))) throw new Error(`${BUILD_DIR} is missing: run "npm run build" first`);
    copy = mkdtempSync(join(tmpdir(), 'okr-build-'));
    for (const entry of ['apps', 'libs', 'scripts', 'package.json', 'tsconfig.json', 'tsconfig.build.json']) {
      if (existsSync(join(REPO, entry))) cpSync(join(REPO, entry), join(copy, entry), { recursive: true });
    }
    symlinkSync(realpathSync(join(REPO, 'node_modules')), join(copy, 'node_modules'));
    cpSync(BUILD_DIR, join(copy, 'dist'), { recursive: true });
    // The previous build differs from the next in every file, so the build replaces every one of them.
    for (const file of filesUnder(join(copy, 'dist'))) appendFileSync(join(copy, 'dist', file), '\n// the previous build\n');
    // What a build of sources deleted since would have left behind.
    writeFileSync(join(copy, 'dist/apps/api/src/retired.worker.js'), 'throw new Error("retired");\n');
    mkdirSync(join(copy, 'dist/libs/retired/src'), { recursive: true });
    writeFileSync(join(copy, 'dist/libs/retired/src/index.js'), '');

    const port = await freePort();
    base = `http://127.0.0.1:${port}/api`;
    const dataDir = join(copy, 'data');
    // The point-in-time worker starts at the first asOf question, so it is started from the build's files mid-build.
    server = new AppProcess('api', join(copy, 'dist/apps/api/src/main.js'), {
      PORT: String(port),
      OKR_DATA_DIR: dataDir,
      OKR_ADMIN_TOKEN: TOKEN,
      LOG_LEVEL: 'warn',
      POINT_IN_TIME_BUILD_AHEAD: '0',
    });
    await waitFor(
      async () => ((await getJson(`${base}/health`))?.status === 200 ? true : undefined),
      30_000,
      () => server.describe(),
    );
    const post = async (path: string, body: object) => {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      expect(res.status).toBe(201);
      return (await res.json()) as { id: string };
    };
    const cycle = await post('/cycles', { name: 'Q1', startsOn: '2026-01-01', endsOn: '2026-12-31' });
    objectiveId = (await post('/objectives', { cycleId: cycle.id, title: 'Keep answering', kind: 'committed' })).id;
  }, 60_000);

  afterAll(async () => {
    await server?.stop('SIGTERM');
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('keeps every file in place and asOf answering throughout, then drops the files of deleted sources', async () => {
    const dist = join(copy, 'dist');
    const loadable = filesUnder(dist).filter((file) => file.endsWith('.js') && !file.includes('retired'));
    expect(loadable.filter((file) => file.endsWith('.worker.js')).length).toBeGreaterThan(0);

    const build: ChildProcess = spawn('npm', ['run', 'build', '--silent'], { cwd: copy, stdio: ['ignore', 'pipe', 'pipe'] });
    let buildOutput = '';
    build.stdout?.on('data', (d) => (buildOutput += d));
    build.stderr?.on('data', (d) => (buildOutput += d));
    const exited = new Promise<number | null>((done) => build.once('exit', (code) => done(code)));
    let running = true;
    void exited.then(() => (running = false));

    const problems: string[] = [];
    let samples = 0;
    while (running) {
      samples++;
      const missing = loadable.filter((file) => !isNonEmptyFile(join(dist, file)));
      if (missing.length > 0) problems.push(`${missing.length} files missing or empty, e.g. ${missing[0]}`);
      const asOf = new Date().toISOString();
      const answer = await getJson(`${base}/objectives/${objectiveId}?asOf=${asOf}`, headers);
      if (answer?.status !== 200 || answer.body.id !== objectiveId)
        problems.push(`asOf ${asOf}: ${answer?.status} ${JSON.stringify(answer?.body)}`);
      await sleep(100);
    }
    expect({ code: await exited, output: buildOutput }).toEqual({ code: 0, output: '' });
    expect(samples).toBeGreaterThan(3);
    expect(problems).toEqual([]);

    expect(existsSync(join(dist, 'apps/api/src/retired.worker.js'))).toBe(false);
    expect(existsSync(join(dist, 'libs/retired'))).toBe(false);
    expect(existsSync(join(dist, '.next'))).toBe(false);
    expect(
      filesUnder(dist)
        .filter((file) => file.endsWith('.js'))
        .sort(),
    ).toEqual(loadable.sort());
    expect(readFileSync(join(dist, 'apps/api/src/main.js'), 'utf8')).not.toContain('the previous build');
    const after = await getJson(`${base}/objectives/${objectiveId}?asOf=${new Date().toISOString()}`, headers);
    expect(after?.status).toBe(200);
  }, 240_000);
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name).slice(dir.length + 1));
}

function isNonEmptyFile(path: string): boolean {
  try {
    return statSync(path).size > 0;
  } catch {
    return false;
  }
}
