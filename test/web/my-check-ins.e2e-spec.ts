import type { Page } from 'playwright-core';
import { launchBrowser, startWebServer, type WebBrowser, type WebServer } from '../support/web-browser';
import { callApi, checkScreen, getOk, nextValue, percent, shownValue, signIn } from '../support/web-session';

/**
 * A team lead's morning in a real browser, on the demo organisation: signed in with the token an admin issued, My
 * check-ins lists what they owe (overdue first); one click checks in, the list moves the key result to "up to
 * date", and the new value shows on the objective and in the alignment tree (the server makes a caller's reads
 * follow their own writes). The times are printed (the figures of the issue), not asserted.
 */
describe('web app: my check-ins (demo organisation, Chromium)', () => {
  let server: WebServer;
  let browser: WebBrowser;
  let page: Page;
  let token: string;

  beforeAll(async () => {
    server = await startWebServer({ demo: true });
    browser = await launchBrowser();
    page = await browser.page();
    // The owner of the first key result of the cycle's first objective: a team lead of the demo.
    const { items: cycles } = await getOk(server, '/cycles');
    const tree = await getOk(server, `/cycles/${cycles.at(-1).id}/alignment`);
    const objective = await getOk(server, `/objectives/${tree.roots[0].id}`);
    const lead = objective.keyResults.find((kr: { ownerId: string | null }) => kr.ownerId)?.ownerId ?? objective.ownerId;
    const issued = await callApi(server, 'POST', `/users/${lead}/token`);
    expect(issued.status).toBe(200);
    token = issued.body.token;
    await signIn(page, server, token);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists what the lead owes, overdue first, and checks in with one click; the objective and the tree show it', async () => {
    const owed = await getOk(server, '/me/check-ins', token);
    const total = owed.overdue.length + owed.due.length + owed.upToDate.length;
    expect(total).toBeGreaterThan(0);

    await page.goto(`${server.base}/my-check-ins`);
    await page.getByRole('heading', { name: `Overdue (${owed.overdue.length})` }).waitFor();
    const headings = await page.locator('main h2').allInnerTexts();
    expect(headings).toEqual([`Overdue (${owed.overdue.length})`, `Due soon (${owed.due.length})`, `Up to date (${owed.upToDate.length})`]);
    const overdueTitles = await page.locator('.group-overdue .kr-title').allInnerTexts();
    expect(overdueTitles).toEqual(owed.overdue.map((item: { title: string }) => item.title));
    await checkScreen(page, 'my-check-ins');

    // The most pressing one.
    const item = [...owed.overdue, ...owed.due, ...owed.upToDate][0];
    const before = await getOk(server, `/key-results/${item.keyResultId}`, token);
    const value = nextValue(before);
    const row = page.locator(`li[data-key-result="${item.keyResultId}"]`);
    await row.getByRole('button', { name: `Check in: ${item.title}` }).click();
    const dialog = page.getByRole('dialog', { name: `Check in: ${item.title}` });
    if (before.metric.type === 'milestone') await dialog.getByLabel(value >= 1 ? 'Done' : 'Not done', { exact: true }).check();
    else await dialog.getByLabel('Value').fill(String(value));
    const text = shownValue(value, before.metric);

    let started = Date.now();
    await dialog.getByRole('button', { name: 'Check in', exact: true }).click();
    await page.locator(`.group-upToDate li[data-key-result="${item.keyResultId}"] .kr-value`, { hasText: text }).waitFor();
    console.log(`my check-ins: the key result listed as up to date with its new value ${Date.now() - started} ms after "Check in"`);
    expect(await page.getByRole('status').innerText()).toBe(`Checked in on ${item.title}: ${text}.`);
    const after = await getOk(server, '/me/check-ins', token);
    expect(after.upToDate.map((i: { keyResultId: string }) => i.keyResultId)).toContain(item.keyResultId);

    // On the objective: the key result's new value.
    started = Date.now();
    await page
      .locator(`.group-upToDate li[data-key-result="${item.keyResultId}"]`)
      .getByRole('link', { name: item.objectiveTitle })
      .click();
    await page.getByRole('article', { name: item.title }).locator('.kr-current', { hasText: text }).waitFor();
    console.log(`objective screen showing the new value ${Date.now() - started} ms after the click`);

    // In the tree (through the navigation, as a user goes there): the objective's new rollup.
    const objective = await getOk(server, `/objectives/${item.objectiveId}`, token);
    started = Date.now();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alignment' }).click();
    await page.getByLabel('Search').fill(objective.title);
    const treeRow = page.locator('tbody tr', { has: page.getByRole('link', { name: objective.title, exact: true }) });
    await treeRow.locator('td').nth(4).getByText(percent(objective.rollup)).waitFor();
    console.log(`alignment tree showing the objective's new rollup ${Date.now() - started} ms after the click on Alignment`);
  }, 120_000);
});
