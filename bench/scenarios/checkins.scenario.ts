import { join } from 'node:path';
import { DatasetManifest } from '../datasets/dataset-cache';
import { CheckInRequests } from '../load/check-in-requests';
import { findCheckInTargets } from '../load/check-in-targets';
import { LoadResult, runLoad } from '../load/load-test';
import { ALL_STORE_FILES, copyStoreFiles } from '../support/files';
import { cpuBetween, readThreadCpu } from '../support/process-cpu';
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
  /**
   * CPU the API process spent from the end of the warm-up to the read models' catch-up, per check-in sent in that
   * time (requests in flight at either end blur it by at most 32 check-ins), in total and per thread
   * (`main` is the event loop): a figure that holds on a busy machine, where rates do not.
   */
  cpu?: { checkIns: number; totalMs: number; msPerCheckIn: number; threadsMsPerCheckIn: Record<string, number> };
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
    ctx.say(
      `checkins: ${found.targets.length.toLocaleString('en')} key results of ${found.sampledObjectives} open objectives (of ${found.objectivesInCycle.toLocaleString('en')} in the cycle)`,
    );
    const requests = new CheckInRequests(found.targets, api.token);
    const { load } = ctx.plan;
    const seconds = ctx.options.seconds ?? load.seconds;
    ctx.say(`checkins: ${load.checkInConnections} connections, ${load.warmupSeconds} s warm-up + ${seconds} s`);
    let cpuBefore: ReturnType<typeof readThreadCpu>;
    let sentBefore = 0;
    const result = await runLoad({
      onMeasureStart: () => {
        cpuBefore = readThreadCpu(api.pid);
        sentBefore = requests.sent;
      },
      origin: new URL(api.baseUrl).origin,
      connections: load.checkInConnections,
      seconds,
      warmupSeconds: load.warmupSeconds,
      timeoutSeconds: load.timeoutSeconds,
      next: () => requests.next(),
      captureErrorBodies: true,
    });
    // Up to the read models' catch-up: the check-ins' projection is part of their cost.
    const projectionLag = await api.waitForProjections();
    const cpuAfter = readThreadCpu(api.pid);
    const checkIns = requests.sent - sentBefore;
    let cpu: CheckInsResult['cpu'];
    if (cpuBefore && cpuAfter && checkIns > 0) {
      const spent = cpuBetween(cpuBefore, cpuAfter);
      const threadsMsPerCheckIn = Object.fromEntries(Object.entries(spent.threads).map(([name, ms]) => [name, ms / checkIns]));
      cpu = { checkIns, totalMs: spent.totalMs, msPerCheckIn: spent.totalMs / checkIns, threadsMsPerCheckIn };
      const threads = Object.entries(threadsMsPerCheckIn)
        .map(([name, ms]) => `${name} ${ms.toFixed(3)}`)
        .join(', ');
      ctx.say(
        `checkins: API CPU ${cpu.msPerCheckIn.toFixed(3)} ms per check-in over ${checkIns.toLocaleString('en')} (measured load and catch-up; ${threads})`,
      );
    }
    return {
      keyResults: found.targets.length,
      sampledObjectives: found.sampledObjectives,
      objectivesInCycle: found.objectivesInCycle,
      load: result,
      projectionLag,
      cpu,
    };
  });
  return { dataset: dataset.manifest, ...value, process };
}
