import type { Page } from 'playwright-core';
import { launchBrowser, startWebServer, type WebBrowser, type WebServer } from '../support/web-browser';
import { bearerApi, checkScreen, signIn, type BearerApi } from '../support/web-session';

/**
 * Admin in a real browser, on the demo organisation: a new person and their token, shown once; a new token and a
 * revoked one, each after a confirmation, and what the API then accepts; a role and teams changed.
 */
describe('web app: admin (demo organisation, Chromium)', () => {
  let server: WebServer;
  let browser: WebBrowser;
  let page: Page;
  let admin: BearerApi;

  beforeAll(async () => {
    server = await startWebServer({ demo: true });
    admin = bearerApi(server);
    browser = await launchBrowser();
    page = await browser.page();
    await signIn(page, server, server.adminToken);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const row = (name: string) => page.locator('tbody tr', { has: page.locator('strong', { hasText: name }) });
  /** How the API answers GET /api/me with a token: 200 while it works. */
  const me = async (token: string) => (await fetch(`${server.base}/api/me`, { headers: { Authorization: `Bearer ${token}` } })).status;
  let firstToken: string;

  it('creates a person and shows their token once', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    await page.getByRole('heading', { name: 'People and tokens' }).waitFor();
    await page.getByRole('button', { name: 'New person' }).click();
    const form = page.getByRole('form', { name: 'New person' });
    await form.getByLabel('Name').fill('Grace Hopper');
    await form.getByLabel('Role').selectOption('editor');
    await form.getByRole('button', { name: 'Create and show the token' }).click();

    const panel = page.getByRole('region', { name: 'Grace Hopper can now sign in' });
    await panel.waitFor();
    expect(await panel.innerText()).toContain('Copy this token now: you will not see it again.');
    const token = await panel.getByLabel('Token for Grace Hopper').inputValue();
    expect(token.length).toBeGreaterThan(16);
    expect(await me(token)).toBe(200);
    firstToken = token;
    await checkScreen(page, 'admin');

    await panel.getByRole('button', { name: 'I have copied it' }).click();
    expect(await page.content()).not.toContain(token);
    await page.reload();
    await row('Grace Hopper').waitFor();
    expect(await page.content()).not.toContain(token);
    expect(await row('Grace Hopper').locator('td').nth(1).innerText()).toBe('Editor');
  });

  it('issues a new token (the old one stops working) and revokes it, each after a confirmation', async () => {
    await row('Grace Hopper').getByRole('button', { name: 'New token' }).click();
    const confirm = page.getByRole('group', { name: 'New token' });
    expect(await confirm.innerText()).toContain('Their current token stops working');
    await confirm.getByRole('button', { name: 'Issue the token' }).click();
    const panel = page.getByRole('region', { name: 'New token for Grace Hopper' });
    const token = await panel.getByLabel('Token for Grace Hopper').inputValue();
    expect(await me(firstToken)).toBe(401);
    expect(await me(token)).toBe(200);
    await panel.getByRole('button', { name: 'I have copied it' }).click();

    await row('Grace Hopper').getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('group', { name: 'Revoke' }).getByRole('button', { name: 'Revoke the token' }).click();
    await row('Grace Hopper').getByText('Revoked').waitFor();
    expect(await me(token)).toBe(401);
  });

  it('changes a role and the teams of a person', async () => {
    const { items: teams } = await admin.get('/teams');
    await row('Grace Hopper').getByRole('button', { name: 'Edit Grace Hopper' }).click();
    const form = page.getByRole('form', { name: 'Edit Grace Hopper' });
    await form.getByLabel('Role').selectOption('viewer');
    await form.getByRole('checkbox', { name: teams[0].name, exact: true }).check();
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
    await row('Grace Hopper').getByText('Viewer').waitFor();
    const grace = (await admin.get('/users')).items.find((u: { name: string }) => u.name === 'Grace Hopper');
    expect(grace).toMatchObject({ role: 'viewer', teamIds: [teams[0].id] });
  });
});
