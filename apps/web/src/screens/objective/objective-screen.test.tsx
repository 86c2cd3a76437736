import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { CheckInView, HistoryEntry, KeyResultView, Me, ObjectiveSummary, ObjectiveView } from '../../api/views';
import { fakeApi, json, problem } from '../../testing/fake-api';
import { renderApp } from '../../testing/render';

// A loaded machine (2 shared cores) can take more than the defaults to render a screen after its answers.
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 30_000 });

const EDITOR: Me = { id: 'u-ada', name: 'Ada Lovelace', role: 'editor', tenantId: 'default', teamIds: ['t-growth'] };
const VIEWER: Me = { ...EDITOR, id: 'u-vic', name: 'Vic Viewer', role: 'viewer' };
const CYCLE = { id: 'c1', name: 'FY26 H1', startsOn: '2026-01-01', endsOn: '2099-06-30', status: 'open', closedAt: null };

const churn: KeyResultView = {
  id: 'k1',
  objectiveId: 'o1',
  title: 'Reduce churn',
  metric: { type: 'decrease', start: 5, target: 2.5, unit: '%' },
  originalTarget: 3,
  weight: 2,
  ownerId: 'u-grace',
  checkInCadence: 'weekly',
  current: 4,
  confidence: 0.6,
  progress: 0.4,
  progressRaw: 0.4,
  grade: null,
  removed: false,
  checkInCount: 2,
  lastEffectiveAt: '2026-02-10T12:00:00.000Z',
  carriedOverFrom: null,
  initiativeIds: ['i1'],
  version: 5,
};
const launch: KeyResultView = {
  ...churn,
  id: 'k2',
  title: 'Launch the loyalty programme',
  metric: { type: 'milestone', start: 0, target: 1, unit: null },
  originalTarget: 1,
  ownerId: null,
  current: 0,
  confidence: null,
  progress: 0,
  progressRaw: 0,
  checkInCount: 0,
  lastEffectiveAt: null,
  initiativeIds: [],
  version: 1,
};
const removed: KeyResultView = { ...launch, id: 'k3', title: 'An abandoned idea', removed: true };

const OBJECTIVE: ObjectiveView = {
  id: 'o1',
  cycleId: 'c1',
  title: 'Customers stay with us',
  kind: 'committed',
  ownerId: 'u-ada',
  teamId: 't-growth',
  lifecycle: 'open',
  status: 'at_risk',
  expected: 0.5,
  progress: 0.4,
  rollup: 0.55,
  confidence: 0.7,
  score: null,
  parentObjectiveId: null,
  alignmentWeight: null,
  childIds: ['o2'],
  version: 9,
  description: 'Keep the customers we won last year.',
  closedAt: null,
  createdAt: '2026-01-02T09:00:00.000Z',
  carriedOverFrom: null,
  carriedOverTo: [],
  keyResults: [churn, launch, removed],
  initiatives: [{ id: 'i1', title: 'Win-back emails', status: 'in_progress', ownerId: 'u-grace', keyResultIds: ['k1'] }],
};
const CHILD: ObjectiveSummary = {
  ...OBJECTIVE,
  id: 'o2',
  title: 'Support answers within the hour',
  status: 'off_track',
  rollup: 0.2,
  teamId: 't-support',
  childIds: [],
};

const CHECK_INS: CheckInView[] = [
  {
    id: 'c-1',
    value: 4.5,
    confidence: 0.5,
    note: null,
    effectiveAt: '2026-01-20T12:00:00.000Z',
    recordedAt: '2026-01-20T12:00:00.000Z',
    actor: { id: 'u-grace', name: 'Grace Hopper' },
  },
  {
    id: 'c-2',
    value: 4,
    confidence: 0.6,
    note: 'Win-back emails started',
    effectiveAt: '2026-02-10T12:00:00.000Z',
    recordedAt: '2026-02-14T08:00:00.000Z',
    actor: { id: 'u-grace', name: 'Grace Hopper' },
  },
];

const entry = (position: number, recordedAt: string, summary: string, fields: Partial<HistoryEntry> = {}): HistoryEntry => ({
  position,
  recordedAt,
  actor: { id: 'u-ada', name: 'Ada Lovelace' },
  type: 'ObjectiveEdited',
  streamId: 'objective-o1',
  summary,
  changes: {},
  ...fields,
});
const TARGET_CHANGE = entry(
  30,
  '2026-02-01T10:00:00.000Z',
  "Target of 'Reduce churn' changed from 3 % to 2.5 % by Ada Lovelace: board asked for more",
  {
    type: 'KeyResultTargetChanged',
    streamId: 'key-result-k1',
    changes: { target: { from: 3, to: 2.5 } },
    reason: 'board asked for more',
  },
);

function api(me: Me = EDITOR, overrides: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  return fakeApi({
    'GET /api/me': () => json(me),
    'GET /api/users': () =>
      json({
        items: [
          { id: 'u-ada', name: 'Ada Lovelace', role: 'editor', teamIds: [] },
          { id: 'u-grace', name: 'Grace Hopper', role: 'editor', teamIds: [] },
        ],
      }),
    'GET /api/teams': () =>
      json({
        items: [
          { id: 't-growth', name: 'Growth', parentTeamId: null },
          { id: 't-support', name: 'Support', parentTeamId: 't-growth' },
        ],
      }),
    'GET /api/cycles': () => json({ items: [CYCLE] }),
    'GET /api/objectives/o1': () => json(OBJECTIVE),
    'GET /api/objectives/o2': () => json(CHILD),
    'GET /api/objectives': (request) =>
      json({ items: new URL(request.url).searchParams.get('parentId') === 'o1' ? [CHILD] : [], nextCursor: null }),
    'GET /api/objectives/o1/history': (request) =>
      json(
        new URL(request.url).searchParams.has('cursor')
          ? {
              items: [entry(1, '2026-01-02T09:00:00.000Z', "Objective 'Customers stay with us' created by Ada Lovelace")],
              nextCursor: null,
            }
          : {
              items: [TARGET_CHANGE, entry(20, '2026-01-15T10:00:00.000Z', 'Owner changed to Ada Lovelace by Ada Lovelace')],
              nextCursor: 'p2',
            },
      ),
    'GET /api/key-results/k1/check-ins': () => json({ keyResultId: 'k1', items: CHECK_INS, nextCursor: null }),
    'GET /api/key-results/k2/check-ins': () => json({ keyResultId: 'k2', items: [], nextCursor: null }),
    'GET /api/key-results/k1/history': () => json({ items: [TARGET_CHANGE], nextCursor: null }),
    'GET /api/key-results/k2/history': () => json({ items: [], nextCursor: null }),
    ...overrides,
  });
}

const panel = (title: string) => screen.getByRole('article', { name: title });

describe('the objective screen', () => {
  it('shows the header figures, key results with charts against the pace, initiatives, children and history', async () => {
    api();
    renderApp('/objectives/o1');
    await screen.findByRole('heading', { level: 1, name: 'Customers stay with us' });
    const figures = screen.getByText('Rolled up').closest('dl')!;
    expect(within(figures).getByText('Rolled up').nextElementSibling!.textContent).toContain('55 %');
    expect(within(figures).getByText('At risk').className).toBe('health health-at_risk');
    expect(within(figures).getByText('70 %')).toBeTruthy();
    expect(screen.getByText('Ada Lovelace · Growth')).toBeTruthy();

    expect(screen.getByRole('heading', { name: 'Key results (2)' })).toBeTruthy();
    expect(screen.queryByText('An abandoned idea')).toBeNull();
    const churnPanel = panel('Reduce churn');
    expect(within(churnPanel).getByText(/Grace Hopper · from 5 % to 2.5 % \(first 3 %\) · weight 2/)).toBeTruthy();
    const chart = await within(churnPanel).findByRole('img', { name: /^Values of Reduce churn over time/ });
    expect(chart.getAttribute('aria-labelledby')).toBeTruthy();
    expect(chart.querySelector('desc')!.textContent).toBe(
      '2 check-ins; now 4 %; on pace it would be 3.75 %; target 2.5 %; target changed once.',
    );
    expect(within(chart).getByText('Target 2.5 %')).toBeTruthy();
    expect(chart.querySelectorAll('.series-value circle')).toHaveLength(3);
    expect(chart.querySelector('.series-pace path')).toBeTruthy();
    expect(within(churnPanel).getByRole('img', { name: /^Confidence in Reduce churn over time/ })).toBeTruthy();
    expect(within(churnPanel).getByText(/changed from 3 % to 2.5 % by Ada Lovelace: board asked for more/)).toBeTruthy();

    const rows = within(churnPanel).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringContaining('10 Feb 2026' + '4 %' + '60 %' + 'Win-back emails started' + 'Grace Hopper (recorded 14 Feb 2026'),
      '20 Jan 2026' + '4.5 %' + '50 %' + '—' + 'Grace Hopper',
    ]);

    const milestone = panel('Launch the loyalty programme');
    expect(within(milestone).getByText('Not done', { selector: '.kr-current' })).toBeTruthy();
    expect(within(milestone).getByText('No check-in yet.')).toBeTruthy();
    const milestoneChart = within(milestone).getByRole('img', { name: /^Values of Launch/ });
    expect(within(milestoneChart).getByText('Done')).toBeTruthy();
    expect(milestoneChart.querySelector('.series-pace')).toBeNull();

    const initiative = screen.getByText('Win-back emails').closest('li')!;
    expect(initiative.textContent).toBe('In progress Win-back emails · Grace Hopper · for Reduce churn');

    const child = await screen.findByRole('link', { name: 'Support answers within the hour' });
    expect(child.getAttribute('href')).toBe('/objectives/o2');
    expect(within(child.closest('tr')!).getByText('Off track')).toBeTruthy();

    expect(await screen.findByText(/Owner changed to Ada Lovelace by Ada Lovelace/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Show older changes' }));
    await screen.findByText("Objective 'Customers stay with us' created by Ada Lovelace");
    expect(screen.queryByRole('button', { name: 'Show older changes' })).toBeNull();
  });

  it('checks in from a key result and shows the new value once the API acknowledged it', async () => {
    let current = OBJECTIVE;
    const requests = api(EDITOR, {
      'GET /api/objectives/o1': () => json(current),
      'GET /api/key-results/k1': () =>
        new Response(JSON.stringify(churn), { status: 200, headers: { 'Content-Type': 'application/json', ETag: '"5"' } }),
      'POST /api/key-results/k1/check-ins': () => {
        current = { ...OBJECTIVE, keyResults: [{ ...churn, current: 3.2, version: 6 }, launch], progress: 0.72 };
        return json({ id: 'c-3', version: 6, position: 50 }, 201);
      },
    });
    renderApp('/objectives/o1');
    const button = await screen.findByRole('button', { name: 'Check in: Reduce churn' });
    await userEvent.click(button);
    const dialog = await screen.findByRole('dialog', { name: 'Check in: Reduce churn' });
    await userEvent.type(await within(dialog).findByLabelText('Value'), '3.2');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Check in' }));

    await waitFor(() => expect(within(panel('Reduce churn')).getByText('3.2 %', { selector: '.kr-current' })).toBeTruthy());
    expect(screen.getByRole('status').textContent).toBe('Checked in on Reduce churn: 3.2 %.');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(requests.filter((r) => new URL(r.url).pathname === '/api/key-results/k1/check-ins' && r.method === 'GET')).toHaveLength(2);
  });

  it('shows no check-in control to a viewer', async () => {
    api(VIEWER);
    renderApp('/objectives/o1');
    await within(await screen.findByRole('article', { name: 'Reduce churn' })).findByRole('img', { name: /^Values of/ });
    expect(screen.queryByRole('button', { name: /Check in/ })).toBeNull();
  });

  it('shows the objective as it stood on a past date, under the banner, without what came later', async () => {
    const requests = api();
    renderApp('/objectives/o1?asOf=2026-02-05');
    const banner = await screen.findByText(/You are looking at the past: this objective as it stood on 5 Feb 2026/);
    expect(banner).toBeTruthy();
    const asked = requests.map((r) => new URL(r.url)).find((u) => u.pathname === '/api/objectives/o1')!;
    expect(new Date(asked.searchParams.get('asOf')!).getDate()).toBe(5);
    const churnPanel = await screen.findByRole('article', { name: 'Reduce churn' });
    await within(churnPanel).findByRole('heading', { name: 'Check-ins (1)' });
    expect(within(churnPanel).queryByText('Win-back emails started')).toBeNull();
    expect(screen.queryByRole('button', { name: /Check in/ })).toBeNull();
    // The child, as it stood then.
    await screen.findByRole('link', { name: 'Support answers within the hour' });
    expect(requests.some((r) => new URL(r.url).pathname === '/api/objectives/o2' && new URL(r.url).searchParams.has('asOf'))).toBe(true);
  });

  it("answers an objective that is not the user's as not found", async () => {
    api(EDITOR, { 'GET /api/objectives/elsewhere': () => problem(404, 'Not Found') });
    renderApp('/objectives/elsewhere');
    await screen.findByRole('heading', { name: 'Objective not found' });
    expect(screen.getByText('This objective does not exist, or is not yours to see.')).toBeTruthy();
  });
});
