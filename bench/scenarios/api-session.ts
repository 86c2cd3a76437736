import { join } from 'node:path';
import { ApiProcess } from '../api/api-process';
import { CpuProfileSummary, formatProfileSummary, summariseLatestProfile } from '../profile/cpu-profile-summary';
import { REPO_ROOT } from '../support/paths';
import { ScenarioContext } from './scenario-context';

/** What one API child process did, besides the scenario's own figures. */
export interface ApiProcessReport {
  /** Spawn to first healthy answer (includes the projections' catch-up). */
  startupSeconds: number;
  /** VmHWM: the kernel's peak resident set size of the process. */
  peakRss: number;
  /** Highest VmRSS seen by sampling every 250 ms. */
  maxSampledRss: number;
  marks: { label: string; atSeconds: number; rss: number; peakRss: number }[];
  /** VmRSS over time, one point per second at most. */
  timeline: { atSeconds: number; rss: number }[];
  exitCode: number | null;
  logFile: string;
  profile?: CpuProfileSummary;
}

/**
 * Starts the API on `dataDir`, runs `body`, then stops it gracefully and reports its memory (and its CPU
 * profile with --profile). The API is stopped even when `body` fails.
 */
export async function withApi<T>(
  ctx: ScenarioContext,
  name: string,
  dataDir: string,
  body: (api: ApiProcess) => Promise<T>,
): Promise<{ value: T; process: ApiProcessReport }> {
  const profileDir = ctx.profileDir ? join(ctx.profileDir, name) : undefined;
  ctx.say(`${name}: starting the API on ${dataDir}`);
  const api = await ApiProcess.start({ dataDir, logFile: join(ctx.logDir, `api-${name}.log`), profileDir });
  ctx.say(`${name}: API up in ${api.startupSeconds.toFixed(1)} s (pid ${api.pid}, ${api.baseUrl})`);
  let value: T;
  let stopped: Awaited<ReturnType<ApiProcess['stop']>>;
  try {
    value = await body(api);
  } finally {
    api.rss.mark('before stop');
    stopped = await api.stop();
  }
  // The API's start-up (the log's catch-up by the Directory and the projections) is left out of the profile.
  const profile = profileDir ? summariseLatestProfile(profileDir, REPO_ROOT, { fromMs: api.startupSeconds * 1000 }) : undefined;
  if (profile) for (const line of formatProfileSummary(profile)) ctx.say(`${name}: ${line}`);
  return {
    value,
    process: {
      startupSeconds: api.startupSeconds,
      peakRss: api.rss.peakRss,
      maxSampledRss: api.rss.maxSampled,
      marks: api.rss.marks,
      timeline: thinTimeline(api.rss.timeline),
      exitCode: stopped.exitCode,
      logFile: api.logFile,
      profile,
    },
  };
}

/** Keeps at most one point per second (the highest RSS of that second). */
export function thinTimeline(points: readonly { atSeconds: number; rss: number }[]): { atSeconds: number; rss: number }[] {
  const bySecond = new Map<number, { atSeconds: number; rss: number }>();
  for (const point of points) {
    const second = Math.floor(point.atSeconds);
    const kept = bySecond.get(second);
    if (!kept || point.rss > kept.rss) bySecond.set(second, { atSeconds: second, rss: point.rss });
  }
  return [...bySecond.values()];
}
