import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { CheckInItem, KeyResultView, Me, MyCheckIns } from '../../api/views';
import { fakeApi, json } from '../../testing/fake-api';
import { renderApp } from '../../testing/render';
import { dueText } from '../shared/due';

// A loaded machine (2 shared cores) can take more than the defaults to render a screen after its answers.
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 30_000 });

const LEAD: Me = { id: 'u-lin', name: 'Lin Lead', role: 'editor', tenantId: 'default', teamIds: ['t-growth'] };
const CYCLE = { id: 'c1', name: 'FY26 H1', startsOn: '2020-01-01', endsOn: '2099-06-30', status: 'open', closedAt: null };
const DAY = 86_400_000;
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();

function item(keyResultId: string, title: string, fields: Partial<CheckInItem>): CheckInItem {
  return {
    keyResultId,
    title,
    objectiveId: 'o1',
    objectiveTitle: 'Customers stay with us',
    cycleId: 'c1',
    ownerId: 'u-lin',
    teamId: 't-growth',
    cadence: 'weekly',
    lastCheckInAt: at(-10),
    dueAt: at(-3),
    status: 'overdue',
    metricType: 'increase',
    unit: 'users',
    start: 0,
    currentValue: 120,
    target: 500,
    progress: 0.24,
    confidence: 0.6,
    ...fields,
  };
}

const nps = item('k1', 'Raise NPS to 50', { metricType: 'atLeast', unit: null, currentValue: 31, target: 50, dueAt: at(-5) });
const signups = item('k2', 'Grow weekly sign-ups', { dueAt: at(-1) });
const launch = item('k3', 'Launch the loyalty programme', {
  metricType: 'milestone',
  unit: null,
  currentValue: 0,
  target: 1,
  dueAt: at(1),
  status: 'due',
  lastCheckInAt: null,
});
const churn = item('k4', 'Reduce churn', {
  metricType: 'decrease',
  unit: '%',
  currentValue: 3.1,
  target: 2.5,
  dueAt: at(5),
  status: 'up_to_date',
});
const MINE: MyCheckIns = { overdue: [nps, signups], due: [launch], upToDate: [churn] };

const keyResultOf = (i: CheckInItem): KeyResultView => ({
  id: i.keyResultId,
  objectiveId: i.objectiveId,
  title: i.title,
  metric: { type: i.metricType, start: 0, target: i.target, unit: i.unit },
  originalTarget: i.target,
  weight: 1,
  ownerId: i.ownerId,
  checkInCadence: null,
  current: i.currentValue,
  confidence: 0.5,
  progress: 0.2,
  progressRaw: 0.2,
  grade: null,
  removed: false,
  checkInCount: 3,
  lastEffectiveAt: i.lastCheckInAt,
  carriedOverFrom: null,
  initiativeIds: [],
  version: 7,
});

function api(me: Me = LEAD, mine: () => MyCheckIns = () => MINE, extra: Record<string, (r: Request) => Response> = {}) {
  return fakeApi({
    'GET /api/me': () => json(me),
    'GET /api/cycles': () => json({ items: [CYCLE] }),
    'GET /api/me/check-ins': () => json(mine()),
    ...extra,
  });
}

const group = (name: RegExp) => screen.getByRole('region', { name });
const titlesIn = (region: HTMLElement) =>
  within(region)
    .queryAllByText(/./, { selector: '.kr-title' })
    .map((e) => e.textContent);

describe('my check-ins', () => {
  it('lists what I and my teams owe: overdue first, then due soon, then up to date, with values and when due', async () => {
    api();
    renderApp('/my-check-ins');
    await screen.findByRole('heading', { name: 'Overdue (2)' });
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual(['Overdue (2)', 'Due soon (1)', 'Up to date (1)']);
    expect(titlesIn(group(/^Overdue/))).toEqual(['Raise NPS to 50', 'Grow weekly sign-ups']);
    const row = screen.getByText('Raise NPS to 50').closest('li')!;
    expect(within(row).getByText('5 days overdue')).toBeTruthy();
    expect(within(row).getByText('31')).toBeTruthy();
    expect(within(row).getByText('of 50')).toBeTruthy();
    expect(within(row).getByRole('link', { name: 'Customers stay with us' }).getAttribute('href')).toBe('/objectives/o1');
    expect(within(row).getByRole('button', { name: 'Check in: Raise NPS to 50' })).toBeTruthy();
    const milestone = screen.getByText('Launch the loyalty programme').closest('li')!;
    expect(within(milestone).getByText('Not done')).toBeTruthy();
    expect(within(milestone).getByText(/last check-in never/)).toBeTruthy();
    expect(within(milestone).getByText('due tomorrow')).toBeTruthy();
    expect(screen.getByText('3.1 %')).toBeTruthy();
    expect(document.querySelector('.summary')!.textContent).toBe('2 overdue · 1 due soon · 1 up to date');
  });

  it('checks in with one click and the list is read again: the key result is up to date', async () => {
    let checkedIn = false;
    const requests = api(LEAD, () => (checkedIn ? { overdue: [signups], due: [launch], upToDate: [nps, churn] } : MINE), {
      'GET /api/key-results/k1': () =>
        new Response(JSON.stringify(keyResultOf(nps)), { status: 200, headers: { 'Content-Type': 'application/json', ETag: '"7"' } }),
      'POST /api/key-results/k1/check-ins': () => {
        checkedIn = true;
        return json({ id: 'c9', version: 8, position: 70 }, 201);
      },
    });
    renderApp('/my-check-ins');
    await userEvent.click(await screen.findByRole('button', { name: 'Check in: Raise NPS to 50' }));
    const dialog = await screen.findByRole('dialog', { name: 'Check in: Raise NPS to 50' });
    expect(within(dialog).getByText('at least 50')).toBeTruthy();
    await userEvent.type(await within(dialog).findByLabelText('Value'), '38');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Check in' }));

    await screen.findByRole('heading', { name: 'Overdue (1)' });
    expect(titlesIn(group(/^Up to date/))).toEqual(['Raise NPS to 50', 'Reduce churn']);
    expect(screen.getByText('Checked in on Raise NPS to 50: 38.')).toBeTruthy();
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.headers.get('If-Match')).toBe('"7"');
    expect(requests.filter((r) => new URL(r.url).pathname === '/api/me/check-ins')).toHaveLength(2);
  });

  it('shows no check-in control to a viewer', async () => {
    api({ ...LEAD, role: 'viewer' });
    renderApp('/my-check-ins');
    await screen.findByRole('heading', { name: 'Overdue (2)' });
    expect(screen.queryByRole('button', { name: /Check in/ })).toBeNull();
  });

  it('says so when nothing is owed, and keeps the chosen cycle in the URL', async () => {
    const requests = api(LEAD, () => ({ overdue: [], due: [], upToDate: [] }));
    const app = renderApp('/my-check-ins');
    await screen.findByText(/You owe no check-in/);
    await userEvent.selectOptions(screen.getByLabelText('Cycle'), 'FY26 H1');
    await waitFor(() => expect(app.location()).toBe('/my-check-ins?cycle=c1'));
    await waitFor(() =>
      expect(
        requests.some((r) => new URL(r.url).pathname === '/api/me/check-ins' && new URL(r.url).searchParams.get('cycleId') === 'c1'),
      ).toBe(true),
    );
  });
});

describe('when a check-in falls due', () => {
  const now = new Date(2026, 2, 15, 12, 0);
  it('says it in days, as people do', () => {
    expect(dueText(new Date(2026, 2, 12, 9).toISOString(), now)).toBe('3 days overdue');
    expect(dueText(new Date(2026, 2, 14, 18).toISOString(), now)).toBe('1 day overdue');
    expect(dueText(new Date(2026, 2, 15, 9).toISOString(), now)).toBe('overdue since today');
    expect(dueText(new Date(2026, 2, 15, 18).toISOString(), now)).toBe('due today');
    expect(dueText(new Date(2026, 2, 16, 9).toISOString(), now)).toBe('due tomorrow');
    expect(dueText(new Date(2026, 2, 20, 9).toISOString(), now)).toBe('due in 5 days');
  });
});
