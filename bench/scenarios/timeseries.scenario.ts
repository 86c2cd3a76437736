import { join } from 'node:path';
import { ApiProcess } from '../api/api-process';
import { DatasetManifest } from '../datasets/dataset-cache';
import { ALL_STORE_FILES, copyStoreFiles } from '../support/files';
import { httpOk } from '../support/http';
import { ApiProcessReport, withApi } from './api-session';
import { ScenarioContext } from './scenario-context';

export interface TimeSeriesTiming {
  /** The request's query string. */
  query: string;
  /** First time this query is asked. Only the run's first query folds the whole log (every event of the store, one pass). */
  firstMs: number;
  /** The same question again: the kept timeline reads only the events appended since (none here). */
  againMs: number;
  bytes: number;
  boundaries: number;
}

export interface TimeSeriesResult {
  dataset: DatasetManifest;
  cycleId: string;
  /**
   * GET /api/cycles/:id/timeseries?interval=week (JSON), the first question about the cycle: the whole log is folded
   * (target ≤ 10 s). Nothing is kept across restarts, so the first question after a restart is this one again.
   */
  weekly: TimeSeriesTiming;
  /** The same as CSV (one row per boundary and entity). */
  weeklyCsv: TimeSeriesTiming;
  /** Daily JSON (about 7 times the points). */
  daily: TimeSeriesTiming;
  process: ApiProcessReport;
}

/**
 * The time series of the ~1,000,000-event data set's cycle (10,000 objectives, ~38,000 key results, ~870,000
 * check-ins) through the API, on a fresh copy of the stores: weekly JSON (the first question folds the whole log),
 * weekly CSV and daily JSON, each asked twice.
 */
export async function runTimeSeriesScenario(ctx: ScenarioContext): Promise<TimeSeriesResult> {
  const dataset = await ctx.datasets.ensure(ctx.plan.datasets.million);
  const rebuilt = await ctx.rebuilt.get(dataset);
  const dir = join(ctx.workDir, 'timeseries');
  copyStoreFiles(rebuilt.dir, dir, ALL_STORE_FILES);
  const cycleId = dataset.manifest.cycleId;
  const timed = async (api: ApiProcess, query: string, label = ''): Promise<TimeSeriesTiming> => {
    const url = `${api.baseUrl}/cycles/${cycleId}/timeseries?${query}`;
    const first = await httpOk<{ boundaries?: string[] }>(url, { token: api.token, timeoutMs: 300_000 });
    const again = await httpOk<{ boundaries?: string[] }>(url, { token: api.token, timeoutMs: 300_000 });
    const boundaries = first.body?.boundaries?.length ?? 0;
    ctx.say(
      `timeseries: ?${query}${label}: first ${first.ms.toFixed(0)} ms, again ${again.ms.toFixed(0)} ms, ${(first.bytes / 1e6).toFixed(1)} MB`,
    );
    return { query, firstMs: first.ms, againMs: again.ms, bytes: first.bytes, boundaries };
  };
  const { value, process } = await withApi(ctx, 'timeseries', dir, async (api) => {
    const weekly = await timed(api, 'interval=week', ' (the whole log folded)');
    const weeklyCsv = await timed(api, 'interval=week&format=csv');
    const daily = await timed(api, 'interval=day');
    return { weekly, weeklyCsv, daily };
  });
  return { dataset: dataset.manifest, cycleId, ...value, process };
}
