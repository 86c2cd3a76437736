import { join } from 'node:path';
import { DatasetManifest } from '../datasets/dataset-cache';
import { ALL_STORE_FILES, copyStoreFiles } from '../support/files';
import { http, httpOk } from '../support/http';
import { LatencySummary, summariseLatencies } from '../support/stats';
import { ApiProcessReport, withApi } from './api-session';
import { ScenarioContext } from './scenario-context';

export interface PointInTimeTiming {
  /** The asOf instant. */
  asOf: string;
  /** Which fraction of the way from the cycle's creation to the data set's end. */
  fraction: number;
  /** First question about this instant (replay from the nearest snapshot, building snapshots on the way). */
  firstMs: number;
  /** The same question again (replayed state cached). */
  againMs: number;
  bytes: number;
}

export interface PointInTimeResult {
  dataset: DatasetManifest;
  cycleId: string;
  /**
   * The first question (alignment asOf the data set's last instant), asked as soon as the API is up: it waits for
   * (or does) the build of the snapshots up to the head, which a fresh copy of the store does not hold yet.
   */
  warmUp: { asOf: string; ms: number };
  /** GET /api/cycles/:id/alignment?asOf=T, dates in increasing order (each can start from the previous one's snapshots). */
  alignment: PointInTimeTiming[];
  /** GET /api/objectives/:id?asOf=T of the first root objective (its subtree is most of the cycle), first and again. */
  objective: PointInTimeTiming[];
  /**
   * First questions about OBJECTIVE_SAMPLE objectives of the tree (the root above first, then breadth first), each
   * at the same three instants, asked once each, right after the alignment questions: the target is their p95.
   */
  objectiveSample: LatencySummary & { objectives: number };
  /** GET /api/cycles/:id/diff between 25 % and 75 % of the way (no target: a figure). */
  diff: { from: string; to: string; ms: number; bytes: number };
  process: ApiProcessReport;
}

/**
 * Point-in-time answers over the million-event data set (issue 5: "over a store of 1,000,000 events"): a
 * cycle's alignment asOf a few dates (target ≤ 2 s) and one objective asOf (target ≤ 2 s, p95 of first
 * questions). Both replay the okr projection from the nearest snapshot (persisted in point-in-time.db beside the
 * stores: the first question builds them, later ones and restarts reuse them): the alignment over every event
 * recorded up to the date, the objective over those of its own streams.
 */
export async function runPointInTimeScenario(ctx: ScenarioContext): Promise<PointInTimeResult> {
  const dataset = await ctx.datasets.ensure(ctx.plan.datasets.million);
  const rebuilt = await ctx.rebuilt.get(dataset);
  const dir = join(ctx.workDir, 'point-in-time');
  copyStoreFiles(rebuilt.dir, dir, ALL_STORE_FILES);
  const cycleId = dataset.manifest.cycleId;
  const { value, process } = await withApi(ctx, 'point-in-time', dir, async (api) => {
    const live = await httpOk<{ at: string; roots: TreeNode[] }>(`${api.baseUrl}/cycles/${cycleId}/alignment`, {
      token: api.token,
      timeoutMs: 300_000,
    });
    const end = Date.parse(live.body!.at);
    const start = end - dataset.manifest.spec.days * 24 * 3600_000;
    const rootId = live.body!.roots[0].id;
    const timed = async (path: string, fraction: number): Promise<PointInTimeTiming> => {
      const asOf = new Date(start + fraction * (end - start)).toISOString();
      const url = `${api.baseUrl}${path}?asOf=${encodeURIComponent(asOf)}`;
      const first = await httpOk(url, { token: api.token, timeoutMs: 300_000 });
      const again = await httpOk(url, { token: api.token, timeoutMs: 300_000 });
      ctx.say(
        `point-in-time: ${path} asOf ${asOf}: first ${first.ms.toFixed(0)} ms, again ${again.ms.toFixed(0)} ms, ${(first.bytes / 1e6).toFixed(2)} MB`,
      );
      return { asOf, fraction, firstMs: first.ms, againMs: again.ms, bytes: first.bytes };
    };
    const warmUpAsOf = live.body!.at;
    // The API drops a connection idle for 60 s (configure-http.ts, connectionTimeout): on a loaded machine the warm-up
    // takes longer, so it is asked again when the connection is cut (the worker goes on meanwhile; the snapshots stay).
    const warmStarted = performance.now();
    for (;;) {
      try {
        await httpOk(`${api.baseUrl}/cycles/${cycleId}/alignment?asOf=${encodeURIComponent(warmUpAsOf)}`, {
          token: api.token,
          timeoutMs: 600_000,
        });
        break;
      } catch (error) {
        if (!(error instanceof TypeError) || performance.now() - warmStarted > 600_000) throw error;
        ctx.say(
          `point-in-time: warm-up connection cut after ${((performance.now() - warmStarted) / 1000).toFixed(0)} s (the API's 60 s idle timeout): asking again`,
        );
      }
    }
    const warm = { ms: performance.now() - warmStarted };
    ctx.say(`point-in-time: warm-up (snapshots up to the head) ${(warm.ms / 1000).toFixed(1)} s`);
    const alignment: PointInTimeTiming[] = [];
    for (const fraction of [0.25, 0.5, 0.75, 0.99]) alignment.push(await timed(`/cycles/${cycleId}/alignment`, fraction));
    const objective: PointInTimeTiming[] = [];
    for (const fraction of [0.3, 0.6, 0.9]) objective.push(await timed(`/objectives/${rootId}`, fraction));
    const firsts = objective.map((t) => t.firstMs);
    const others = breadthFirst(live.body!.roots)
      .filter((id) => id !== rootId)
      .slice(0, OBJECTIVE_SAMPLE - 1);
    for (const id of others) {
      for (const fraction of [0.3, 0.6, 0.9]) {
        const asOf = new Date(start + fraction * (end - start)).toISOString();
        // 404 when the objective did not exist yet (objectives are created all along a small data set): an answer too.
        const answer = await http(`${api.baseUrl}/objectives/${id}?asOf=${encodeURIComponent(asOf)}`, {
          token: api.token,
          timeoutMs: 60_000,
        });
        if (answer.status !== 200 && answer.status !== 404) throw new Error(`GET /objectives/${id}?asOf=${asOf} answered ${answer.status}`);
        firsts.push(answer.ms);
      }
    }
    const objectiveSample = { ...summariseLatencies(firsts), objectives: 1 + others.length };
    ctx.say(
      `point-in-time: ${objectiveSample.samples} first objective questions (${objectiveSample.objectives} objectives × 3 instants): p50 ${objectiveSample.p50.toFixed(1)} ms, p95 ${objectiveSample.p95.toFixed(1)} ms, max ${objectiveSample.max.toFixed(1)} ms`,
    );
    const [diffFrom, diffTo] = [0.25, 0.75].map((fraction) => new Date(start + fraction * (end - start)).toISOString());
    const diffAnswer = await httpOk(
      `${api.baseUrl}/cycles/${cycleId}/diff?from=${encodeURIComponent(diffFrom)}&to=${encodeURIComponent(diffTo)}`,
      { token: api.token, timeoutMs: 300_000 },
    );
    const diff = { from: diffFrom, to: diffTo, ms: diffAnswer.ms, bytes: diffAnswer.bytes };
    ctx.say(`point-in-time: cycle diff ${diffFrom} → ${diffTo}: ${diff.ms.toFixed(0)} ms, ${(diff.bytes / 1e6).toFixed(2)} MB`);
    return { warmUp: { asOf: warmUpAsOf, ms: warm.ms }, alignment, objective, objectiveSample, diff };
  });
  return { dataset: dataset.manifest, cycleId, ...value, process };
}

/** Objectives asked about once each for the objective asOf target (at three instants each). */
const OBJECTIVE_SAMPLE = 20;

interface TreeNode {
  id: string;
  children?: TreeNode[];
}

/** The tree's objective ids, breadth first. */
function breadthFirst(roots: TreeNode[]): string[] {
  const ids: string[] = [];
  const queue = [...roots];
  for (let node = queue.shift(); node; node = queue.shift()) {
    ids.push(node.id);
    queue.push(...(node.children ?? []));
  }
  return ids;
}
