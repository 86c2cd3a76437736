import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { AlignmentNode, Delta, Health } from '../../api/views';
import { daysAgo, percent, points } from '../../app/format';
import { HEALTH_LABEL } from '../../app/health';
import { allNodes, expandedToDepth, isFiltering, visibleRows, type Row, type TreeFilter } from './tree';
import { Bar, HealthBadge } from '../shared/figures';

/** What the outputs-vs-outcomes report says of an objective's key results. */
export interface ObjectiveFlags {
  /** Key results with no live initiative. */
  withoutOutputs: number;
  /** Key results whose initiatives are done while they barely moved. */
  outputsWithoutOutcome: number;
}

/** An objective's change between the compared dates. */
export interface ObjectiveChange {
  rollup: Delta;
  status: { from: Health; to: Health };
}

export interface TreeTableProps {
  roots: readonly AlignmentNode[];
  filter: TreeFilter;
  /** The instant of the answer ("days since the last check-in" count to it). */
  at: string;
  flags?: ReadonlyMap<string, ObjectiveFlags>;
  /** With a comparison: what moved, by objective id (those absent did not move). */
  changes?: ReadonlyMap<string, ObjectiveChange>;
}

/** A tree small enough to open whole at first; larger ones open their first level. */
const OPEN_ALL_UP_TO = 200;
const ROW_ESTIMATE_PX = 45;

function Flags({ flags }: { flags: ObjectiveFlags | undefined }) {
  if (!flags || (flags.withoutOutputs === 0 && flags.outputsWithoutOutcome === 0)) return null;
  const kr = (n: number) => (n === 1 ? '1 KR' : `${n} KRs`);
  return (
    <>
      {flags.withoutOutputs > 0 && <span className="flag">{kr(flags.withoutOutputs)} without initiatives</span>}
      {flags.outputsWithoutOutcome > 0 && <span className="flag">{kr(flags.outputsWithoutOutcome)}: outputs done, outcome not moving</span>}
    </>
  );
}

function Change({ change }: { change: ObjectiveChange | undefined }) {
  if (!change) return <span className="muted">no change</span>;
  return (
    <span className="change">
      <span className={change.rollup.delta > 0 ? 'up' : change.rollup.delta < 0 ? 'down' : ''}>{points(change.rollup.delta)}</span>
      {change.status.from !== change.status.to && (
        <span className="muted">
          {' '}
          ({HEALTH_LABEL[change.status.from]} → {HEALTH_LABEL[change.status.to]})
        </span>
      )}
    </span>
  );
}

/**
 * The cycle's objectives as an indented tree-table (ARIA treegrid): arrow keys move between rows and open or close
 * them (Right/Left), Home/End go to the ends, Enter opens the objective. Rows are virtualised against the window:
 * only those on screen are in the page, so 10,000 objectives scroll as smoothly as 60.
 */
export function TreeTable({ roots, filter, at, flags, changes }: TreeTableProps) {
  const navigate = useNavigate();
  const [expanded, setExpanded] = useState<Set<string>>(() => {
    let size = 0;
    for (const _ of allNodes(roots)) if (++size > OPEN_ALL_UP_TO) return expandedToDepth(roots, 1);
    return expandedToDepth(roots, Number.POSITIVE_INFINITY);
  });
  // Under filters every way to a match is open; these are the ones the user closed.
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const rows = useMemo(() => visibleRows(roots, filter, expanded, collapsed), [roots, filter, expanded, collapsed]);
  const indexById = useMemo(() => new Map(rows.map((row, i) => [row.node.id, i])), [rows]);
  const now = useMemo(() => new Date(at), [at]);

  const body = useRef<HTMLTableSectionElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  // Where the rows start on the page (what is above them, e.g. the "as of" banner, may change).
  useLayoutEffect(() => {
    const margin = Math.round((body.current?.getBoundingClientRect().top ?? 0) + window.scrollY);
    if (margin !== scrollMargin) setScrollMargin(margin);
  });
  const virtualizer = useWindowVirtualizer({ count: rows.length, estimateSize: () => ROW_ESTIMATE_PX, overscan: 12, scrollMargin });
  const items = virtualizer.getVirtualItems();

  // The focused row stays the tab stop; when keys move it, it is scrolled into view, then given focus.
  const focusIndex = focusedId === null ? 0 : (indexById.get(focusedId) ?? 0);
  const pendingFocus = useRef(false);
  useEffect(() => {
    if (!pendingFocus.current) return;
    const element = body.current?.querySelector<HTMLElement>(`[data-index="${focusIndex}"]`);
    if (element) {
      element.focus();
      pendingFocus.current = false;
    }
  });

  const setOpen = (row: Row, open: boolean) => {
    if (isFiltering(filter)) setCollapsed((set) => toggled(set, row.node.id, !open));
    else setExpanded((set) => toggled(set, row.node.id, open));
  };

  const moveTo = (index: number) => {
    const target = Math.max(0, Math.min(rows.length - 1, index));
    if (!rows[target]) return;
    pendingFocus.current = true;
    setFocusedId(rows[target].node.id);
    virtualizer.scrollToIndex(target, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, row: Row, index: number) => {
    switch (event.key) {
      case 'ArrowDown':
        moveTo(index + 1);
        break;
      case 'ArrowUp':
        moveTo(index - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'ArrowRight':
        if (row.hasChildren && !row.expanded) setOpen(row, true);
        else if (row.expanded) moveTo(index + 1);
        break;
      case 'ArrowLeft':
        if (row.expanded) setOpen(row, false);
        else if (row.parentId !== null) moveTo(indexById.get(row.parentId) ?? index);
        break;
      case ' ':
        if (row.hasChildren) setOpen(row, !row.expanded);
        break;
      case 'Enter':
        navigate(`/objectives/${row.node.id}`);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  // The grid's one tab stop: the focused row, or the first on screen when that one is scrolled away.
  const tabStop = items.some((item) => item.index === focusIndex) ? focusIndex : items[0]?.index;
  const top = items.length > 0 ? items[0].start - scrollMargin : 0;
  const bottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1].end - scrollMargin) : 0;
  const comparing = changes !== undefined;
  // Outputs against outcomes is a report of the present: no column for a past date.
  const outputs = flags !== undefined;
  const columns = 8 + Number(outputs) + Number(comparing);

  const openAll = (open: boolean) => {
    const withChildren = new Set<string>();
    for (const node of allNodes(roots)) if (node.children.length > 0) withChildren.add(node.id);
    if (isFiltering(filter)) setCollapsed(open ? new Set() : withChildren);
    else setExpanded(open ? withChildren : new Set());
  };

  return (
    <>
      <div className="tree-actions">
        <button type="button" onClick={() => openAll(true)}>
          Expand all
        </button>
        <button type="button" onClick={() => openAll(false)}>
          Collapse all
        </button>
        <span className="muted" aria-live="polite">
          {rows.length} {rows.length === 1 ? 'row' : 'rows'} shown
        </span>
      </div>
      <div className="table-wrap">
        <table className="tree-table" role="treegrid" aria-label="Objectives of the cycle" aria-rowcount={rows.length + 1}>
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col">Objective</th>
              <th scope="col" className="opt">
                Owner
              </th>
              <th scope="col" className="opt">
                Team
              </th>
              <th scope="col" className="opt">
                Progress
              </th>
              <th scope="col">Rolled up</th>
              <th scope="col">Health</th>
              <th scope="col" className="opt">
                Confidence
              </th>
              <th scope="col" className="opt wrap">
                Last check-in
              </th>
              {outputs && (
                <th scope="col" className="opt wrap">
                  Outputs vs outcomes
                </th>
              )}
              {comparing && <th scope="col">Change</th>}
            </tr>
          </thead>
          <tbody ref={body}>
            {top > 0 && (
              <tr aria-hidden="true" className="spacer">
                <td colSpan={columns} style={{ height: top }} />
              </tr>
            )}
            {items.map((item) => {
              const row = rows[item.index];
              const { node } = row;
              return (
                <tr
                  key={node.id}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  tabIndex={item.index === tabStop ? 0 : -1}
                  aria-level={row.depth + 1}
                  aria-expanded={row.hasChildren ? row.expanded : undefined}
                  aria-rowindex={item.index + 2}
                  className={row.context ? 'context' : undefined}
                  onKeyDown={(event) => onKeyDown(event, row, item.index)}
                  onFocus={() => setFocusedId(node.id)}
                >
                  <td>
                    <div className="title-cell">
                      <span className="indent" style={{ '--depth': row.depth } as CSSProperties} />
                      {row.hasChildren ? (
                        <span
                          className={`twisty${row.expanded ? ' open' : ''}`}
                          onClick={() => setOpen(row, !row.expanded)}
                          title={row.expanded ? 'Collapse' : 'Expand'}
                        />
                      ) : (
                        <span className="twisty leaf" />
                      )}
                      <span className="title-text">
                        <Link to={`/objectives/${node.id}`} tabIndex={-1}>
                          {node.title}
                        </Link>
                        {node.kind === 'aspirational' && <span className="kind">aspirational</span>}
                        <span className="secondary">
                          {node.owner?.name ?? 'No owner'}
                          {node.team ? ` · ${node.team.name}` : ''}
                        </span>
                      </span>
                    </div>
                  </td>
                  <td className="opt">{node.owner?.name ?? <span className="muted">—</span>}</td>
                  <td className="opt">{node.team?.name ?? <span className="muted">—</span>}</td>
                  <td className="opt num">
                    <Bar value={node.progress} />
                  </td>
                  <td className="num">
                    <Bar value={node.rollup} />
                  </td>
                  <td>
                    <HealthBadge health={node.status} />
                  </td>
                  <td className="opt num">{node.confidence === null ? <span className="muted">—</span> : percent(node.confidence)}</td>
                  <td className="opt">{node.lastCheckInAt ? daysAgo(node.lastCheckInAt, now) : <span className="muted">never</span>}</td>
                  {outputs && (
                    <td className="opt">
                      <Flags flags={flags.get(node.id)} />
                    </td>
                  )}
                  {comparing && (
                    <td>
                      <Change change={changes.get(node.id)} />
                    </td>
                  )}
                </tr>
              );
            })}
            {bottom > 0 && (
              <tr aria-hidden="true" className="spacer">
                <td colSpan={columns} style={{ height: bottom }} />
              </tr>
            )}
          </tbody>
        </table>
        {rows.length === 0 && <p className="page-status">No objective matches these filters.</p>}
      </div>
    </>
  );
}

function toggled(set: ReadonlySet<string>, id: string, present: boolean): Set<string> {
  const next = new Set(set);
  if (present) next.add(id);
  else next.delete(id);
  return next;
}
