import type { AlignmentNode, CycleDiff, TeamRollup } from '../../api/views';
import { allNodes } from '../alignment/tree';

/** How far back the dashboard looks for the teams' change. */
export const CHANGE_WINDOW_MS = 14 * 86_400_000;

/** Below this confidence an open objective counts as a risk even when on pace. */
export const LOW_CONFIDENCE = 0.5;

/**
 * A team's rollup two weeks ago, from the cycle's diff over those two weeks: the mean, as the team's rollup takes
 * it, over the same top objectives, of their rollup then (the diff's `from` for those that moved, today's for the
 * others); objectives added meanwhile are left out. Null when none of them existed then.
 */
export function rollupThen(team: TeamRollup, diff: CycleDiff): number | null {
  const moved = new Map(diff.progress.map((p) => [p.id, p.rollup.from]));
  const added = new Set(diff.objectives.added.map((o) => o.id));
  const now = new Map(team.objectives.map((o) => [o.id, o.rollup]));
  const then = team.topObjectiveIds.filter((id) => !added.has(id)).map((id) => moved.get(id) ?? now.get(id) ?? 0);
  return then.length === 0 ? null : then.reduce((sum, value) => sum + value, 0) / then.length;
}

export interface Risk {
  node: AlignmentNode;
  offTrack: boolean;
  lowConfidence: boolean;
}

/**
 * The top risks of a cycle: open objectives off track by pace, or whose confidence is low; off track first (the
 * furthest behind first), then the least confident.
 */
export function topRisks(roots: readonly AlignmentNode[], limit = 10): Risk[] {
  const risks: Risk[] = [];
  for (const node of allNodes(roots)) {
    if (node.lifecycle !== 'open') continue;
    const offTrack = node.status === 'off_track';
    const lowConfidence = node.confidence !== null && node.confidence < LOW_CONFIDENCE;
    if (offTrack || lowConfidence) risks.push({ node, offTrack, lowConfidence });
  }
  const confidence = (r: Risk) => r.node.confidence ?? 1;
  risks.sort(
    (a, b) =>
      Number(b.offTrack) - Number(a.offTrack) ||
      (a.offTrack ? a.node.rollup - b.node.rollup : 0) ||
      confidence(a) - confidence(b) ||
      a.node.title.localeCompare(b.node.title),
  );
  return risks.slice(0, limit);
}
