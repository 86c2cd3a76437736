import { join } from 'node:path';
import { DatasetManifest } from '../datasets/dataset-cache';
import { CpuProfileSummary, formatProfileSummary, summariseLatestProfile } from '../profile/cpu-profile-summary';
import { EVENT_STORE_FILES, copyStoreFiles } from '../support/files';
import { NodeChild } from '../support/node-child';
import { APP_DIST_DIR, REPO_ROOT } from '../support/paths';
import { RssSampler } from '../support/proc-status';
import { ScenarioContext } from './scenario-context';

/** The verification CLI of the bench's build (apps/api/src/audit/verify.main.ts). */
export const VERIFY_ENTRYPOINT = join(APP_DIST_DIR, 'apps/api/src/audit/verify.main.js');

/** The CLI's report (its stdout), as far as the bench uses it. */
interface VerifyCliReport {
  ok: boolean;
  streamsChecked: number;
  eventsChecked: number;
  unchainedEvents: number;
  brokenLinks: number;
  seconds: number;
}

export interface VerifyResult {
  dataset: DatasetManifest;
  events: number;
  streams: number;
  /** Events without a stored hash (written before the chain existed): recomputed all the same. */
  unchainedEvents: number;
  /** verifyHashChains alone, as the CLI timed it. */
  verifySeconds: number;
  /** Whole CLI process: start-up, opening the store, verification, exit. */
  wallSeconds: number;
  /** events / verifySeconds. */
  eventsPerSecond: number;
  /** Every chain held (the bench's copy is untouched: anything else is a bug). */
  ok: boolean;
  peakRss: number;
  logFile: string;
  profile?: CpuProfileSummary;
}

/**
 * Tamper evidence over a copy of the ~1,000,000-event store: the verification CLI (`verifyHashChains`, one pass
 * over the log on one thread, every hash recomputed from the start of its stream) as a child process; target
 * ≥ 100,000 events/s.
 */
export async function runVerifyScenario(ctx: ScenarioContext): Promise<VerifyResult> {
  const dataset = await ctx.datasets.ensure(ctx.plan.datasets.million);
  const dir = join(ctx.workDir, `verify-${dataset.manifest.name}`);
  copyStoreFiles(dataset.dir, dir, EVENT_STORE_FILES);
  ctx.say(`verify: hash chains of ${dataset.manifest.events.toLocaleString('en')} events of ${dataset.manifest.name}`);
  const profileDir = ctx.profileDir ? join(ctx.profileDir, `verify-${dataset.manifest.name}`) : undefined;
  const started = performance.now();
  const child = NodeChild.spawn({
    script: VERIFY_ENTRYPOINT,
    nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    env: { OKR_DATA_DIR: dir, LOG_LEVEL: 'warn' },
    logFile: join(ctx.logDir, `verify-${dataset.manifest.name}.log`),
  });
  const rss = new RssSampler(child.pid, 250).start();
  // Exit 3 (a broken link in an untouched copy: a bug) fails the scenario like any other failure.
  await child.succeeded(`verification of ${dataset.manifest.name}`);
  rss.stop();
  const wallSeconds = (performance.now() - started) / 1000;
  const report = JSON.parse(child.stdout) as VerifyCliReport;
  const result: VerifyResult = {
    dataset: dataset.manifest,
    events: report.eventsChecked,
    streams: report.streamsChecked,
    unchainedEvents: report.unchainedEvents,
    verifySeconds: report.seconds,
    wallSeconds,
    eventsPerSecond: report.eventsChecked / Math.max(report.seconds, 1e-9),
    ok: report.ok,
    peakRss: rss.peakRss,
    logFile: child.options.logFile,
    profile: profileDir ? summariseLatestProfile(profileDir, REPO_ROOT) : undefined,
  };
  ctx.say(
    `verify: ${Math.round(result.eventsPerSecond).toLocaleString('en')} events/s (${report.seconds.toFixed(1)} s; process ${wallSeconds.toFixed(1)} s; ` +
      `${result.streams.toLocaleString('en')} streams; ${result.unchainedEvents.toLocaleString('en')} without a stored hash; peak RSS ${Math.round(rss.peakRss / 1e6)} MB)`,
  );
  if (result.profile) for (const line of formatProfileSummary(result.profile)) ctx.say(`verify: ${line}`);
  return result;
}
