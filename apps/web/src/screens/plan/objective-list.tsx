import { useDeferredValue, useState } from 'react';
import { Link } from 'react-router';
import type { AlignmentNode } from '../../api/views';

export interface PlanRow {
  node: AlignmentNode;
  depth: number;
  parentId: string | null;
}

/** The tree's objectives in reading order (each under its parent), with their depth. */
export function flatten(roots: readonly AlignmentNode[]): PlanRow[] {
  const rows: PlanRow[] = [];
  const walk = (nodes: readonly AlignmentNode[], depth: number, parentId: string | null) => {
    for (const node of nodes) {
      rows.push({ node, depth, parentId });
      walk(node.children, depth + 1, node.id);
    }
  };
  walk(roots, 0, null);
  return rows;
}

/** Rows shown at first; a 10,000-objective cycle is searched rather than scrolled. */
const FIRST = 150;

/** The cycle's objectives, indented under their parents; a search narrows them; each opens in the panel beside. */
export function ObjectiveList({ rows, selected, cycleId }: { rows: PlanRow[]; selected: string | undefined; cycleId: string }) {
  const [query, setQuery] = useState('');
  const [limit, setLimit] = useState(FIRST);
  const q = useDeferredValue(query.trim().toLowerCase());
  const matching = q === '' ? rows : rows.filter((r) => r.node.title.toLowerCase().includes(q));
  const shown = matching.slice(0, limit);
  if (rows.length === 0) return <p className="muted">No objective in this cycle yet.</p>;
  return (
    <>
      <div className="form-field plan-search">
        <label htmlFor="plan-search">Find an objective</label>
        <input id="plan-search" type="search" value={query} placeholder="Title words" onChange={(e) => setQuery(e.target.value)} />
      </div>
      {matching.length === 0 && <p className="muted">No objective matches.</p>}
      <ul className="plan-objectives">
        {shown.map(({ node, depth }) => (
          <li key={node.id} style={{ paddingLeft: `${Math.min(depth, 8) * 1.1}rem` }}>
            <Link
              to={`/plan?cycle=${encodeURIComponent(cycleId)}&objective=${encodeURIComponent(node.id)}`}
              aria-current={node.id === selected ? 'true' : undefined}
            >
              {node.title}
            </Link>
            <span className="plan-meta">
              {node.owner?.name ?? 'No owner'}
              {node.team && <> · {node.team.name}</>}
              {node.alignmentWeight !== null && node.alignmentWeight !== 1 && <> · weight {node.alignmentWeight}</>}
              {node.lifecycle === 'closed' && <> · closed</>}
            </span>
          </li>
        ))}
      </ul>
      {matching.length > shown.length && (
        <button type="button" className="link-button" onClick={() => setLimit(limit + FIRST * 4)}>
          Show more ({matching.length - shown.length} not shown)
        </button>
      )}
    </>
  );
}
