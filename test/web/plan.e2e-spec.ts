import type { Page } from 'playwright-core';
import { launchBrowser, startWebServer, type WebBrowser, type WebServer } from '../support/web-browser';
import { bearerApi, checkScreen, signIn, signOut, type BearerApi } from '../support/web-session';

/**
 * Plan in a real browser, on the demo organisation: an objective aligned under another, with a key result (a bad
 * target first: the API's message beside the field), then seen in the alignment tree; a viewer's plan without write
 * controls and forged writes refused; another tenant's ids answered "not found".
 */
describe('web app: plan (demo organisation, Chromium)', () => {
  let server: WebServer;
  let browser: WebBrowser;
  let page: Page;
  let admin: BearerApi;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- API answers read field by field
  let cycle: any;

  beforeAll(async () => {
    server = await startWebServer({ demo: true });
    admin = bearerApi(server);
    cycle = (await admin.get('/cycles')).items.at(-1);
    browser = await launchBrowser();
    page = await browser.page();
    await signIn(page, server, server.adminToken);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const objectiveCount = async () => (await admin.get(`/cycles/${cycle.id}/alignment`)).objectives as number;

  it('creates an objective aligned under another, adds a key result, and the alignment tree shows it', async () => {
    const root = (await admin.get(`/cycles/${cycle.id}/alignment`)).roots[0];
    const title = 'Win the Nordic market';
    await page.goto(`${server.base}/plan?cycle=${cycle.id}`);
    await page.getByRole('button', { name: 'New objective' }).click();
    const form = page.getByRole('form', { name: 'New objective' });
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('Aligned under').selectOption(root.id);
    await form.getByLabel('Weight in the parent').fill('2');
    await form.getByRole('button', { name: 'Create the objective' }).click();
    await page.getByRole('heading', { level: 2, name: title }).waitFor();
    expect(await page.getByText(`Aligned under ${root.title} with weight 2.`).isVisible()).toBe(true);
    const objectiveId = new URL(page.url()).searchParams.get('objective')!;

    await page.getByRole('button', { name: 'Add a key result' }).click();
    const kr = page.getByRole('form', { name: 'New key result' });
    await kr.getByLabel('Title').fill('Nordic customers signed');
    await kr.getByLabel('Measured as').selectOption('increase');
    await kr.getByLabel('Start value').fill('10');
    await kr.getByLabel('Target').fill('5');
    await kr.getByLabel('Unit').fill('customers');
    await kr.getByRole('button', { name: 'Add the key result' }).click();
    // The API's rule, in the API's words, beside the field at fault.
    await kr.getByText('metric.target must be greater than start (10) for an increase metric').waitFor();
    expect(await kr.getByLabel('Target').getAttribute('aria-invalid')).toBe('true');
    await kr.getByLabel('Target').fill('40');
    await kr.getByRole('button', { name: 'Add the key result' }).click();
    await page.getByText('The key result was added.').waitFor();
    await page.getByText(/Increase 10 → 40 customers/).waitFor();
    await checkScreen(page, 'plan');

    const stored = await admin.get(`/objectives/${objectiveId}`);
    expect(stored).toMatchObject({ title, parentObjectiveId: root.id, alignmentWeight: 2 });
    expect(stored.keyResults.map((k: { title: string; metric: unknown }) => [k.title, k.metric])).toEqual([
      ['Nordic customers signed', { type: 'increase', start: 10, target: 40, unit: 'customers' }],
    ]);

    await page.goto(`${server.base}/alignment?cycle=${cycle.id}&q=${encodeURIComponent('Nordic market')}`);
    const row = page.locator('tbody tr', { hasText: title });
    await row.waitFor();
    expect(await row.getAttribute('aria-level')).toBe('2');
  });

  it('shows a viewer the plan without a write control, and refuses forged writes', async () => {
    const viewer = await admin.send('POST', '/users', { name: 'Vera Viewer', role: 'viewer' });
    expect(viewer.status).toBe(201);
    const root = (await admin.get(`/cycles/${cycle.id}/alignment`)).roots[0];
    await signOut(page);
    await signIn(page, server, viewer.body.token);

    await page.goto(`${server.base}/plan?cycle=${cycle.id}&objective=${root.id}`);
    await page.getByRole('heading', { level: 2, name: root.title }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Teams' }).waitFor();
    expect(await page.locator('main button').allInnerTexts()).toEqual(['Back to the list']);
    expect(await page.locator('main form').count()).toBe(0);
    const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();
    expect(nav).toContain('Alignment');
    expect(nav).not.toContain('Plan');
    expect(nav).not.toContain('People');

    const before = await objectiveCount();
    /** A write made by a script of the page, with the session's CSRF token, none, or a wrong one. */
    const forge = async (csrf: 'session' | 'none' | 'wrong') => {
      const token = (await browser.context.cookies()).find((c) => c.name === 'okr_csrf')?.value ?? '';
      const header = { session: decodeURIComponent(token), none: undefined, wrong: 'not-the-token-of-this-session' }[csrf];
      return page.evaluate(
        async ({ header, cycleId }) => {
          const res = await fetch('/api/objectives', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', ...(header === undefined ? {} : { 'X-CSRF-Token': header }) },
            body: JSON.stringify({ cycleId, title: 'Forged', kind: 'committed' }),
          });
          return { status: res.status, type: res.headers.get('Content-Type') };
        },
        { header, cycleId: cycle.id as string },
      );
    };
    // A viewer's session, with its own CSRF token: refused for the role.
    expect(await forge('session')).toEqual({ status: 403, type: expect.stringContaining('application/problem+json') });

    await signOut(page);
    await signIn(page, server, server.adminToken);
    // An admin's session, but without the CSRF token or with a wrong one: what a page of another site could send.
    expect((await forge('none')).status).toBe(403);
    expect((await forge('wrong')).status).toBe(403);
    expect(await objectiveCount()).toBe(before);
  });

  it("answers another tenant's cycle and objective as not found", async () => {
    const other = await admin.send('POST', '/tenants', { name: 'Other Corp', adminName: 'Olga Other' });
    expect(other.status).toBe(201);
    const theirs = bearerApi(server, other.body.adminToken);
    const theirCycle = await theirs.send('POST', '/cycles', { name: 'Their cycle', startsOn: cycle.startsOn, endsOn: cycle.endsOn });
    const theirObjective = await theirs.send('POST', '/objectives', {
      cycleId: theirCycle.body.id,
      title: 'Their secret',
      kind: 'committed',
    });
    expect(theirObjective.status).toBe(201);

    await page.goto(`${server.base}/plan?cycle=${theirCycle.body.id}`);
    await page.getByRole('heading', { name: 'Cycle not found' }).waitFor();
    await page.goto(`${server.base}/plan?cycle=${cycle.id}&objective=${theirObjective.body.id}`);
    await page.getByRole('heading', { name: 'Objective not found' }).waitFor();
    expect(await page.getByText('Their secret').count()).toBe(0);
  });
});
