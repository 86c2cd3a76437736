import type { RecordedChange } from '@okr/reads';
import type { CycleDiffJson } from './backend';
import { percent, points } from './text-cells';

function number(value: number | null): string {
  return value === null ? 'none' : String(value);
}

function who(change: RecordedChange): string {
  return `by ${change.actor.name} at ${change.recordedAt}${change.reason ? `: ${change.reason}` : ''}`;
}

/**
 * The answer of GET /api/cycles/:id/diff as text: one section per kind of change (only those with entries),
 * each entry on a line — objectives added, archived, closed, realigned; key results added, removed,
 * re-targeted and re-weighted (with who, when and why under each); then the progress, rollup and status
 * deltas per objective.
 */
export function renderCycleDiff(diff: CycleDiffJson, cycleName: string): string {
  const titles = new Map<string, string>();
  for (const ref of [
    ...diff.objectives.added,
    ...diff.objectives.archived,
    ...diff.objectives.closed,
    ...diff.objectives.realigned,
    ...diff.progress,
  ])
    titles.set(ref.id, ref.title);
  const objective = (id: string | null) => (id === null ? 'none' : `'${titles.get(id) ?? id}'`);
  const lines = [`Cycle '${cycleName}': what changed from ${diff.from} to ${diff.to}`];
  const section = <T>(heading: string, entries: readonly T[], line: (entry: T) => string | string[]) => {
    if (entries.length === 0) return;
    lines.push('', `${heading} (${entries.length})`);
    for (const entry of entries) lines.push(...[line(entry)].flat());
  };
  const { objectives, keyResults } = diff;
  section('Objectives added', objectives.added, (o) => `  + '${o.title}'${o.parentId ? ` under ${objective(o.parentId)}` : ''}`);
  section('Objectives archived', objectives.archived, (o) => `  - '${o.title}'`);
  section('Objectives closed', objectives.closed, (o) => `  ✓ '${o.title}' (score ${o.score === null ? 'none' : o.score})`);
  section('Objectives realigned', objectives.realigned, (o) => {
    const parts = [];
    if (o.parent.from !== o.parent.to) parts.push(`parent ${objective(o.parent.from)} → ${objective(o.parent.to)}`);
    if (o.weight.from !== o.weight.to) parts.push(`weight ${number(o.weight.from)} → ${number(o.weight.to)}`);
    return `  ~ '${o.title}': ${parts.join(', ')}`;
  });
  section('Key results added', keyResults.added, (k) => `  + '${k.title}' of ${objective(k.objectiveId)}`);
  section('Key results removed', keyResults.removed, (k) => `  - '${k.title}' of ${objective(k.objectiveId)}`);
  section('Targets changed', keyResults.targetChanged, (k) => [
    `  ~ '${k.title}': target ${k.from} → ${k.to}`,
    ...(k.changes ?? []).map((c) => `      ${c.from} → ${c.to} ${who(c)}`),
  ]);
  section('Weights changed', keyResults.weightChanged, (k) => [
    `  ~ '${k.title}': weight ${k.from} → ${k.to}`,
    ...(k.changes ?? []).map((c) => `      ${c.from} → ${c.to} ${who(c)}`),
  ]);
  section(
    'Progress',
    diff.progress,
    (p) =>
      `  '${p.title}': progress ${percent(p.progress.from)} → ${percent(p.progress.to)} (${points(p.progress.delta)}), rollup ${percent(p.rollup.from)} → ${percent(p.rollup.to)} (${points(p.rollup.delta)})` +
      (p.status.from !== p.status.to ? `, ${p.status.from} → ${p.status.to}` : `, ${p.status.to}`),
  );
  const changes = objectives.added.length + objectives.archived.length + objectives.closed.length + objectives.realigned.length;
  const keyResultChanges =
    keyResults.added.length + keyResults.removed.length + keyResults.targetChanged.length + keyResults.weightChanged.length;
  lines.push('', `${changes} objective change(s), ${keyResultChanges} key result change(s), ${diff.progress.length} objective(s) moved`);
  return `${lines.join('\n')}\n`;
}
