import { describe, expect, it } from 'vitest';
import type { AlignmentNode } from '../../api/views';
import { choices, expandedToDepth, visibleRows } from './tree';

const n = (id: string, title: string, children: AlignmentNode[] = [], team = 't1'): AlignmentNode => ({
  id,
  title,
  kind: 'committed',
  lifecycle: 'open',
  status: 'on_track',
  progress: 0,
  rollup: 0,
  confidence: null,
  score: null,
  alignmentWeight: null,
  owner: { id: `u-${id}`, name: `U${id}` },
  team: { id: team, name: `Team ${team}` },
  version: 1,
  lastCheckInAt: null,
  children,
});

//  a ─ b ─ c
//    └ d
//  e
const roots = [n('a', 'Alpha', [n('b', 'Beta', [n('c', 'Gamma', [], 't2')]), n('d', 'Delta')]), n('e', 'Épsilon')];
const ids = (rows: ReturnType<typeof visibleRows>) => rows.map((r) => `${'  '.repeat(r.depth)}${r.node.id}${r.context ? '*' : ''}`);

describe('the rows of the tree', () => {
  it('shows the roots, and the children of open rows only', () => {
    expect(ids(visibleRows(roots, {}, new Set(), new Set()))).toEqual(['a', 'e']);
    expect(ids(visibleRows(roots, {}, new Set(['a']), new Set()))).toEqual(['a', '  b', '  d', 'e']);
    expect(ids(visibleRows(roots, {}, expandedToDepth(roots, Infinity), new Set()))).toEqual(['a', '  b', '    c', '  d', 'e']);
    expect(expandedToDepth(roots, 1)).toEqual(new Set(['a']));
  });

  it('under a filter, shows every match and the way to it (marked as context), open unless closed by the user', () => {
    expect(ids(visibleRows(roots, { team: 't2' }, new Set(), new Set()))).toEqual(['a*', '  b*', '    c']);
    expect(ids(visibleRows(roots, { team: 't2' }, new Set(), new Set(['b'])))).toEqual(['a*', '  b*']);
    expect(ids(visibleRows(roots, { q: 'epsilon' }, new Set(), new Set()))).toEqual(['e']);
    expect(ids(visibleRows(roots, { q: 'ta' }, new Set(), new Set()))).toEqual(['a*', '  b', '  d']);
    expect(ids(visibleRows(roots, { owner: 'u-nobody' }, new Set(), new Set()))).toEqual([]);
  });

  it('offers the teams and owners of the tree, by name', () => {
    expect(choices(roots).teams).toEqual([
      { id: 't1', name: 'Team t1' },
      { id: 't2', name: 'Team t2' },
    ]);
    expect(choices(roots).owners.map((o) => o.id)).toEqual(['u-a', 'u-b', 'u-c', 'u-d', 'u-e']);
  });
});
