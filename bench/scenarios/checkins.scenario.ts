import { join } from 'node:path';
import { DatasetManifest } from '../datasets/dataset-cache';
import { CheckInRequests } from '../load/check-in-requests';
import { findCheckInTargets } from '../load/check-in-targets';
import { LoadResult, runLoad } from '../load/load-test';
import { ALL_STORE_FILES, copyStoreFiles } from '../support/files';
import { ApiProcessReport, withApi } from './api-session';
import { ScenarioContext } from './scenario-context';

export interface CheckInsResult {
  dataset: DatasetManifest;
  keyResults: number;
  sampledObjectives: number;
  objectivesInCycle: number;
  load: LoadResult;
  /** How far the read models were behind the log when the load stopped, and how long they took to catch up. */
  projectionLag: { lagEvents?: number; seconds?: number };
  process: ApiProcessReport;
}

/** 32 clients POSTing check-ins over HTTP to key results spread over the big cycle. */
export async function runCheckInsScenario(ctx: ScenarioContext): Promise<CheckInsResult> {
  const dataset = await ctx.datasets.ensure(ctx.plan.datasets.million);
  const rebuilt = await ctx.rebuilt.get(dataset);
  const dir = join(ctx.workDir, 'checkins');
  copyStoreFiles(rebuilt.dir, dir, ALL_STORE_FILES);
  const { value, process } = await withApi(ctx, 'checkins', dir, async (api) => {
    const found = await findCheckInTargets(api.baseUrl, api.token, dataset.manifest.cycleId, ctx.plan.checkInObjectives);
    ctx.say(`checkins: ${found.targets.length.toLocaleString('en')} key results of ${found.sampledObjectives} open objectives (of ${found.objectivesInCycle.toLocaleString('en')} in the cycle)`);
    const requests = new CheckInRequests(found.targets, api.token);
    const { load } = ctx.plan;
    const seconds = ctx.options.seconds ?? load.seconds;
    ctx.say(`checkins: ${load.checkInConnections} connections, ${load.warmupSeconds} s warm-up + ${seconds} s`);
    const result = await runLoad({
      origin: new URL(api.baseUrl).origin,
      connections: load.checkInConnections,
      seconds,
      warmupSeconds: load.warmupSeconds,
      timeoutSeconds: load.timeoutSeconds,
      next: () => requests.next(),
      captureErrorBodies: true,
    });
    const projectionLag = await api.waitForProjections();
    return { keyResults: found.targets.length, sampledObjectives: found.sampledObjectives, objectivesInCycle: found.objectivesInCycle, load: result, projectionLag };
  });
  return { dataset: dataset.manifest, ...value, process };
}
