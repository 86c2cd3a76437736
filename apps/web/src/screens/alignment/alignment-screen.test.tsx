import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AlignmentAnswer, AlignmentNode, CycleDiff, Me } from '../../api/views';
import { fakeApi, json, problem } from '../../testing/fake-api';
import { renderApp } from '../../testing/render';

const ME: Me = { id: 'u-ada', name: 'Ada Lovelace', role: 'admin', tenantId: 'default', teamIds: [] };
const CYCLE = { id: 'c1', name: 'FY26 H1', startsOn: '2026-01-01', endsOn: '2026-06-30', status: 'open', closedAt: null };

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
    owner: { id: `u-${id}`, name: `Owner of ${title}` },
    team: { id: 't-exec', name: 'Executive' },
    version: 1,
    lastCheckInAt: null,
    children,
    ...fields,
  };
}

const eu = node('o3', 'Open the EU market', { status: 'off_track', rollup: 0.1, team: { id: 't-eu', name: 'Sales EU' } });
const sales = node('o2', 'Grow revenue 30 %', { status: 'at_risk', rollup: 0.3, team: { id: 't-sales', name: 'Sales' } }, [eu]);
const product = node('o4', 'Customers love the product', { rollup: 0.7, team: { id: 't-product', name: 'Product' } });
const company = node('o1', 'Become the reference OKR product', { rollup: 0.62, progress: 0.5 }, [sales, product]);
const ops = node('o5', 'Run lean operations', {
  status: 'closed',
  lifecycle: 'closed',
  rollup: 1,
  team: { id: 't-ops', name: 'Operations' },
});
const TREE: AlignmentAnswer = {
  roots: [company, ops],
  cycle: CYCLE as AlignmentAnswer['cycle'],
  expected: 0.42,
  at: '2026-03-15T12:00:00.000Z',
  objectives: 5,
};
const PAST: AlignmentAnswer = {
  ...TREE,
  roots: [{ ...company, rollup: 0.2, children: [sales, product] }, ops],
  at: '2026-02-01T23:59:59.999Z',
  expected: 0.18,
};
const DIFF: CycleDiff = {
  cycleId: 'c1',
  from: '2026-02-01T23:59:59.999Z',
  to: '2026-03-15T12:00:00.000Z',
  objectives: { added: [], archived: [], closed: [{ id: 'o5', title: 'Run lean operations', score: 0.9 }], realigned: [] },
  keyResults: {
    added: [],
    removed: [],
    targetChanged: [
      {
        id: 'k1',
        title: 'Reduce churn',
        objectiveId: 'o4',
        from: 3,
        to: 2.5,
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
      },
    ],
    weightChanged: [],
  },
  progress: [
    {
      id: 'o1',
      title: 'Become the reference OKR product',
      progress: { from: 0.2, to: 0.5, delta: 0.3 },
      rollup: { from: 0.2, to: 0.62, delta: 0.42 },
      status: { from: 'off_track', to: 'on_track' },
    },
  ],
};

function api(overrides: Record<string, (request: Request) => Response> = {}) {
  return fakeApi({
    'GET /api/me': () => json(ME),
    'GET /api/cycles': () => json({ items: [CYCLE] }),
    'GET /api/cycles/c1/alignment': (request) => json(new URL(request.url).searchParams.has('asOf') ? PAST : TREE),
    'GET /api/cycles/c1/outputs-vs-outcomes': () =>
      json({
        keyResults: [
          { keyResultId: 'k1', objectiveId: 'o4', title: 'Reduce churn', progress: 0.2, flags: ['outcome_without_outputs'] },
          { keyResultId: 'k2', objectiveId: 'o4', title: 'NPS 50', progress: 0.2, flags: ['outcome_without_outputs'] },
        ],
      }),
    'GET /api/cycles/c1/diff': () => json(DIFF),
    ...overrides,
  });
}

const rowOf = (title: string) => within(screen.getByRole('treegrid')).getByText(title).closest('tr')!;
const titles = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.querySelector('.title-text a')?.textContent);

describe('the alignment tree-table', () => {
  it('shows the whole tree of a small cycle, indented, with rollups, health as colour and word, and flags', async () => {
    api();
    renderApp('/alignment');
    await screen.findByText('Become the reference OKR product');
    expect(titles()).toEqual([
      'Become the reference OKR product',
      'Grow revenue 30 %',
      'Open the EU market',
      'Customers love the product',
      'Run lean operations',
    ]);
    const eu = rowOf('Open the EU market');
    expect(eu.getAttribute('aria-level')).toBe('3');
    expect(within(eu).getByText('Off track').className).toBe('health health-off_track');
    expect(within(eu).getByText('10 %')).toBeTruthy();
    expect(within(rowOf('Become the reference OKR product')).getByText('62 %')).toBeTruthy();
    // The flags arrive after the tree (a second request).
    expect(await within(rowOf('Customers love the product')).findByText('2 KRs without initiatives')).toBeTruthy();
    expect(screen.getByText(/expected progress 42 % today/)).toBeTruthy();
  });

  it('opens and closes rows with the keyboard and the mouse', async () => {
    api();
    renderApp('/alignment');
    await screen.findByText('Become the reference OKR product');
    const top = rowOf('Become the reference OKR product');
    expect(top.getAttribute('aria-expanded')).toBe('true');
    top.focus();
    fireEvent.keyDown(top, { key: 'ArrowLeft' });
    await waitFor(() => expect(titles()).toEqual(['Become the reference OKR product', 'Run lean operations']));
    expect(rowOf('Become the reference OKR product').getAttribute('aria-expanded')).toBe('false');

    fireEvent.keyDown(rowOf('Become the reference OKR product'), { key: 'ArrowRight' });
    await waitFor(() => expect(titles()).toHaveLength(5));
    fireEvent.keyDown(rowOf('Become the reference OKR product'), { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement).toBe(rowOf('Grow revenue 30 %')));
    fireEvent.keyDown(rowOf('Grow revenue 30 %'), { key: ' ' });
    await waitFor(() => expect(screen.queryByText('Open the EU market')).toBeNull());
    fireEvent.keyDown(rowOf('Grow revenue 30 %'), { key: 'ArrowLeft' });
    await waitFor(() => expect(document.activeElement).toBe(rowOf('Become the reference OKR product')));

    await userEvent.click(rowOf('Grow revenue 30 %').querySelector('.twisty')!);
    await screen.findByText('Open the EU market');

    await userEvent.click(screen.getByRole('button', { name: 'Collapse all' }));
    await waitFor(() => expect(titles()).toEqual(['Become the reference OKR product', 'Run lean operations']));
    expect(screen.getByText('2 rows shown')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Expand all' }));
    await waitFor(() => expect(titles()).toHaveLength(5));
  });

  it('filters by team, owner and health, and searches titles, keeping the way to each match; all in the URL', async () => {
    api();
    const app = renderApp('/alignment');
    await screen.findByText('Become the reference OKR product');

    await userEvent.selectOptions(screen.getByLabelText('Team'), 'Sales EU');
    await waitFor(() => expect(titles()).toEqual(['Become the reference OKR product', 'Grow revenue 30 %', 'Open the EU market']));
    expect(rowOf('Grow revenue 30 %').className).toBe('context');
    expect(rowOf('Open the EU market').className).toBe('');
    expect(app.location()).toBe('/alignment?team=t-eu');

    await userEvent.selectOptions(screen.getByLabelText('Team'), 'All teams');
    await userEvent.selectOptions(screen.getByLabelText('Health'), 'At risk');
    await waitFor(() => expect(titles()).toEqual(['Become the reference OKR product', 'Grow revenue 30 %']));

    await userEvent.selectOptions(screen.getByLabelText('Health'), 'Any health');
    await userEvent.selectOptions(screen.getByLabelText('Owner'), 'Owner of Run lean operations');
    await waitFor(() => expect(titles()).toEqual(['Run lean operations']));

    await userEvent.selectOptions(screen.getByLabelText('Owner'), 'Everyone');
    await userEvent.type(screen.getByLabelText('Search'), 'customers LOVE');
    await waitFor(() => expect(titles()).toEqual(['Become the reference OKR product', 'Customers love the product']));
    expect(app.location()).toBe('/alignment?q=customers+LOVE');

    await userEvent.clear(screen.getByLabelText('Search'));
    await userEvent.type(screen.getByLabelText('Search'), 'nothing like this');
    await screen.findByText('No objective matches these filters.');
  });

  it('shows the tree as it stood on a past date under a banner that cannot be missed, and comes back to today', async () => {
    const requests = api();
    const app = renderApp('/alignment?asOf=2026-02-01');
    const banner = await screen.findByRole('status');
    expect(banner.textContent).toMatch(/You are looking at the past: this is the tree as it stood on 1 Feb 2026/);
    await waitFor(() => expect(within(rowOf('Become the reference OKR product')).getByText('20 %')).toBeTruthy());
    const asked = requests.map((r) => new URL(r.url)).find((u) => u.pathname.endsWith('/alignment'))!;
    expect(new Date(asked.searchParams.get('asOf')!).getDate()).toBe(1);
    expect(screen.queryByText(/without initiatives/)).toBeNull();

    await userEvent.click(within(banner).getByRole('button', { name: 'Back to today' }));
    await waitFor(() => expect(within(rowOf('Become the reference OKR product')).getByText('62 %')).toBeTruthy());
    expect(screen.queryByRole('status')).toBeNull();
    expect(app.location()).toBe('/alignment');
  });

  it('compares with a second date: what moved, and targets changed with who and why', async () => {
    const requests = api();
    renderApp('/alignment?compare=2026-02-01');
    await screen.findByRole('heading', { name: 'Changes from 1 Feb 2026 to 15 Mar 2026' });
    const diffRequest = new URL(requests.find((r) => r.url.includes('/diff'))!.url);
    expect(diffRequest.searchParams.get('to')).toBe(TREE.at);
    expect(Date.parse(diffRequest.searchParams.get('from')!)).toBeLessThan(Date.parse(TREE.at));
    expect(screen.getByText(/3 → 2.5 by/).textContent).toMatch(/3 → 2.5 by Ada Lovelace on 10 Feb 2026, 09:00: “board asked for more”/);
    expect(within(rowOf('Become the reference OKR product')).getByText('+42 pts')).toBeTruthy();
    expect(within(rowOf('Open the EU market')).getByText('no change')).toBeTruthy();
  });

  it("shows the days since each objective's last check-in, never when it has none", async () => {
    const dated = (n: AlignmentNode, lastCheckInAt: string | null): AlignmentNode => ({ ...n, lastCheckInAt, children: [] });
    api({
      'GET /api/cycles/c1/alignment': () =>
        json({ ...TREE, roots: [dated(ops, '2026-03-12T09:00:00.000Z'), dated(product, null)] } satisfies AlignmentAnswer),
    });
    renderApp('/alignment');
    await screen.findByRole('columnheader', { name: 'Last check-in' });
    expect(within(rowOf('Run lean operations')).getByText('3 days ago')).toBeTruthy();
    expect(within(rowOf('Customers love the product')).getByText('never')).toBeTruthy();
  });

  it("answers a cycle that is not the user's as not found", async () => {
    api({ 'GET /api/cycles/other/alignment': () => problem(404, 'Not Found') });
    renderApp('/alignment?cycle=other');
    await screen.findByRole('heading', { name: 'Cycle not found' });
  });
});
