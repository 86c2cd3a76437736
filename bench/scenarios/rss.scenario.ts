import { join } from 'node:path';
import { DatasetManifest } from '../datasets/dataset-cache';
import { CheckInRequests } from '../load/check-in-requests';
import { findCheckInTargets } from '../load/check-in-targets';
import { LoadResult, runLoad } from '../load/load-test';
import { EVENT_STORE_FILES, copyStoreFiles } from '../support/files';
import { ApiProcessReport, withApi } from './api-session';
import { ScenarioContext } from './scenario-context';

export interface RssResult {
  dataset: DatasetManifest;
  /** Start-up over the bare event log: the embedded projections catch up with every event first. */
  catchUpEvents: number;
  alignmentLoad: LoadResult;
  checkInLoad: LoadResult;
  projectionLag: { lagEvents?: number; seconds?: number };
  /** VmHWM at the end: the peak over start-up, catch-up and both loads. */
  peakRss: number;
  process: ApiProcessReport;
}

/**
 * Peak RSS of the API over the ~1,000,000-event store: started on the bare log (no read models), so the
 * start-up catch-up replays every event in-process, then an alignment load and a check-in load.
 */
export async function runRssScenario(ctx: ScenarioContext): Promise<RssResult> {
  const dataset = await ctx.datasets.ensure(ctx.plan.datasets.million);
  const dir = join(ctx.workDir, 'rss');
  copyStoreFiles(dataset.dir, dir, EVENT_STORE_FILES);
  const { load } = ctx.plan;
  const seconds = load.rssPhaseSeconds;
  const cycleId = dataset.manifest.cycleId;
  const { value, process } = await withApi(ctx, 'rss', dir, async (api) => {
    const origin = new URL(api.baseUrl).origin;
    ctx.say(
      `rss: after start-up and catch-up of ${dataset.manifest.events.toLocaleString('en')} events: peak ${Math.round(api.rss.peakRss / 1e6)} MB`,
    );
    const alignmentLoad = await runLoad({
      origin,
      connections: load.alignmentConnections,
      seconds,
      warmupSeconds: 0,
      timeoutSeconds: load.timeoutSeconds,
      client: 'node-http',
      next: () => ({ method: 'GET', path: `/api/cycles/${cycleId}/alignment`, headers: { authorization: `Bearer ${api.token}` } }),
    });
    api.rss.mark('after alignment load');
    const found = await findCheckInTargets(api.baseUrl, api.token, cycleId, ctx.plan.checkInObjectives);
    const requests = new CheckInRequests(found.targets, api.token, 7);
    const checkInLoad = await runLoad({
      origin,
      connections: load.checkInConnections,
      seconds,
      warmupSeconds: 0,
      timeoutSeconds: load.timeoutSeconds,
      next: () => requests.next(),
      captureErrorBodies: true,
    });
    api.rss.mark('after check-in load');
    const projectionLag = await api.waitForProjections();
    api.rss.mark('after projections caught up');
    ctx.say(`rss: peak ${Math.round(api.rss.peakRss / 1e6)} MB after both loads`);
    return { alignmentLoad, checkInLoad, projectionLag };
  });
  return { dataset: dataset.manifest, catchUpEvents: dataset.manifest.events, ...value, peakRss: process.peakRss, process };
}
