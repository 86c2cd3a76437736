import type { AlignmentNode, Health } from '../../api/views';

/** One visible row of the tree-table. */
export interface Row {
  node: AlignmentNode;
  depth: number;
  /** Whether its children are shown. */
  expanded: boolean;
  hasChildren: boolean;
  /** Shown only as the way to a match (filters or search active), not a match itself. */
  context: boolean;
  parentId: string | null;
}

export interface TreeFilter {
  team?: string;
  owner?: string;
  health?: string;
  /** Words of the title (case and accents ignored). */
  q?: string;
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

export function isFiltering(filter: TreeFilter): boolean {
  return Boolean(filter.team || filter.owner || filter.health || filter.q?.trim());
}

/** Whether a node itself matches every filter given. */
export function matcher(filter: TreeFilter): (node: AlignmentNode) => boolean {
  const words = fold(filter.q ?? '')
    .split(/\s+/)
    .filter(Boolean);
  return (node) =>
    (!filter.team || node.team?.id === filter.team) &&
    (!filter.owner || node.owner?.id === filter.owner) &&
    (!filter.health || node.status === filter.health) &&
    (words.length === 0 || words.every((word) => fold(node.title).includes(word)));
}

/**
 * The rows to show, in tree order. Without filters: the roots, and the children of every expanded node. With
 * filters: every match and the objectives above it (as context), expanded; `collapsed` then lists those the
 * user closed.
 */
export function visibleRows(
  roots: readonly AlignmentNode[],
  filter: TreeFilter,
  expanded: ReadonlySet<string>,
  collapsed: ReadonlySet<string>,
): Row[] {
  const rows: Row[] = [];
  if (!isFiltering(filter)) {
    const walk = (nodes: readonly AlignmentNode[], depth: number, parentId: string | null) => {
      for (const node of nodes) {
        const open = expanded.has(node.id);
        rows.push({ node, depth, expanded: open, hasChildren: node.children.length > 0, context: false, parentId });
        if (open) walk(node.children, depth + 1, node.id);
      }
    };
    walk(roots, 0, null);
    return rows;
  }
  const matches = matcher(filter);
  // Which subtrees hold a match (post-order).
  const holds = new Set<string>();
  const mark = (node: AlignmentNode): boolean => {
    let any = matches(node);
    for (const child of node.children) if (mark(child)) any = true;
    if (any) holds.add(node.id);
    return any;
  };
  for (const root of roots) mark(root);
  const walk = (nodes: readonly AlignmentNode[], depth: number, parentId: string | null) => {
    for (const node of nodes) {
      if (!holds.has(node.id)) continue;
      const shownChildren = node.children.some((child) => holds.has(child.id));
      const open = shownChildren && !collapsed.has(node.id);
      rows.push({ node, depth, expanded: open, hasChildren: shownChildren, context: !matches(node), parentId });
      if (open) walk(node.children, depth + 1, node.id);
    }
  };
  walk(roots, 0, null);
  return rows;
}

/** Every node of the tree, depth first. */
export function* allNodes(roots: readonly AlignmentNode[]): Generator<AlignmentNode> {
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
}

/** The ids of the nodes down to `depth` levels below the roots that have children (what opens by default). */
export function expandedToDepth(roots: readonly AlignmentNode[], depth: number): Set<string> {
  const ids = new Set<string>();
  const walk = (nodes: readonly AlignmentNode[], level: number) => {
    if (level >= depth) return;
    for (const node of nodes)
      if (node.children.length > 0) {
        ids.add(node.id);
        walk(node.children, level + 1);
      }
  };
  walk(roots, 0);
  return ids;
}

/** Distinct owners and teams of the tree, by name: the filters' choices. */
export function choices(roots: readonly AlignmentNode[]): {
  teams: { id: string; name: string }[];
  owners: { id: string; name: string }[];
} {
  const teams = new Map<string, string>();
  const owners = new Map<string, string>();
  for (const node of allNodes(roots)) {
    if (node.team) teams.set(node.team.id, node.team.name);
    if (node.owner) owners.set(node.owner.id, node.owner.name);
  }
  const sorted = (map: Map<string, string>) =>
    [...map].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { teams: sorted(teams), owners: sorted(owners) };
}

/** How many objectives of the tree have each health. */
export function healthCounts(roots: readonly AlignmentNode[]): Record<Health, number> {
  const counts: Record<Health, number> = { on_track: 0, at_risk: 0, off_track: 0, closed: 0, archived: 0 };
  for (const node of allNodes(roots)) counts[node.status]++;
  return counts;
}
