import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Me, Role } from '../../api/views';
import { fakeApi, json, problem } from '../../testing/fake-api';
import { renderApp } from '../../testing/render';
import type { AuditEntry, VerifyAnswer } from './audit-api';

const CYCLE = { id: 'c1', name: 'FY26 H1', startsOn: '2026-01-01', endsOn: '2026-06-30', status: 'open', closedAt: null };
const USERS = [
  { id: 'u-ada', name: 'Ada Lovelace', role: 'admin', teamIds: [] },
  { id: 'u-bob', name: 'Bob Stone', role: 'editor', teamIds: [] },
];

function entry(position: number, fields: Partial<AuditEntry> = {}): AuditEntry {
  return {
    position,
    recordedAt: '2026-02-10T09:00:00.000Z',
    actor: { id: 'u-ada', name: 'Ada Lovelace' },
    type: 'KeyResultTargetChanged',
    streamId: 'keyresult-k1',
    summary: `Target of 'Reduce churn' changed from 3 % to 2.5 % by Ada Lovelace: board asked for more (${position})`,
    changes: { target: { from: 3, to: 2.5 } },
    reason: 'board asked for more',
    ...fields,
  };
}

const VERIFIED: VerifyAnswer = {
  ok: true,
  seconds: 0.42,
  streamsChecked: 120,
  eventsChecked: 3456,
  unchainedEvents: 0,
  brokenLinks: 0,
  firstBroken: null,
  headPosition: 3500,
};

function audit(role: Role, routes: Record<string, (request: Request) => Response | Promise<Response>>) {
  const me: Me = { id: 'u-me', name: 'Ann Analyst', role, tenantId: 'default', teamIds: [] };
  return fakeApi({
    'GET /api/me': () => json(me),
    'GET /api/users': () => json({ items: USERS }),
    'GET /api/cycles': () => json({ items: [CYCLE] }),
    ...routes,
  });
}

const trailRequests = (requests: Request[]) =>
  requests.filter((r) => new URL(r.url).pathname === '/api/audit').map((r) => new URL(r.url).searchParams);

describe('audit', () => {
  it('shows the trail in words with who, when, why and what changed; filters from the URL go to the API', async () => {
    const requests = audit('viewer', { 'GET /api/audit': () => json({ items: [entry(7)], nextCursor: null, scannedUpTo: 90 }) });
    renderApp('/audit?actor=u-ada&stream=keyresult-k1&type=KeyResultTargetChanged&from=2026-02-01T00:00');
    await screen.findByText("Target of 'Reduce churn' changed from 3 % to 2.5 % by Ada Lovelace: board asked for more (7)");
    expect(screen.getByText(/Key result target changed · event #7/)).toBeTruthy();
    // Already narrowed to that entity: no button to narrow to it again.
    expect(screen.queryByRole('button', { name: /^Only this entity/ })).toBeNull();
    expect(screen.getByText('1 event, oldest first.')).toBeTruthy();
    expect(screen.getByText('target').nextElementSibling!.textContent).toBe('3 → 2.5');

    const [query] = trailRequests(requests);
    expect(query.get('actorId')).toBe('u-ada');
    expect(query.get('streamId')).toBe('keyresult-k1');
    expect(query.getAll('type')).toEqual(['KeyResultTargetChanged']);
    expect(query.get('from')).toBe(new Date('2026-02-01T00:00').toISOString());
    expect(query.get('limit')).toBe('50');
    expect((screen.getByLabelText('Who') as HTMLSelectElement).value).toBe('u-ada');
    expect((screen.getByLabelText('Event type') as HTMLSelectElement).value).toBe('KeyResultTargetChanged');
    // Every event type the API knows is offered, by what it is about: the newer ones too.
    const people = screen.getByRole('group', { name: 'People' });
    expect(within(people).getByRole('option', { name: 'User role changed' })).toBeTruthy();
    const keyResults = screen.getByRole('group', { name: 'Key results' });
    expect(within(keyResults).getByRole('option', { name: 'Key result check in cadence changed' })).toBeTruthy();
    expect(within(screen.getByRole('group', { name: 'Sign-in and tokens' })).getAllByRole('option')).toHaveLength(4);
  });

  it('narrows to one entity, and applies the filters chosen', async () => {
    const requests = audit('viewer', {
      'GET /api/audit': (request) => {
        const stream = new URL(request.url).searchParams.get('streamId');
        return json({
          items: [entry(7, stream ? {} : { streamId: 'keyresult-k1' }), ...(stream ? [] : [entry(8, { streamId: 'team-t1' })])],
          nextCursor: null,
          scannedUpTo: 90,
        });
      },
    });
    const app = renderApp('/audit');
    await screen.findByText('2 events, oldest first.');
    await userEvent.click(screen.getAllByRole('button', { name: 'Only this entity: keyresult-k1' })[0]);
    await screen.findByText('1 event, oldest first.');
    expect(app.location()).toBe('/audit?stream=keyresult-k1');
    expect((screen.getByLabelText('Entity (stream)') as HTMLInputElement).value).toBe('keyresult-k1');

    await userEvent.selectOptions(screen.getByLabelText('Who'), 'Bob Stone');
    await userEvent.click(screen.getByRole('button', { name: 'Show events' }));
    await waitFor(() => expect(app.location()).toBe('/audit?actor=u-bob&stream=keyresult-k1'));
    await waitFor(() => expect(trailRequests(requests).at(-1)!.get('actorId')).toBe('u-bob'));

    await userEvent.click(screen.getByRole('button', { name: 'Clear the filters' }));
    await waitFor(() => expect(app.location()).toBe('/audit'));
  });

  it('follows the cursor over short pages (the API reads a bounded slice of the log each time), and shows more on demand', async () => {
    const pages: Record<string, { items: AuditEntry[]; nextCursor: string | null; scannedUpTo: number }> = {
      start: { items: [entry(1)], nextCursor: 'a', scannedUpTo: 20000 },
      a: { items: [], nextCursor: 'b', scannedUpTo: 40000 },
      b: { items: Array.from({ length: 49 }, (_, i) => entry(40001 + i)), nextCursor: 'c', scannedUpTo: 40049 },
      c: { items: [entry(50000)], nextCursor: null, scannedUpTo: 50000 },
    };
    const requests = audit('viewer', {
      'GET /api/audit': (request) => json(pages[new URL(request.url).searchParams.get('cursor') ?? 'start']),
    });
    renderApp('/audit');
    await screen.findByText('50 events, oldest first (searched the log up to event #40049).');
    expect(trailRequests(requests).map((q) => q.get('cursor'))).toEqual([null, 'a', 'b']);
    await userEvent.click(screen.getByRole('button', { name: 'Show more events' }));
    await screen.findByText('51 events, oldest first.');
    expect(screen.queryByRole('button', { name: 'Show more events' })).toBeNull();
  });

  it("shows the API's message beside a filter it refuses", async () => {
    audit('viewer', {
      'GET /api/audit': () => problem(400, 'Invalid input', { errors: [{ field: 'from', message: 'from must be before to' }] }),
    });
    renderApp('/audit?from=2026-03-01T00:00&to=2026-02-01T00:00');
    const from = await screen.findByLabelText('Recorded from');
    await waitFor(() => expect(from.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(from.getAttribute('aria-describedby')!.split(' ').at(-1)!)!.textContent).toBe('from must be before to');
  });

  it('verifies the trail for an admin and says so plainly', async () => {
    audit('admin', {
      'GET /api/audit': () => json({ items: [], nextCursor: null, scannedUpTo: 0 }),
      'GET /api/audit/verify': () => json({ ...VERIFIED, unchainedEvents: 12 }),
    });
    renderApp('/audit');
    await userEvent.click(await screen.findByRole('button', { name: 'Verify the trail' }));
    const status = await screen.findByText(/every chain holds/);
    expect(status.closest('[role="status"]')!.textContent).toBe(
      'Verified: 3,456 events in 120 streams, every chain holds (up to event #3500, in 0.42 s).12 events were written before the chain existed: checked in order, but not sealed.',
    );
  });

  it('says where the chain breaks, and shows that stream', async () => {
    const requests = audit('admin', {
      'GET /api/audit': () => json({ items: [], nextCursor: null, scannedUpTo: 0 }),
      'GET /api/audit/verify': () =>
        json({
          ...VERIFIED,
          ok: false,
          brokenLinks: 2,
          firstBroken: { streamId: 'objective-o7', revision: 3, position: 1234, reason: 'hash_mismatch', expected: 'ab', found: 'cd' },
        }),
    });
    const app = renderApp('/audit');
    await userEvent.click(await screen.findByRole('button', { name: 'Verify the trail' }));
    const broken = await screen.findByText(/The chain breaks/);
    const result = broken.closest('[role="status"]')!;
    expect(result.textContent).toContain('The chain breaks: 2 broken links in 3,456 events checked.');
    expect(result.textContent).toContain(
      'First at objective-o7, revision 3 (event #1234): the event is not what was sealed (its content was changed).',
    );
    await userEvent.click(within(result as HTMLElement).getByRole('button', { name: 'Show its events' }));
    await waitFor(() => expect(app.location()).toBe('/audit?stream=objective-o7'));
    await waitFor(() => expect(trailRequests(requests).at(-1)!.get('streamId')).toBe('objective-o7'));
  });

  it('offers verification to admins only', async () => {
    audit('editor', { 'GET /api/audit': () => json({ items: [], nextCursor: null, scannedUpTo: 0 }) });
    renderApp('/audit');
    await screen.findByText('Administrators verify the trail.');
    expect(screen.queryByRole('button', { name: 'Verify the trail' })).toBeNull();
  });

  it("downloads a cycle's events and time series from the API's own address (the session cookie goes along)", async () => {
    audit('viewer', { 'GET /api/audit': () => json({ items: [], nextCursor: null, scannedUpTo: 0 }) });
    renderApp('/audit');
    const csv = await screen.findByRole('link', { name: 'Events as CSV' });
    expect(csv.getAttribute('href')).toBe('/api/cycles/c1/events?format=csv');
    expect(csv.hasAttribute('download')).toBe(true);
    expect(screen.getByRole('link', { name: 'Events as JSON Lines' }).getAttribute('href')).toBe('/api/cycles/c1/events?format=jsonl');
    await userEvent.selectOptions(screen.getByLabelText('Time series points'), 'day');
    expect(screen.getByRole('link', { name: 'Time series as CSV' }).getAttribute('href')).toBe(
      '/api/cycles/c1/timeseries?format=csv&interval=day',
    );
  });
});
