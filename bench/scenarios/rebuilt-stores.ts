import { join } from 'node:path';
import { Dataset } from '../datasets/dataset-cache';
import { CpuProfileSummary, formatProfileSummary, summariseLatestProfile } from '../profile/cpu-profile-summary';
import { EVENT_STORE_FILES, copyStoreFiles } from '../support/files';
import { NodeChild } from '../support/node-child';
import { APP_ENTRYPOINTS, REPO_ROOT } from '../support/paths';
import { RssSampler } from '../support/proc-status';

/** One run of the `projections:rebuild` CLI over a copy of a data set's event log. */
export interface RebuildMeasurement {
  dataset: string;
  events: number;
  /** Wall time of the whole CLI process (start-up, opening the stores, rebuild, swap, exit). */
  wallSeconds: number;
  /** The CLI's own figure (rebuildProjection only), parsed from its "Done:" line when present. */
  rebuildSeconds?: number;
  /** events / rebuildSeconds when the CLI reported it, else events / wallSeconds. */
  eventsPerSecond: number;
  peakRss: number;
  logFile: string;
  /** With --profile: the CLI's top self-time functions. */
  profile?: CpuProfileSummary;
}

export interface RebuiltStore {
  /** okr.db and read-models.db, closed, read models at the head: copy it, never start an API on it. */
  dir: string;
  rebuild: RebuildMeasurement;
}

/**
 * Per data set and run, a scratch copy of the event log whose read models were rebuilt by the real
 * `projections:rebuild` CLI (`node dist/apps/api/src/read-side/rebuild.main.js`). The rebuild scenario
 * reports that run; the load scenarios start APIs on copies of the result, so they need no catch-up.
 */
export class RebuiltStores {
  private readonly stores = new Map<string, Promise<RebuiltStore>>();

  constructor(private readonly options: { workDir: string; logDir: string; profileDir?: string; say: (line: string) => void }) {}

  get(dataset: Dataset): Promise<RebuiltStore> {
    let store = this.stores.get(dataset.manifest.key);
    if (!store) {
      store = this.rebuild(dataset);
      this.stores.set(dataset.manifest.key, store);
    }
    return store;
  }

  private async rebuild(dataset: Dataset): Promise<RebuiltStore> {
    const dir = join(this.options.workDir, `rebuilt-${dataset.manifest.name}`);
    copyStoreFiles(dataset.dir, dir, EVENT_STORE_FILES);
    const events = dataset.manifest.events;
    this.options.say(`rebuild: projections:rebuild CLI over ${events.toLocaleString('en')} events of ${dataset.manifest.name}`);
    const profileDir = this.options.profileDir ? join(this.options.profileDir, `rebuild-${dataset.manifest.name}`) : undefined;
    const started = performance.now();
    const child = NodeChild.spawn({
      script: APP_ENTRYPOINTS.rebuild,
      nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
      env: { OKR_DATA_DIR: dir, LOG_LEVEL: 'warn' },
      logFile: join(this.options.logDir, `rebuild-${dataset.manifest.name}.log`),
    });
    const rss = new RssSampler(child.pid, 250).start();
    await child.succeeded(`projections:rebuild of ${dataset.manifest.name}`);
    rss.stop();
    const wallSeconds = (performance.now() - started) / 1000;
    const done = /Done: (\d+) events in ([\d.]+) s/.exec(child.stderr);
    const rebuildSeconds = done ? Number(done[2]) : undefined;
    const measurement: RebuildMeasurement = {
      dataset: dataset.manifest.name,
      events,
      wallSeconds,
      rebuildSeconds,
      eventsPerSecond: events / (rebuildSeconds ?? wallSeconds),
      peakRss: rss.peakRss,
      logFile: child.options.logFile,
      profile: profileDir ? summariseLatestProfile(profileDir, REPO_ROOT) : undefined,
    };
    this.options.say(
      `rebuild: ${Math.round(measurement.eventsPerSecond).toLocaleString('en')} events/s (${(rebuildSeconds ?? wallSeconds).toFixed(1)} s; process ${wallSeconds.toFixed(1)} s; peak RSS ${Math.round(rss.peakRss / 1e6)} MB)`,
    );
    if (measurement.profile) for (const line of formatProfileSummary(measurement.profile)) this.options.say(`rebuild: ${line}`);
    return { dir, rebuild: measurement };
  }
}
