import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me, Role } from '../../api/views';
import { fakeApi, json, problem } from '../../testing/fake-api';
import { renderApp } from '../../testing/render';

const ADA: Me = { id: 'u-ada', name: 'Ada Lovelace', role: 'admin', tenantId: 'default', teamIds: [] };
const TEAMS = [
  { id: 't-sales', name: 'Sales', parentTeamId: null },
  { id: 't-eu', name: 'Sales EU', parentTeamId: 't-sales' },
];
const USERS = [
  { id: 'u-ada', name: 'Ada Lovelace', role: 'admin', teamIds: [], hasToken: true },
  { id: 'u-bob', name: 'Bob Stone', role: 'editor', teamIds: ['t-sales'], hasToken: true },
  { id: 'u-eve', name: 'Eve Gone', role: 'viewer', teamIds: [], hasToken: false },
];

function admin(routes: Record<string, (request: Request) => Response | Promise<Response>> = {}, me: Me = ADA) {
  return fakeApi({
    'GET /api/me': () => json(me),
    'GET /api/users': () => json({ items: USERS }),
    'GET /api/teams': () => json({ items: TEAMS }),
    ...routes,
  });
}

const rowOf = (name: string) => screen.getByText(name, { selector: 'strong' }).closest('tr')!;
const sent = (requests: Request[], method: string, path: string) =>
  requests.filter((r) => r.method === method && new URL(r.url).pathname === path);

afterEach(() => {
  vi.unstubAllGlobals();
  document.cookie = 'okr_csrf=; Max-Age=0; Path=/';
});

describe('admin', () => {
  it('lists the people with their role, teams and whether their token works', async () => {
    admin();
    renderApp('/admin');
    await screen.findByRole('heading', { name: 'People and tokens' });
    expect(within(rowOf('Bob Stone')).getAllByText('Sales').length).toBeGreaterThan(0);
    expect(within(rowOf('Bob Stone')).getByText('Editor')).toBeTruthy();
    expect(within(rowOf('Eve Gone')).getByText('Revoked')).toBeTruthy();
    expect(within(rowOf('Eve Gone')).queryByRole('button', { name: 'Revoke' })).toBeNull();
    expect(within(rowOf('Eve Gone')).getByRole('button', { name: 'Issue a token' })).toBeTruthy();
    expect(within(rowOf('Ada Lovelace')).getByText('(you)')).toBeTruthy();
  });

  it('creates a person and shows their token once, with a copy button and a clear warning', async () => {
    document.cookie = 'okr_csrf=csrf-1; Path=/';
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const requests = admin({ 'POST /api/users': () => json({ id: 'u-new', token: 'okr_secret_token_123', version: 1, position: 9 }, 201) });
    renderApp('/admin');
    await userEvent.click(await screen.findByRole('button', { name: 'New person' }));
    const form = screen.getByRole('form', { name: 'New person' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Nia New');
    await userEvent.selectOptions(within(form).getByLabelText('Role'), 'viewer');
    await userEvent.click(within(form).getByRole('button', { name: 'Create and show the token' }));

    const panel = await screen.findByRole('region', { name: 'Nia New can now sign in' });
    expect(panel.textContent).toContain('Copy this token now: you will not see it again.');
    expect((within(panel).getByLabelText('Token for Nia New') as HTMLInputElement).value).toBe('okr_secret_token_123');
    await userEvent.click(within(panel).getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith('okr_secret_token_123');
    expect(within(panel).getByRole('status').textContent).toBe('Copied to the clipboard.');

    const [create] = sent(requests, 'POST', '/api/users');
    expect(await create.json()).toEqual({ name: 'Nia New', role: 'viewer' });
    expect(create.headers.get('Idempotency-Key')).toBeTruthy();
    expect(create.headers.get('X-CSRF-Token')).toBe('csrf-1');

    await userEvent.click(within(panel).getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByRole('region', { name: 'Nia New can now sign in' })).toBeNull();
    expect(document.body.innerHTML).not.toContain('okr_secret_token_123');
  });

  it('selects the token for copying by hand where the page has no clipboard', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: async () => Promise.reject(new Error('not allowed')) } });
    admin({ 'POST /api/users/u-bob/token': () => json({ token: 'okr_new_bob', version: 4, position: 12 }) });
    renderApp('/admin');
    await screen.findByRole('heading', { name: 'People and tokens' });
    await userEvent.click(within(rowOf('Bob Stone')).getByRole('button', { name: 'New token' }));
    await userEvent.click(screen.getByRole('button', { name: 'Issue the token' }));
    const panel = await screen.findByRole('region', { name: 'New token for Bob Stone' });
    await userEvent.click(within(panel).getByRole('button', { name: 'Copy' }));
    expect(within(panel).getByRole('status').textContent).toContain('The token is selected');
  });

  it('issues a new token only after a second thought that says the old one stops working', async () => {
    const requests = admin({ 'POST /api/users/u-bob/token': () => json({ token: 'okr_new_bob', version: 4, position: 12 }) });
    renderApp('/admin');
    await screen.findByRole('heading', { name: 'People and tokens' });
    await userEvent.click(within(rowOf('Bob Stone')).getByRole('button', { name: 'New token' }));
    const confirm = screen.getByRole('group', { name: 'New token' });
    expect(confirm.textContent).toContain('Their current token stops working and their sessions end.');
    expect(sent(requests, 'POST', '/api/users/u-bob/token')).toHaveLength(0);
    await userEvent.click(within(confirm).getByRole('button', { name: 'Issue the token' }));
    const panel = await screen.findByRole('region', { name: 'New token for Bob Stone' });
    expect((within(panel).getByRole('textbox') as HTMLInputElement).value).toBe('okr_new_bob');
    expect(sent(requests, 'POST', '/api/users/u-bob/token')[0].headers.get('Idempotency-Key')).toBeTruthy();
  });

  it('revokes a token after a confirmation, and shows it revoked', async () => {
    let revoked = false;
    const requests = admin({
      'DELETE /api/users/u-bob/token': () => {
        revoked = true;
        return new Response(null, { status: 204 });
      },
      'GET /api/users': () => json({ items: USERS.map((u) => (u.id === 'u-bob' ? { ...u, hasToken: !revoked } : u)) }),
    });
    renderApp('/admin');
    await screen.findByRole('heading', { name: 'People and tokens' });
    await userEvent.click(within(rowOf('Bob Stone')).getByRole('button', { name: 'Revoke' }));
    const confirm = screen.getByRole('group', { name: 'Revoke' });
    expect(confirm.textContent).toContain('They are signed out everywhere and cannot sign in until you issue a new one.');
    await userEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(sent(requests, 'DELETE', '/api/users/u-bob/token')).toHaveLength(0);

    await userEvent.click(within(rowOf('Bob Stone')).getByRole('button', { name: 'Revoke' }));
    await userEvent.click(within(screen.getByRole('group', { name: 'Revoke' })).getByRole('button', { name: 'Revoke the token' }));
    await waitFor(() => expect(within(rowOf('Bob Stone')).getByText('Revoked')).toBeTruthy());
    expect(sent(requests, 'DELETE', '/api/users/u-bob/token')).toHaveLength(1);
  });

  it("changes a person's role and teams (only what changed), and shows the API's refusal beside the field", async () => {
    let calls = 0;
    const requests = admin({
      'PATCH /api/users/u-ada': () =>
        ++calls === 1
          ? problem(409, 'Business rule violated', {
              detail: 'The last admin who can sign in cannot be demoted',
              errors: [{ field: 'role', message: 'The last admin who can sign in cannot be demoted' }],
            })
          : json({ version: 5, position: 20 }),
    });
    renderApp('/admin');
    await screen.findByRole('heading', { name: 'People and tokens' });
    await userEvent.click(within(rowOf('Ada Lovelace')).getByRole('button', { name: 'Edit Ada Lovelace' }));
    const form = screen.getByRole('form', { name: 'Edit Ada Lovelace' });
    await userEvent.selectOptions(within(form).getByLabelText('Role'), 'editor');
    await userEvent.click(within(form).getByRole('checkbox', { name: 'Sales EU' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await within(form).findByText('The last admin who can sign in cannot be demoted', { selector: '.field-error' });
    expect(within(form).getByLabelText('Role').getAttribute('aria-invalid')).toBe('true');
    expect(await sent(requests, 'PATCH', '/api/users/u-ada')[0].json()).toEqual({ role: 'editor', teamIds: ['t-eu'] });

    await userEvent.selectOptions(within(form).getByLabelText('Role'), 'admin');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit Ada Lovelace' })).toBeNull());
    expect(await sent(requests, 'PATCH', '/api/users/u-ada')[1].json()).toEqual({ teamIds: ['t-eu'] });
  });

  it('is for admins only: no link to it, and a plain word if opened', async () => {
    const requests = admin({}, { ...ADA, role: 'editor' as Role });
    renderApp('/admin');
    await screen.findByText('Only administrators manage people and their tokens.');
    expect(screen.queryByRole('link', { name: 'People' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Plan' })).toBeTruthy();
    expect(sent(requests, 'GET', '/api/users')).toHaveLength(0);
  });
});
