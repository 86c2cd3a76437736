import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AlignmentAnswer, AlignmentNode, Me, Role } from '../../api/views';
import { fakeApi, json, problem } from '../../testing/fake-api';
import { renderApp } from '../../testing/render';
import type { ObjectiveDetail } from './plan-api';

const CYCLE = { id: 'c1', name: 'FY26 H1', startsOn: '2026-01-01', endsOn: '2099-06-30', status: 'open', closedAt: null };
const NEXT = { id: 'c2', name: 'FY26 H2', startsOn: '2099-07-01', endsOn: '2099-12-31', status: 'open', closedAt: null };
const USERS = [
  { id: 'u-ada', name: 'Ada Lovelace', role: 'admin', teamIds: [] },
  { id: 'u-bob', name: 'Bob Stone', role: 'editor', teamIds: ['t-sales'] },
];
const TEAMS = [
  { id: 't-exec', name: 'Executive', parentTeamId: null },
  { id: 't-sales', name: 'Sales', parentTeamId: 't-exec' },
];

function node(id: string, title: string, children: AlignmentNode[] = [], fields: Partial<AlignmentNode> = {}): AlignmentNode {
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
    team: { id: 't-exec', name: 'Executive' },
    version: 3,
    lastCheckInAt: null,
    children,
    ...fields,
  };
}

const TREE: AlignmentAnswer = {
  roots: [node('o1', 'Become the reference OKR product', [node('o2', 'Grow revenue 30 %', [], { alignmentWeight: 2 })])],
  cycle: CYCLE as AlignmentAnswer['cycle'],
  expected: 0.4,
  at: '2026-03-15T12:00:00.000Z',
  objectives: 2,
};

const O2: ObjectiveDetail = {
  id: 'o2',
  cycleId: 'c1',
  title: 'Grow revenue 30 %',
  kind: 'committed',
  ownerId: 'u-bob',
  teamId: 't-sales',
  lifecycle: 'open',
  status: 'on_track',
  expected: 0.4,
  progress: 0.5,
  rollup: 0.5,
  confidence: 0.7,
  score: null,
  parentObjectiveId: 'o1',
  alignmentWeight: 2,
  childIds: [],
  version: 7,
  description: 'The board wants it.',
  closedAt: null,
  createdAt: '2026-01-05T09:00:00.000Z',
  carriedOverFrom: null,
  carriedOverTo: [],
  keyResults: [
    {
      id: 'k1',
      objectiveId: 'o2',
      title: 'Monthly revenue',
      metric: { type: 'increase', start: 100, target: 130, unit: 'k€' },
      originalTarget: 130,
      weight: 1,
      ownerId: 'u-bob',
      current: 115,
      confidence: 0.7,
      progress: 0.5,
      progressRaw: 0.5,
      grade: null,
      removed: false,
      checkInCount: 3,
      lastEffectiveAt: '2026-03-01T09:00:00.000Z',
      checkInCadence: null,
      carriedOverFrom: null,
      initiativeIds: ['i1'],
      version: 4,
    },
    {
      id: 'k2',
      objectiveId: 'o2',
      title: 'A removed one',
      metric: { type: 'milestone', start: 0, target: 1, unit: null },
      originalTarget: 1,
      weight: 1,
      ownerId: null,
      current: 0,
      confidence: null,
      progress: 0,
      progressRaw: 0,
      grade: null,
      removed: true,
      checkInCount: 0,
      lastEffectiveAt: null,
      checkInCadence: 'monthly',
      carriedOverFrom: null,
      initiativeIds: [],
      version: 2,
    },
  ],
  initiatives: [{ id: 'i1', title: 'Partner programme', status: 'in_progress', ownerId: 'u-bob', keyResultIds: ['k1', 'k-elsewhere'] }],
};

function plan(role: Role = 'editor', overrides: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  const me: Me = { id: 'u-me', name: 'Mia Admin', role, tenantId: 'default', teamIds: [] };
  return fakeApi({
    'GET /api/me': () => json(me),
    'GET /api/cycles': () => json({ items: [CYCLE, NEXT] }),
    'GET /api/users': () => json({ items: USERS }),
    'GET /api/teams': () => json({ items: TEAMS }),
    'GET /api/cycles/c1/alignment': () => json(TREE),
    'GET /api/cycles/c1': () => json({ ...CYCLE, objectiveIds: ['o1', 'o2'], version: 5 }),
    'GET /api/objectives/o2': () => json(O2),
    'GET /api/objectives/o1': () =>
      json({ ...O2, id: 'o1', title: 'Become the reference OKR product', parentObjectiveId: null, keyResults: [], initiatives: [] }),
    'GET /api/initiatives/i1': () => json({ ...O2.initiatives[0], version: 6 }),
    'GET /api/teams/t-sales': () => json({ ...TEAMS[1], version: 2 }),
    ...overrides,
  });
}

const sent = (requests: Request[], method: string, path: string) =>
  requests.filter((r) => r.method === method && new URL(r.url).pathname === path);

describe('plan', () => {
  it("lists the cycle's objectives under their parents and opens one with its key results and initiatives", async () => {
    plan();
    const app = renderApp('/plan');
    const link = await screen.findByRole('link', { name: 'Grow revenue 30 %' });
    expect(link.closest('li')!.getAttribute('style')).toContain('padding-left: 1.1rem');
    expect(within(link.closest('li')!).getByText(/weight 2/)).toBeTruthy();

    await userEvent.click(link);
    await screen.findByRole('heading', { name: 'Grow revenue 30 %', level: 2 });
    expect(app.location()).toBe('/plan?cycle=c1&objective=o2');
    expect(screen.getByText(/Aligned under/).textContent).toContain('Become the reference OKR product with weight 2');
    expect(screen.getByText('Monthly revenue')).toBeTruthy();
    expect(screen.getByText(/Increase 100 → 130 k€ · now 115 · 50 % · weight 1 · Bob Stone/)).toBeTruthy();
    expect(screen.queryByText('A removed one')).toBeNull();
    expect(screen.getByText('Partner programme')).toBeTruthy();
    expect(screen.getByText(/moves Monthly revenue$/)).toBeTruthy();
  });

  it('creates an objective aligned under a parent: an Idempotency-Key per submit, then the parent with If-Match', async () => {
    const requests = plan('editor', {
      'POST /api/objectives': () => json({ id: 'o9', version: 1, position: 40 }, 201),
      'PUT /api/objectives/o9/parent': () => json({ version: 2, position: 41 }),
      'GET /api/objectives/o9': () => json({ ...O2, id: 'o9', title: 'Open the EU market', keyResults: [], initiatives: [] }),
    });
    const app = renderApp('/plan?cycle=c1');
    await userEvent.click(await screen.findByRole('button', { name: 'New objective' }));
    const form = screen.getByRole('form', { name: 'New objective' });
    await userEvent.type(within(form).getByLabelText('Title'), 'Open the EU market');
    await userEvent.selectOptions(within(form).getByLabelText('Owner'), 'Bob Stone');
    await userEvent.selectOptions(within(form).getByLabelText('Team'), 'Sales');
    await userEvent.selectOptions(within(form).getByLabelText('Aligned under'), 'o2');
    await userEvent.clear(within(form).getByLabelText('Weight in the parent'));
    await userEvent.type(within(form).getByLabelText('Weight in the parent'), '3');
    await userEvent.click(within(form).getByRole('button', { name: 'Create the objective' }));

    await waitFor(() => expect(app.location()).toBe('/plan?cycle=c1&objective=o9'));
    const [create] = sent(requests, 'POST', '/api/objectives');
    expect(await create.json()).toEqual({
      cycleId: 'c1',
      title: 'Open the EU market',
      description: null,
      ownerId: 'u-bob',
      teamId: 't-sales',
      kind: 'committed',
    });
    expect(create.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const [align] = sent(requests, 'PUT', '/api/objectives/o9/parent');
    expect(await align.json()).toEqual({ parentObjectiveId: 'o2', weight: 3 });
    expect(align.headers.get('If-Match')).toBe('"1"');
    expect(sent(requests, 'GET', '/api/cycles/c1/alignment').length).toBeGreaterThan(1);
  });

  it("shows the API's field messages beside the fields of a key result, and sends what was typed", async () => {
    const requests = plan('editor', {
      'POST /api/objectives/o2/key-results': () =>
        problem(400, 'Invalid input', {
          errors: [
            { field: 'metric.target', message: 'metric.target must be greater than start (10) for an increase metric' },
            { field: 'title', message: 'title must not be empty' },
          ],
        }),
    });
    renderApp('/plan?cycle=c1&objective=o2');
    await userEvent.click(await screen.findByRole('button', { name: 'Add a key result' }));
    const form = screen.getByRole('form', { name: 'New key result' });
    await userEvent.type(within(form).getByLabelText('Start value'), '10');
    await userEvent.type(within(form).getByLabelText('Target'), '5');
    await userEvent.type(within(form).getByLabelText('Unit'), '%');
    await userEvent.click(within(form).getByRole('button', { name: 'Add the key result' }));

    const target = within(form).getByLabelText('Target');
    await waitFor(() => expect(target.getAttribute('aria-invalid')).toBe('true'));
    const described = target.getAttribute('aria-describedby')!;
    expect(document.getElementById(described)!.textContent).toBe('metric.target must be greater than start (10) for an increase metric');
    expect(within(form).getByText('title must not be empty')).toBeTruthy();
    expect(within(form).getByRole('alert').textContent).toContain('Check the fields marked below.');
    expect(document.activeElement).toBe(within(form).getByLabelText('Title'));
    const [add] = sent(requests, 'POST', '/api/objectives/o2/key-results');
    expect(await add.json()).toEqual({
      title: '',
      metric: { type: 'increase', start: 10, target: 5, unit: '%' },
      weight: 1,
      ownerId: 'u-bob',
      checkInCadence: null,
    });

    // A milestone has no numbers to fill in.
    await userEvent.selectOptions(within(form).getByLabelText('Measured as'), 'milestone');
    expect(within(form).queryByLabelText('Start value')).toBeNull();
    expect(within(form).queryByLabelText('Target')).toBeNull();
  });

  it("sets a key result's check-in cadence when adding and editing it; the tenant's cadence is null", async () => {
    const requests = plan('editor', {
      'POST /api/objectives/o2/key-results': () => json({ id: 'k9', version: 1, position: 60 }, 201),
      'PATCH /api/key-results/k1': () => json({ version: 5, position: 61 }),
      'GET /api/objectives/o2': () => json({ ...O2, keyResults: [{ ...O2.keyResults[0], checkInCadence: 'fortnightly' }] }),
    });
    renderApp('/plan?cycle=c1&objective=o2');
    await userEvent.click(await screen.findByRole('button', { name: 'Add a key result' }));
    const add = screen.getByRole('form', { name: 'New key result' });
    expect((within(add).getByLabelText('Check-in cadence') as HTMLSelectElement).value).toBe('');
    await userEvent.type(within(add).getByLabelText('Title'), 'Weekly demos');
    await userEvent.selectOptions(within(add).getByLabelText('Measured as'), 'milestone');
    await userEvent.selectOptions(within(add).getByLabelText('Check-in cadence'), 'Monthly');
    await userEvent.click(within(add).getByRole('button', { name: 'Add the key result' }));
    await waitFor(() => expect(sent(requests, 'POST', '/api/objectives/o2/key-results')).toHaveLength(1));
    const [created] = sent(requests, 'POST', '/api/objectives/o2/key-results');
    expect(await created.json()).toMatchObject({ title: 'Weekly demos', checkInCadence: 'monthly' });

    await userEvent.click(await screen.findByRole('button', { name: 'Edit Monthly revenue' }));
    const edit = screen.getByRole('form', { name: 'Edit Monthly revenue' });
    const cadence = within(edit).getByLabelText('Check-in cadence') as HTMLSelectElement;
    expect(cadence.value).toBe('fortnightly');
    await userEvent.selectOptions(cadence, "The tenant's cadence");
    await userEvent.click(within(edit).getByRole('button', { name: 'Save the key result' }));
    await screen.findByText('The key result was saved.');
    const [patch] = sent(requests, 'PATCH', '/api/key-results/k1');
    expect(await patch.json()).toEqual({ checkInCadence: null });
  });

  it('edits a key result with If-Match, and offers the latest version after a 412', async () => {
    let version = 4;
    const requests = plan('editor', {
      'PATCH /api/key-results/k1': () =>
        version === 4
          ? problem(412, 'Precondition Failed', { detail: 'The resource is at version 5, not 4 (If-Match)' })
          : json({ version: 6, position: 50 }),
      'GET /api/objectives/o2': () => json({ ...O2, keyResults: [{ ...O2.keyResults[0], version }] }),
    });
    renderApp('/plan?cycle=c1&objective=o2');
    await userEvent.click(await screen.findByRole('button', { name: 'Edit Monthly revenue' }));
    const form = screen.getByRole('form', { name: 'Edit Monthly revenue' });
    await userEvent.clear(within(form).getByLabelText('Target (k€)'));
    await userEvent.type(within(form).getByLabelText('Target (k€)'), '125');
    await userEvent.type(within(form).getByLabelText('Why the target changes'), 'board asked for less');
    await userEvent.click(within(form).getByRole('button', { name: 'Save the key result' }));

    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('Someone changed this since you opened it.');
    const [first] = sent(requests, 'PATCH', '/api/key-results/k1');
    expect(first.headers.get('If-Match')).toBe('"4"');
    expect(await first.json()).toEqual({ target: 125, reason: 'board asked for less' });

    // The form comes back with the key result as it is now, for the change to be made again.
    version = 5;
    await userEvent.click(within(alert).getByRole('button', { name: 'Load the latest version' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    const again = screen.getByRole('form', { name: 'Edit Monthly revenue' });
    expect((within(again).getByLabelText('Why the target changes') as HTMLInputElement).value).toBe('');
    await userEvent.clear(within(again).getByLabelText('Title'));
    await userEvent.type(within(again).getByLabelText('Title'), 'Monthly recurring revenue');
    await userEvent.click(within(again).getByRole('button', { name: 'Save the key result' }));
    await screen.findByText('The key result was saved.');
    const second = sent(requests, 'PATCH', '/api/key-results/k1')[1];
    expect(second.headers.get('If-Match')).toBe('"5"');
    expect(await second.json()).toEqual({ title: 'Monthly recurring revenue' });
  });

  it('gives the focus back to the button that opened a form once it closes', async () => {
    plan('editor');
    renderApp('/plan?cycle=c1&objective=o2');
    await userEvent.click(await screen.findByRole('button', { name: 'Grade Monthly revenue' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Score (0 to 1)'));
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Grade Monthly revenue' })));
  });

  it('links an initiative to key results, keeping its links to other objectives', async () => {
    const requests = plan('editor', { 'PATCH /api/initiatives/i1': () => json({ version: 7, position: 60 }) });
    renderApp('/plan?cycle=c1&objective=o2');
    await userEvent.click(await screen.findByRole('button', { name: 'Edit Partner programme' }));
    const form = await screen.findByRole('form', { name: 'Edit the initiative' });
    await userEvent.selectOptions(within(form).getByLabelText('Status'), 'done');
    await userEvent.click(within(form).getByRole('checkbox', { name: 'Monthly revenue' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Save the initiative' }));
    await waitFor(() => expect(sent(requests, 'PATCH', '/api/initiatives/i1')).toHaveLength(1));
    const [patch] = sent(requests, 'PATCH', '/api/initiatives/i1');
    expect(patch.headers.get('If-Match')).toBe('"6"');
    expect(await patch.json()).toEqual({ title: 'Partner programme', ownerId: 'u-bob', status: 'done', keyResultIds: ['k-elsewhere'] });
  });

  it('archives an objective after a second thought', async () => {
    const requests = plan('editor', { 'POST /api/objectives/o2/archive': () => json({ version: 8, position: 70 }) });
    const app = renderApp('/plan?cycle=c1&objective=o2');
    await userEvent.click(await screen.findByRole('button', { name: 'Archive' }));
    expect(sent(requests, 'POST', '/api/objectives/o2/archive')).toHaveLength(0);
    const confirm = screen.getByRole('group', { name: 'Archive' });
    expect(confirm.textContent).toContain('It leaves the plan, the alignment tree and the rollups');
    await userEvent.click(within(confirm).getByRole('button', { name: 'Archive it' }));
    await waitFor(() => expect(app.location()).toBe('/plan?cycle=c1'));
    const [archive] = sent(requests, 'POST', '/api/objectives/o2/archive');
    expect(archive.headers.get('If-Match')).toBe('"7"');
    expect(archive.headers.get('Idempotency-Key')).toBeTruthy();
  });

  it('shows viewers the plan without a single write control', async () => {
    plan('viewer');
    renderApp('/plan?cycle=c1&objective=o2');
    await screen.findByRole('heading', { name: 'Grow revenue 30 %', level: 2 });
    expect(screen.queryByRole('link', { name: 'Plan' })).toBeNull();
    const buttons = screen.getAllByRole('button').map((b) => b.textContent);
    expect(buttons).toEqual(['Sign out', 'Back to the list']);
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('offers no closing of a whole cycle to editors', async () => {
    plan('editor');
    renderApp('/plan?cycle=c1');
    await screen.findByRole('link', { name: 'Grow revenue 30 %' });
    expect(screen.queryByRole('button', { name: 'Close the cycle' })).toBeNull();
  });

  it('closes a whole cycle for an admin after a second thought', async () => {
    const requests = plan('admin', { 'POST /api/cycles/c1/close': () => json({ closedObjectiveIds: ['o1', 'o2'], position: 80 }) });
    renderApp('/plan?cycle=c1');
    await userEvent.click(await screen.findByRole('button', { name: 'Close the cycle' }));
    const confirm = screen.getByRole('group', { name: 'Close the cycle' });
    expect(confirm.textContent).toContain('This cannot be undone.');
    await userEvent.click(within(confirm).getByRole('button', { name: 'Close the cycle for good' }));
    await waitFor(() => expect(sent(requests, 'POST', '/api/cycles/c1/close')).toHaveLength(1));
    expect(sent(requests, 'POST', '/api/cycles/c1/close')[0].headers.get('If-Match')).toBe('"5"');
  });

  it("answers another tenant's objective and cycle as not found", async () => {
    plan('editor', { 'GET /api/objectives/theirs': () => problem(404, 'Resource not found', { detail: 'Objective theirs not found' }) });
    renderApp('/plan?cycle=c1&objective=theirs');
    await screen.findByRole('heading', { name: 'Objective not found' });
    expect(screen.getByText(/No objective of yours has this address/)).toBeTruthy();
  });

  it('says when the cycle of the address is not one of yours', async () => {
    plan('editor');
    renderApp('/plan?cycle=theirs');
    await screen.findByRole('heading', { name: 'Cycle not found' });
  });

  it('schedules a cycle and shows the refusal of a bad date beside it', async () => {
    let calls = 0;
    const requests = plan('editor', {
      'POST /api/cycles': () =>
        ++calls === 1
          ? problem(400, 'Invalid input', { errors: [{ field: 'endsOn', message: 'endsOn must be after startsOn' }] })
          : json({ id: 'c3', version: 1, position: 90 }, 201),
    });
    renderApp('/plan?cycle=c1');
    await userEvent.click(await screen.findByRole('button', { name: 'New cycle' }));
    const form = screen.getByRole('form', { name: 'New cycle' });
    await userEvent.type(within(form).getByLabelText('Name'), 'FY27 H1');
    await userEvent.type(within(form).getByLabelText('First day'), '2027-01-01');
    await userEvent.type(within(form).getByLabelText('Last day'), '2026-12-31');
    await userEvent.click(within(form).getByRole('button', { name: 'Schedule the cycle' }));
    await within(form).findByText('endsOn must be after startsOn');
    await userEvent.click(within(form).getByRole('button', { name: 'Schedule the cycle' }));
    await waitFor(() => expect(sent(requests, 'POST', '/api/cycles')).toHaveLength(2));
    const [first, second] = sent(requests, 'POST', '/api/cycles');
    expect(await first.json()).toEqual({ name: 'FY27 H1', startsOn: '2027-01-01', endsOn: '2026-12-31' });
    expect(first.headers.get('Idempotency-Key')).not.toBe(second.headers.get('Idempotency-Key'));
  });

  it('renames a team with If-Match', async () => {
    const requests = plan('editor', { 'PATCH /api/teams/t-sales': () => json({ version: 3, position: 95 }) });
    renderApp('/plan?cycle=c1');
    await userEvent.click(await screen.findByRole('button', { name: 'Edit Sales' }));
    const form = await screen.findByRole('form', { name: 'Edit the team Sales' });
    await userEvent.clear(within(form).getByLabelText('Name'));
    await userEvent.type(within(form).getByLabelText('Name'), 'Sales and partners');
    await userEvent.click(within(form).getByRole('button', { name: 'Save the team' }));
    await waitFor(() => expect(sent(requests, 'PATCH', '/api/teams/t-sales')).toHaveLength(1));
    const [patch] = sent(requests, 'PATCH', '/api/teams/t-sales');
    expect(patch.headers.get('If-Match')).toBe('"2"');
    expect(await patch.json()).toEqual({ name: 'Sales and partners', parentTeamId: 't-exec' });
  });
});
