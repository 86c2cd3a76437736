import { httpOk } from '../support/http';
import { CheckInTarget } from './check-in-requests';

interface AlignmentNodeLike {
  id: string;
  lifecycle?: string;
  children?: AlignmentNodeLike[];
}

interface ObjectiveLike {
  lifecycle?: string;
  keyResults?: { id: string; removed?: boolean; current?: number; metric?: { type?: string } }[];
}

/** Every node of an alignment tree, depth first. */
export function flattenAlignment(roots: readonly AlignmentNodeLike[]): AlignmentNodeLike[] {
  const out: AlignmentNodeLike[] = [];
  const stack = [...roots].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    out.push(node);
    for (let i = (node.children?.length ?? 0) - 1; i >= 0; i--) stack.push(node.children![i]);
  }
  return out;
}

/** `count` items spread evenly over `items` (all of them when there are fewer). */
export function spreadSample<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]);
}

/**
 * Finds key results that accept check-ins, through the public API: the cycle's open objectives from its
 * alignment tree, `objectives` of them spread over the cycle, and their live key results.
 */
export async function findCheckInTargets(
  baseUrl: string,
  token: string,
  cycleId: string,
  objectives: number,
): Promise<{ targets: CheckInTarget[]; objectivesInCycle: number; openObjectives: number; sampledObjectives: number }> {
  const tree = await httpOk<{ roots: AlignmentNodeLike[] }>(`${baseUrl}/cycles/${cycleId}/alignment`, { token, timeoutMs: 300_000 });
  const nodes = flattenAlignment(tree.body?.roots ?? []);
  const open = nodes.filter((n) => n.lifecycle === undefined || n.lifecycle === 'open');
  const sampled = spreadSample(open, objectives);
  const targets: CheckInTarget[] = [];
  const queue = [...sampled];
  const worker = async () => {
    for (let node = queue.shift(); node; node = queue.shift()) {
      const objective = (await httpOk<ObjectiveLike>(`${baseUrl}/objectives/${node.id}`, { token })).body;
      if (objective?.lifecycle !== undefined && objective.lifecycle !== 'open') continue;
      for (const kr of objective?.keyResults ?? []) {
        if (kr.removed) continue;
        targets.push({
          keyResultId: kr.id,
          metricType: kr.metric?.type ?? 'increase',
          current: typeof kr.current === 'number' ? kr.current : 0,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return { targets, objectivesInCycle: nodes.length, openObjectives: open.length, sampledObjectives: sampled.length };
}
