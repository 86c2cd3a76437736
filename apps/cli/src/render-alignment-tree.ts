import type { AlignmentNode } from '@okr/reads';
import type { AlignmentAnswerJson } from './backend';
import { cell, percent } from './text-cells';

const WIDTHS = { title: 38, owner: 14, team: 14, progress: 6, rollup: 6, status: 9, confidence: 4 } as const;

function row(title: string, owner: string, team: string, progress: string, rollup: string, status: string, confidence: string): string {
  return [
    cell(title, WIDTHS.title),
    cell(owner, WIDTHS.owner),
    cell(team, WIDTHS.team),
    cell(progress, WIDTHS.progress, 'right'),
    cell(rollup, WIDTHS.rollup, 'right'),
    cell(status, WIDTHS.status),
    cell(confidence, WIDTHS.confidence, 'right'),
  ]
    .join(' ')
    .trimEnd();
}

/**
 * The alignment tree of GET /api/cycles/:id/alignment(?asOf) as text, 97 columns wide: a heading with the
 * cycle, a header row, one line per objective — indented under its parent with tree lines — with title,
 * owner, team, progress, rollup, status (health by pace at that instant) and confidence; then a summary line
 * (objectives, instant, expected pace).
 */
export function renderAlignmentTree(answer: AlignmentAnswerJson): string {
  const { cycle } = answer;
  const lines = [
    `Cycle '${cycle.name}' (${cycle.startsOn} to ${cycle.endsOn}, ${cycle.status}) as it stood at ${answer.at}`,
    '',
    row('Objective', 'Owner', 'Team', 'Prog.', 'Rollup', 'Status', 'Conf'),
  ];
  const visit = (node: AlignmentNode, prefix: string, branch: string) => {
    lines.push(
      row(
        `${prefix}${branch}${node.title}`,
        node.owner?.name ?? '—',
        node.team?.name ?? '—',
        percent(node.progress),
        percent(node.rollup),
        node.status,
        node.confidence === null ? '–' : node.confidence.toFixed(2),
      ),
    );
    const childPrefix = prefix + (branch === '├─ ' ? '│  ' : branch === '└─ ' ? '   ' : '');
    node.children.forEach((child, i) => visit(child, childPrefix, i === node.children.length - 1 ? '└─ ' : '├─ '));
  };
  for (const root of answer.roots) visit(root, '', '');
  if (answer.roots.length === 0) lines.push('(no objectives)');
  lines.push(
    '',
    `${answer.objectives} objectives (${answer.roots.length} at the top) at ${answer.at}; expected pace ${percent(answer.expected)}`,
  );
  return `${lines.join('\n')}\n`;
}
