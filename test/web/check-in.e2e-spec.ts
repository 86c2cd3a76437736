import type { Page } from 'playwright-core';
import { launchBrowser, startWebServer, type WebBrowser, type WebServer } from '../support/web-browser';
import { callApi, checkScreen, getOk, nextValue, shownValue, signIn } from '../support/web-session';

/**
 * The check-in dialog in a real browser, on the demo organisation: a bad value shows the API's message beside the
 * field; a check-in made by someone else meanwhile (412) shows the newer value and the retry records this one.
 */
describe('web app: the check-in dialog (demo organisation, Chromium)', () => {
  let server: WebServer;
  let browser: WebBrowser;
  let page: Page;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- API answers read field by field
  let objective: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- API answers read field by field
  let keyResult: any;

  beforeAll(async () => {
    server = await startWebServer({ demo: true });
    browser = await launchBrowser();
    page = await browser.page();
    await signIn(page, server);
    // An open objective with a key result measured by a number.
    const { items: cycles } = await getOk(server, '/cycles');
    const { items } = await getOk(server, `/objectives?cycleId=${cycles.at(-1).id}&status=open&limit=200`);
    for (const summary of items) {
      const candidate = await getOk(server, `/objectives/${summary.id}`);
      keyResult = candidate.keyResults.find(
        (kr: { removed: boolean; metric: { type: string } }) => !kr.removed && kr.metric.type === 'increase',
      );
      if (keyResult) {
        objective = candidate;
        break;
      }
    }
    expect(keyResult).toBeDefined();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const dialog = () => page.getByRole('dialog', { name: `Check in: ${keyResult.title}` });
  const panel = () => page.getByRole('article', { name: keyResult.title });

  it('shows the message of the field at fault when the API refuses a value', async () => {
    await page.goto(`${server.base}/objectives/${objective.id}`);
    await panel()
      .getByRole('button', { name: `Check in: ${keyResult.title}` })
      .click();
    await dialog().getByLabel('Value').waitFor();
    await checkScreen(page, 'check-in');

    await dialog().getByLabel('Value').fill('1e16');
    await dialog().getByRole('button', { name: 'Check in', exact: true }).click();
    const message = dialog().getByText('value must be a finite number between -1e15 and 1e15');
    await message.waitFor();
    expect(await dialog().getByLabel('Value').getAttribute('aria-invalid')).toBe('true');
    expect((await getOk(server, `/key-results/${keyResult.id}`)).current).toBe(keyResult.current);
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await dialog().waitFor({ state: 'detached' });
  }, 120_000);

  it('on a check-in made meanwhile (412), shows the newer value, then records this one on top of it', async () => {
    const fresh = await getOk(server, `/key-results/${keyResult.id}`);
    await page.goto(`${server.base}/objectives/${objective.id}`);
    await panel()
      .getByRole('button', { name: `Check in: ${keyResult.title}` })
      .click();
    await dialog().getByLabel('Value').waitFor();

    // Someone else checks in while the dialog is open.
    const theirs = nextValue(fresh);
    const other = await callApi(server, 'POST', `/key-results/${keyResult.id}/check-ins`, { body: { value: theirs, confidence: 0.4 } });
    expect(other.status).toBe(201);

    const mine = nextValue({ ...fresh, current: theirs });
    await dialog().getByLabel('Value').fill(String(mine));
    await dialog().getByLabel('Note (optional)').fill('Checked in from the browser test');
    await dialog().getByRole('button', { name: 'Check in', exact: true }).click();
    const conflict = dialog().getByRole('alert');
    await conflict.getByText('Changed while you were editing.').waitFor();
    expect(await conflict.innerText()).toContain(`The value is now ${shownValue(theirs, fresh.metric)}, confidence 40 %`);

    await dialog().getByRole('button', { name: 'Check in again' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page
      .getByRole('status')
      .getByText(`Checked in on ${keyResult.title}: ${shownValue(mine, fresh.metric)}.`)
      .waitFor();
    await panel()
      .locator('.kr-current', { hasText: shownValue(mine, fresh.metric) })
      .waitFor();
    const after = await getOk(server, `/key-results/${keyResult.id}`);
    expect(after.current).toBe(mine);
    expect(after.checkInCount).toBe(fresh.checkInCount + 2);
    await panel().locator('table.check-ins tbody tr', { hasText: 'Checked in from the browser test' }).waitFor();
  }, 120_000);
});
