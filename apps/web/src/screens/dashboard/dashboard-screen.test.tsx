import { configure, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { AlignmentAnswer, AlignmentNode, CheckInItem, CycleDiff, Me, MovedGoalposts, TeamRollup } from '../../api/views';
import { fakeApi, json } from '../../testing/fake-api';
import { renderApp } from '../../testing/render';
import { rollupThen, topRisks } from './dashboard';

// A loaded machine (2 shared cores) can take more than the defaults to render a screen after its answers.
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 30_000 });

const EXEC: Me = { id: 'u-eve', name: 'Eve Exec', role: 'admin', tenantId: 'default', teamIds: [] };
const CYCLE = { id: 'c1', name: 'FY26 H1', startsOn: '2020-01-01', endsOn: '2099-06-30', status: 'open', closedAt: null };

function node(id: string, title: string, fields: Partial<AlignmentNode>, children: AlignmentNode[] = []): AlignmentNode {
  return {
    id,
    title,
    kind: 'committed',
    lifecycle: 'open',
    status: 'on_track',
    progress: 0.5,
    rollup: 0.5,
    confidence: 0.8,
    score: null,
    alignmentWeight: null,
    owner: { id: 'u-ada', name: 'Ada Lovelace' },
    team: { id: 't-sales', name: 'Sales' },
    version: 1,
    lastCheckInAt: null,
    children,
    ...fields,
  };
}

const eu = node('o3', 'Open the EU market', { status: 'off_track', rollup: 0.1 });
const apac = node('o6', 'Open APAC', { status: 'off_track', rollup: 0.05, confidence: 0.3 });
const unsure = node('o4', 'Customers love the product', { confidence: 0.4, team: { id: 't-product', name: 'Product' } });
const sales = node('o2', 'Grow revenue 30 %', { status: 'at_risk', rollup: 0.3 }, [eu, apac]);
const company = node('o1', 'Become the reference OKR product', { rollup: 0.62, team: null }, [sales, unsure]);
const closed = node('o5', 'Run lean operations', { status: 'closed', lifecycle: 'closed', rollup: 1, confidence: 0.1 });
const TREE: AlignmentAnswer = {
  roots: [company, closed],
  cycle: CYCLE as AlignmentAnswer['cycle'],
  expected: 0.42,
  at: new Date().toISOString(),
  objectives: 6,
};

const summary = (n: AlignmentNode) => ({
  id: n.id,
  cycleId: 'c1',
  title: n.title,
  kind: n.kind,
  ownerId: null,
  teamId: n.team?.id ?? null,
  lifecycle: n.lifecycle,
  status: n.status,
  expected: 0.42,
  progress: n.progress,
  rollup: n.rollup,
  confidence: n.confidence,
  score: null,
  parentObjectiveId: null,
  alignmentWeight: null,
  childIds: [],
  version: 1,
});
const rollup = (id: string, name: string, value: number, top: AlignmentNode[]): TeamRollup => ({
  team: { id, name, parentTeamId: null },
  cycle: { id: 'c1', name: 'FY26 H1' },
  rollup: value,
  topObjectiveIds: top.map((o) => o.id),
  teams: [],
  objectives: top.map(summary),
});
const SALES = rollup('t-sales', 'Sales', 0.3, [sales]);
const PRODUCT = rollup('t-product', 'Product', 0.5, [unsure]);
const EMPTY = rollup('t-legal', 'Legal', 0, []);

const DIFF: CycleDiff = {
  cycleId: 'c1',
  from: '',
  to: '',
  objectives: { added: [], archived: [], closed: [], realigned: [] },
  keyResults: { added: [], removed: [], targetChanged: [], weightChanged: [] },
  progress: [
    {
      id: 'o2',
      title: sales.title,
      progress: { from: 0.2, to: 0.3, delta: 0.1 },
      rollup: { from: 0.2, to: 0.3, delta: 0.1 },
      status: { from: 'off_track', to: 'at_risk' },
    },
  ],
};

const missed = (keyResultId: string, title: string, daysOverdue: number): CheckInItem => ({
  keyResultId,
  title,
  objectiveId: 'o3',
  objectiveTitle: 'Open the EU market',
  cycleId: 'c1',
  ownerId: 'u-ada',
  teamId: 't-sales',
  cadence: 'weekly',
  lastCheckInAt: null,
  dueAt: new Date(Date.now() - daysOverdue * 86_400_000).toISOString(),
  status: 'overdue',
  metricType: 'increase',
  unit: 'customers',
  start: 0,
  currentValue: 3,
  target: 20,
  progress: 0.15,
  confidence: null,
});

const MOVED: MovedGoalposts = {
  keyResultId: 'k1',
  title: 'Reduce churn',
  objective: { id: 'o4', title: 'Customers love the product' },
  metric: 'decrease',
  current: 2.8,
  originalTarget: 3,
  currentTarget: 2.5,
  againstOriginal: { progress: 1, raw: 1.1 },
  againstCurrent: { progress: 0.88, raw: 0.88 },
  shift: -0.12,
  changes: [
    {
      position: 7,
      recordedAt: '2026-02-10T09:00:00Z',
      actor: { id: 'u-ada', name: 'Ada Lovelace' },
      from: 3,
      to: 2.5,
      reason: 'board asked for more',
    },
  ],
};

function api() {
  return fakeApi({
    'GET /api/me': () => json(EXEC),
    'GET /api/cycles': () => json({ items: [CYCLE] }),
    'GET /api/users': () => json({ items: [{ id: 'u-ada', name: 'Ada Lovelace', role: 'editor', teamIds: [] }] }),
    'GET /api/teams': () =>
      json({
        items: [
          { id: 't-sales', name: 'Sales', parentTeamId: null },
          { id: 't-product', name: 'Product', parentTeamId: null },
          { id: 't-legal', name: 'Legal', parentTeamId: null },
        ],
      }),
    'GET /api/cycles/c1/alignment': () => json(TREE),
    'GET /api/teams/t-sales/rollup': () => json(SALES),
    'GET /api/teams/t-product/rollup': () => json(PRODUCT),
    'GET /api/teams/t-legal/rollup': () => json(EMPTY),
    'GET /api/cycles/c1/diff': () => json(DIFF),
    'GET /api/cycles/c1/missed-check-ins': () =>
      json({ items: [missed('k7', 'Sign 20 EU customers', 6), missed('k8', 'Hire a country lead', 1)] }),
    'GET /api/cycles/c1/outputs-vs-outcomes': () =>
      json({
        cycle: { id: 'c1', name: 'FY26 H1' },
        keyResults: [
          { keyResultId: 'k7', objectiveId: 'o3', title: 'Sign 20 EU customers', progress: 0.15, flags: ['outcome_without_outputs'] },
          { keyResultId: 'k1', objectiveId: 'o4', title: 'Reduce churn', progress: 0.88, flags: [] },
        ],
        orphanInitiatives: [{ id: 'i9', title: 'Rebrand the website', status: 'in_progress' }],
        unalignedObjectives: [],
      }),
    'GET /api/cycles/c1/target-changes': () => json({ cycleId: 'c1', keyResults: [MOVED] }),
  });
}

const panel = (name: string) => screen.getByRole('region', { name });

describe('the dashboard', () => {
  it('shows the health distribution, the top risks and the teams by rollup with their change over two weeks', async () => {
    const requests = api();
    renderApp('/dashboard');
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    const health = panel('Health');
    await within(health).findByText(/6 objectives/);
    expect(
      within(health)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['On track 2 (33 %)', 'At risk 1 (17 %)', 'Off track 2 (33 %)', 'Closed 1 (17 %)']);

    const risks = within(panel('Top risks')).getAllByRole('listitem');
    expect(risks.map((li) => li.querySelector('a')!.textContent)).toEqual([
      'Open APAC',
      'Open the EU market',
      'Customers love the product',
    ]);
    expect(risks[0].textContent).toContain('Off track 5 % against 42 % expected · low confidence 30 %');
    expect(risks[2].textContent).toContain('low confidence 40 % · Product');

    const teams = panel('Teams by rollup');
    await waitFor(() => expect(within(teams).getAllByRole('row')).toHaveLength(3));
    const rows = within(teams).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.querySelector('td')!.firstChild!.textContent)).toEqual(['Product', 'Sales']);
    expect(rows[1].textContent).toContain('30 %');
    expect(rows[1].textContent).toContain('▲ +10 pts');
    expect(rows[0].textContent).toContain('±0 pts');
    const diff = new URL(requests.find((r) => r.url.includes('/diff'))!.url);
    expect(Date.parse(diff.searchParams.get('to')!) - Date.parse(diff.searchParams.get('from')!)).toBeGreaterThan(13.9 * 86_400_000);
  });

  it('lists missed check-ins with a way to check in, outcomes without outputs, orphan initiatives and goalposts moved', async () => {
    api();
    renderApp('/dashboard?cycle=c1');
    const missedPanel = await screen.findByRole('region', { name: 'Missed check-ins' });
    await within(missedPanel).findByText('Sign 20 EU customers');
    expect(missedPanel.textContent).toContain('2 key results are overdue for a check-in.');
    const first = within(missedPanel).getAllByRole('listitem')[0];
    expect(first.textContent).toContain('6 days overdue · Ada Lovelace · Open the EU market');
    expect(within(first).getByRole('button', { name: 'Check in: Sign 20 EU customers' })).toBeTruthy();

    const outputs = panel('Outputs and outcomes');
    await within(outputs).findByRole('heading', { name: 'Outcomes without outputs (1)' });
    expect(within(outputs).getByRole('link', { name: 'Sign 20 EU customers' }).getAttribute('href')).toBe('/objectives/o3');
    expect(within(outputs).getByRole('heading', { name: 'Orphan initiatives (1)' })).toBeTruthy();
    expect(within(outputs).getByText(/Rebrand the website/).textContent).toBe('Rebrand the website · in progress');

    const goalposts = panel('Goalposts moved');
    const moved = (await within(goalposts).findByRole('link', { name: 'Reduce churn' })).closest('li')!;
    expect(moved.textContent).toContain('Reduce churn: 3 → 2.5 (−12 pts on its score)');
    expect(moved.textContent).toContain('Changed by Ada Lovelace on 10 Feb 2026, 09:00: “board asked for more”');
  });
});

describe('the figures of the dashboard', () => {
  it("takes a team's rollup two weeks ago over the same top objectives, leaving out those added since", () => {
    const team = rollup('t', 'T', 0.6, [node('a', 'A', { rollup: 0.8 }), node('b', 'B', { rollup: 0.4 }), node('c', 'C', { rollup: 0.6 })]);
    const diff: CycleDiff = {
      ...DIFF,
      objectives: { ...DIFF.objectives, added: [{ id: 'c', title: 'C', parentId: null }] },
      progress: [{ ...DIFF.progress[0], id: 'a', rollup: { from: 0.5, to: 0.8, delta: 0.3 } }],
    };
    expect(rollupThen(team, diff)).toBeCloseTo(0.45);
    expect(rollupThen(rollup('t', 'T', 0.6, [node('c', 'C', {})]), diff)).toBeNull();
  });

  it('ranks risks: off track by how far behind, then low confidence; closed objectives are not risks', () => {
    expect(topRisks(TREE.roots).map((r) => r.node.id)).toEqual(['o6', 'o3', 'o4']);
    expect(topRisks(TREE.roots, 1)).toHaveLength(1);
  });
});
