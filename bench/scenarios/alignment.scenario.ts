import { join } from 'node:path';
import { DatasetManifest } from '../datasets/dataset-cache';
import { flattenAlignment } from '../load/check-in-targets';
import { LoadResult, runLoad } from '../load/load-test';
import { ALL_STORE_FILES, copyStoreFiles } from '../support/files';
import { httpOk } from '../support/http';
import { ApiProcessReport, withApi } from './api-session';
import { measureStaticPayloads } from './ceilings.scenario';
import { ScenarioContext } from './scenario-context';

export interface AlignmentResult {
  dataset: DatasetManifest;
  cycleId: string;
  /** The answer's `objectives` count and the nodes in its tree. */
  objectives: number | undefined;
  treeNodes: number;
  responseBytes: number;
  /** The first request after start-up (cold caches). */
  firstRequestMs: number;
  /** Plain JSON (no Accept-Encoding). */
  load: LoadResult;
  /** With `Accept-Encoding: gzip, deflate, br`, as browsers send: the answer comes gzipped. */
  gzipLoad?: LoadResult;
  /** The same sizes served ready-made by the one-route Nest app: the floor for answers that big here. */
  payloadFloors?: { bytes: number; load: LoadResult }[];
  process: ApiProcessReport;
}

/** GET /api/cycles/:id/alignment of the 10,000-objective cycle under a few concurrent clients. */
export async function runAlignmentScenario(ctx: ScenarioContext): Promise<AlignmentResult> {
  const dataset = await ctx.datasets.ensure(ctx.plan.datasets.alignment);
  const rebuilt = await ctx.rebuilt.get(dataset);
  const dir = join(ctx.workDir, 'alignment');
  copyStoreFiles(rebuilt.dir, dir, ALL_STORE_FILES);
  const cycleId = dataset.manifest.cycleId;
  const path = `/api/cycles/${cycleId}/alignment`;
  const { value, process } = await withApi(ctx, 'alignment', dir, async (api) => {
    const first = await httpOk<{ objectives?: number; roots?: { id: string }[] }>(`${api.baseUrl}/cycles/${cycleId}/alignment`, {
      token: api.token,
      timeoutMs: 300_000,
    });
    const treeNodes = flattenAlignment(first.body?.roots ?? []).length;
    ctx.say(
      `alignment: ${treeNodes.toLocaleString('en')} objectives in the tree, ${(first.bytes / 1e6).toFixed(2)} MB, first request ${first.ms.toFixed(0)} ms`,
    );
    const { load } = ctx.plan;
    const seconds = ctx.options.seconds ?? load.seconds;
    ctx.say(`alignment: ${load.alignmentConnections} connections, ${load.warmupSeconds} s warm-up + ${seconds} s`);
    const measure = (headers: Record<string, string>) =>
      runLoad({
        origin: new URL(api.baseUrl).origin,
        connections: load.alignmentConnections,
        seconds,
        warmupSeconds: load.warmupSeconds,
        timeoutSeconds: load.timeoutSeconds,
        client: 'node-http',
        next: () => ({ method: 'GET', path, headers: { authorization: `Bearer ${api.token}`, ...headers } }),
      });
    const result = await measure({});
    ctx.say(`alignment: plain JSON p95 ${result.latency.p95.toFixed(1)} ms; now with Accept-Encoding: gzip, deflate, br`);
    const gzipLoad = await measure({ 'accept-encoding': 'gzip, deflate, br' });
    return { objectives: first.body?.objectives, treeNodes, responseBytes: first.bytes, firstRequestMs: first.ms, load: result, gzipLoad };
  });
  const sizes = [value.responseBytes, ...(value.gzipLoad ? [value.gzipLoad.meanResponseBytes] : [])];
  const payloadFloors = await measureStaticPayloads(ctx, sizes, ctx.plan.load.alignmentConnections);
  return { dataset: dataset.manifest, cycleId, ...value, payloadFloors, process };
}
