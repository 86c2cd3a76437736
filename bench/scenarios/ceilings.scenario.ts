import { join } from 'node:path';
import { SqliteCeiling } from '../ceilings/sqlite-ceiling';
import { LoadResult, runLoad } from '../load/load-test';
import { freePort } from '../support/free-port';
import { http, sleep } from '../support/http';
import { NodeChild } from '../support/node-child';
import { BENCH_ENTRYPOINTS } from '../support/paths';
import { RssSampler } from '../support/proc-status';
import { removeDir } from '../support/files';
import { ScenarioContext } from './scenario-context';

/** The machine's ceilings measured in this run, to read the figures against. */
export interface CeilingsResult {
  sqlite: SqliteCeiling;
  emptyRoute: {
    /** Same settings as the check-in load (32 connections). */
    checkInConnections: LoadResult;
    /** Same settings as the alignment load (4 connections). */
    alignmentConnections: LoadResult;
    /** VmHWM of the empty Nest app after both loads. */
    peakRss: number;
    startupSeconds: number;
  };
}

export async function runCeilingsScenario(ctx: ScenarioContext): Promise<CeilingsResult> {
  const sqlite = await measureSqlite(ctx);
  const emptyRoute = await measureEmptyRoute(ctx);
  return { sqlite, emptyRoute };
}

/** Raw better-sqlite3 rates, in a child process on a scratch file. */
async function measureSqlite(ctx: ScenarioContext): Promise<SqliteCeiling> {
  const dir = join(ctx.workDir, 'sqlite-ceiling');
  removeDir(dir);
  ctx.say(`ceilings: raw better-sqlite3 (${ctx.plan.sqliteSeconds} s per measurement)`);
  const child = NodeChild.spawn({
    script: BENCH_ENTRYPOINTS.sqliteCeiling,
    args: [dir, String(ctx.plan.sqliteSeconds)],
    logFile: join(ctx.logDir, 'sqlite-ceiling.log'),
  });
  await child.succeeded('The SQLite ceiling');
  removeDir(dir);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as SqliteCeiling;
}

/** Waits until the one-route Nest app answers; its origin. */
async function untilEmptyNestAnswers(child: NodeChild, port: number): Promise<string> {
  const origin = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.hasExited) throw new Error(`The empty Nest app exited\n  ${child.describeOutput()}`);
    const ready = await http(`${origin}/api/empty`, { timeoutMs: 1000 }).then(
      (a) => a.status === 200,
      () => false,
    );
    if (ready) return origin;
    await sleep(50);
  }
}

/** A one-route Nest app on Fastify, measured with the load settings of the scenarios. */
async function measureEmptyRoute(ctx: ScenarioContext): Promise<CeilingsResult['emptyRoute']> {
  const port = await freePort();
  const started = performance.now();
  const child = NodeChild.spawn({
    script: BENCH_ENTRYPOINTS.emptyNest,
    env: { PORT: String(port) },
    logFile: join(ctx.logDir, 'empty-nest.log'),
  });
  const rss = new RssSampler(child.pid, 250).start();
  try {
    const origin = await untilEmptyNestAnswers(child, port);
    const startupSeconds = (performance.now() - started) / 1000;
    const { load } = ctx.plan;
    const seconds = ctx.options.seconds ?? load.seconds;
    const next = () => ({ method: 'GET' as const, path: '/api/empty' });
    ctx.say(`ceilings: empty Nest route, ${load.checkInConnections} connections, ${seconds} s`);
    const checkInConnections = await runLoad({
      origin,
      connections: load.checkInConnections,
      seconds,
      warmupSeconds: load.warmupSeconds,
      timeoutSeconds: load.timeoutSeconds,
      next,
    });
    ctx.say(`ceilings: empty Nest route, ${load.alignmentConnections} connections, ${seconds} s`);
    const alignmentConnections = await runLoad({
      origin,
      connections: load.alignmentConnections,
      seconds,
      warmupSeconds: load.warmupSeconds,
      timeoutSeconds: load.timeoutSeconds,
      client: 'node-http',
      next,
    });
    rss.stop();
    return { checkInConnections, alignmentConnections, peakRss: rss.peakRss, startupSeconds };
  } finally {
    rss.stop();
    await child.stop();
  }
}

/**
 * The floor for serving ready-made answers of the given sizes on this machine with the load settings of the
 * scenarios: the one-route Nest app answering a cached Buffer of that many bytes, `connections` clients.
 */
export async function measureStaticPayloads(
  ctx: ScenarioContext,
  sizes: readonly number[],
  connections: number,
): Promise<{ bytes: number; load: LoadResult }[]> {
  const port = await freePort();
  const child = NodeChild.spawn({
    script: BENCH_ENTRYPOINTS.emptyNest,
    env: { PORT: String(port) },
    logFile: join(ctx.logDir, 'static-payload.log'),
  });
  try {
    const origin = await untilEmptyNestAnswers(child, port);
    const { load } = ctx.plan;
    const seconds = ctx.options.seconds ?? load.seconds;
    const out: { bytes: number; load: LoadResult }[] = [];
    for (const bytes of sizes) {
      ctx.say(`ceilings: a ready-made ${(bytes / 1e6).toFixed(2)} MB answer, ${connections} connections, ${seconds} s`);
      const path = `/api/bytes/${Math.round(bytes)}`;
      out.push({
        bytes,
        load: await runLoad({
          origin,
          connections,
          seconds,
          warmupSeconds: load.warmupSeconds,
          timeoutSeconds: load.timeoutSeconds,
          client: 'node-http',
          next: () => ({ method: 'GET' as const, path }),
        }),
      });
    }
    return out;
  } finally {
    await child.stop();
  }
}
