import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/**
 * The built applications (`npm run build` output). OKR_E2E_DIST points elsewhere (e.g. a private build made
 * with `tsc -p tsconfig.build.json --outDir DIR && tsc-alias -p tsconfig.build.json --outDir DIR`).
 */
export const BUILD_DIR = resolve(process.env.OKR_E2E_DIST ?? join(__dirname, '../../dist'));
export const API_MAIN = join(BUILD_DIR, 'apps/api/src/main.js');
export const PROJECTOR_MAIN = join(BUILD_DIR, 'apps/projector/src/main.js');

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value other than undefined; throws with `describe()` after `timeoutMs` or when `probe` throws. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  describe: () => string,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let value: T | undefined;
    try {
      value = await probe();
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}: ${describe()}`, { cause: error });
    }
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${describe()}`);
    await sleep(intervalMs);
  }
}

/** A built application (API or projector) running as a child process, with its output kept for diagnostics. */
export class AppProcess {
  output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;

  constructor(
    readonly name: string,
    script: string,
    env: Record<string, string>,
  ) {
    this.child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.on('data', (d) => (this.output += d));
    this.child.stderr?.on('data', (d) => (this.output += d));
    this.exited = new Promise((done) => this.child.once('exit', (code, signal) => done({ code, signal })));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** Sends `signal` and waits for the exit (at most `timeoutMs`, then SIGKILL and throw). */
  async stop(signal: NodeJS.Signals, timeoutMs = 15_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.signal(signal);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const result = await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    if (result === 'timeout') {
      this.child.kill('SIGKILL');
      throw new Error(`${this.name} did not exit within ${timeoutMs} ms of ${signal}:\n${this.output}`);
    }
    return result;
  }

  describe(): string {
    return `${this.name} (${this.running ? 'running' : `exited ${this.child.exitCode ?? this.child.signalCode}`}):\n${this.output}`;
  }
}

/** GETs a JSON document; undefined when the server does not answer. */
export async function getJson(
  url: string,
  headers: Record<string, string> = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON answer of any route, read field by field by the tests
): Promise<{ status: number; body: any; headers: Headers } | undefined> {
  try {
    const res = await fetch(url, { headers });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  } catch {
    return undefined;
  }
}
