import { BENCH_ADMIN_TOKEN } from '../config/bench-plan';
import { freePort } from '../support/free-port';
import { http, sleep } from '../support/http';
import { NodeChild } from '../support/node-child';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_ENTRYPOINTS, REPO_ROOT } from '../support/paths';
import { RssSampler } from '../support/proc-status';

export interface ApiProcessOptions {
  /** OKR_DATA_DIR: a scratch copy, never the cache. */
  dataDir: string;
  logFile: string;
  /** With a directory: run under `node --cpu-prof`, the profile written there at shutdown. */
  profileDir?: string;
  /** How long start-up (including the projections' catch-up) may take. */
  startTimeoutMs?: number;
}

interface HealthBody {
  status?: string;
  dependencies?: { eventStore?: { headPosition?: number } };
}

/** Where the event log and the read models stand. */
export interface Positions {
  head: number;
  /** X-Projection-Position; undefined if the API stops sending it. */
  projected?: number;
}

/**
 * The real API (`node dist/apps/api/src/main.js`) as a child process on a loopback port, with the bench's
 * admin token and LOG_LEVEL=warn. `start` resolves once /api/health answers, i.e. after the embedded
 * projections have caught up with the log (the server listens only after that).
 */
export class ApiProcess {
  private constructor(
    private readonly child: NodeChild,
    readonly baseUrl: string,
    /** From spawn to the first healthy answer (includes the projections' catch-up). */
    readonly startupSeconds: number,
    /** Watches the process's memory from its spawn on. */
    readonly rss: RssSampler,
  ) {}

  static async start(options: ApiProcessOptions): Promise<ApiProcess> {
    const port = await freePort();
    // The API runs with the Node options `npm start` gives it (package.json config.apiNodeOptions: the heap cap).
    const nodeArgs = [...apiNodeOptions(), ...(options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [])];
    const started = performance.now();
    const child = NodeChild.spawn({
      script: APP_ENTRYPOINTS.api,
      nodeArgs,
      env: { OKR_DATA_DIR: options.dataDir, PORT: String(port), OKR_ADMIN_TOKEN: BENCH_ADMIN_TOKEN, LOG_LEVEL: 'warn' },
      logFile: options.logFile,
    });
    const sampler = new RssSampler(child.pid, 250).start();
    const baseUrl = `http://127.0.0.1:${port}/api`;
    const deadline = Date.now() + (options.startTimeoutMs ?? 30 * 60_000);
    for (;;) {
      if (child.hasExited) throw new Error(`The API exited during start-up\n  ${child.describeOutput()}`);
      if (Date.now() > deadline) {
        await child.stop();
        throw new Error(`The API did not answer /api/health in time\n  ${child.describeOutput()}`);
      }
      try {
        const answer = await http<HealthBody>(`${baseUrl}/health`, { timeoutMs: 2000 });
        if (answer.status === 200) break;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    const api = new ApiProcess(child, baseUrl, (performance.now() - started) / 1000, sampler);
    sampler.mark('after start-up');
    return api;
  }

  get pid(): number {
    return this.child.pid;
  }

  get token(): string {
    return BENCH_ADMIN_TOKEN;
  }

  get logFile(): string {
    return this.child.options.logFile;
  }

  async positions(): Promise<Positions> {
    const answer = await http<HealthBody>(`${this.baseUrl}/health`, { timeoutMs: 10_000 });
    const head = answer.body?.dependencies?.eventStore?.headPosition;
    if (answer.status !== 200 || typeof head !== 'number')
      throw new Error(`/api/health answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    const header = answer.headers.get('x-projection-position');
    return { head, projected: header === null ? undefined : Number(header) };
  }

  /**
   * Waits until the read models include every event stored now; returns how long that took and how far
   * behind they were (undefined when the API does not report its projection position).
   */
  async waitForProjections(timeoutMs = 600_000): Promise<{ lagEvents?: number; seconds?: number }> {
    const started = performance.now();
    const first = await this.positions();
    if (first.projected === undefined) return {};
    const lagEvents = Math.max(0, first.head - first.projected);
    let current = first;
    while (current.projected! < first.head) {
      if (performance.now() - started > timeoutMs)
        throw new Error(`Read models still at ${current.projected} of ${first.head} after ${timeoutMs / 1000} s`);
      await sleep(100);
      current = await this.positions();
    }
    return { lagEvents, seconds: (performance.now() - started) / 1000 };
  }

  /** Graceful stop (SIGTERM): the CPU profile, if any, is written. Returns the peak RSS seen. */
  async stop(): Promise<{ peakRss: number; exitCode: number | null }> {
    this.rss.stop();
    const exit = await this.child.stop();
    return { peakRss: this.rss.peakRss, exitCode: exit.code };
  }
}

/** The Node options of `npm start` (package.json `config.apiNodeOptions`). */
export function apiNodeOptions(): string[] {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { config?: { apiNodeOptions?: string } };
  return (pkg.config?.apiNodeOptions ?? '').split(/\s+/).filter(Boolean);
}
