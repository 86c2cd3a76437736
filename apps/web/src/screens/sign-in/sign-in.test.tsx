import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Me } from '../../api/views';
import { fakeApi, json, problem } from '../../testing/fake-api';
import { renderApp } from '../../testing/render';

const ADA: Me = { id: 'u-ada', name: 'Ada Lovelace', role: 'editor', tenantId: 'default', teamIds: [] };
const SIGNED_OUT = { 'GET /api/me': () => problem(401, 'Unauthorized'), 'GET /api/cycles': () => json({ items: [] }) };

afterEach(() => {
  document.cookie = 'okr_csrf=; Max-Age=0; Path=/';
});

describe('sign in', () => {
  it('sends a visitor without a session to sign in, then back where they were going', async () => {
    const requests = fakeApi({
      ...SIGNED_OUT,
      'POST /api/session': async (request) => {
        expect(await request.json()).toEqual({ token: 'ada-token' });
        return json(ADA);
      },
    });
    const app = renderApp('/alignment?cycle=c1');
    await screen.findByRole('heading', { name: 'Sign in to OKR' });
    expect(app.location()).toBe(`/sign-in?next=${encodeURIComponent('/alignment?cycle=c1')}`);

    await userEvent.type(screen.getByLabelText('Token'), 'ada-token');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    await screen.findByText('Ada Lovelace');
    expect(screen.getByText('Editor')).toBeTruthy();
    expect(app.location()).toBe('/alignment?cycle=c1');
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toContain('POST /api/session');
  });

  it('says so when the token is refused, and keeps the user on the form', async () => {
    fakeApi({ ...SIGNED_OUT, 'POST /api/session': () => problem(401, 'Unauthorized', { detail: 'Invalid token' }) });
    const app = renderApp('/sign-in');
    await userEvent.type(await screen.findByLabelText('Token'), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('This token is not valid. Ask an administrator for a new one.');
    expect(screen.getByLabelText('Token').getAttribute('aria-invalid')).toBe('true');
    expect(app.location()).toBe('/sign-in');
  });

  it('asks for a token before sending anything', async () => {
    const requests = fakeApi(SIGNED_OUT);
    renderApp('/sign-in');
    await userEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Enter your token.');
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('never sends the user to another site after signing in', async () => {
    fakeApi({ ...SIGNED_OUT, 'POST /api/session': () => json(ADA) });
    const app = renderApp('/sign-in?next=//evil.example/');
    await userEvent.type(await screen.findByLabelText('Token'), 'ada-token');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByText('Ada Lovelace');
    expect(app.location()).toBe('/alignment');
  });
});

describe('the signed-in frame', () => {
  it("shows the user's name and role, and signs out with the CSRF token of the session", async () => {
    document.cookie = 'okr_csrf=csrf-123; Path=/';
    const requests = fakeApi({
      'GET /api/me': () => json({ ...ADA, role: 'viewer' }),
      'GET /api/cycles': () => json({ items: [] }),
      'DELETE /api/session': () => new Response(null, { status: 204 }),
    });
    const app = renderApp('/alignment');
    await screen.findByText('Ada Lovelace');
    expect(screen.getByText('Viewer')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByRole('heading', { name: 'Sign in to OKR' });
    const signOut = requests.find((r) => r.method === 'DELETE');
    expect(new URL(signOut!.url).pathname).toBe('/api/session');
    expect(signOut!.headers.get('X-CSRF-Token')).toBe('csrf-123');
    await waitFor(() => expect(app.location()).toBe('/sign-in'));
  });

  it('asks to sign in again when the session has ended meanwhile', async () => {
    fakeApi({ 'GET /api/me': () => json(ADA), 'GET /api/cycles': () => problem(401, 'Unauthorized') });
    const app = renderApp('/alignment');
    await screen.findByRole('heading', { name: 'Sign in to OKR' });
    expect(app.location()).toBe(`/sign-in?next=${encodeURIComponent('/alignment')}`);
  });
});
