import type { Page } from 'playwright-core';
import { getJson } from '../support/built-app-process';
import {
  NARROW,
  WIDE,
  launchBrowser,
  screenshot,
  seriousA11yViolations,
  startWebServer,
  type WebBrowser,
  type WebServer,
} from '../support/web-browser';

/**
 * The executive's path in a real browser, on the demo organisation (OKR_DEMO=1): sign in with a token, the alignment
 * tree with its rollups, the tree on a past date under its banner, two dates compared, sign out. Every screen is
 * checked with axe-core and photographed at 1280 and 375 px for the README.
 */
/** A browser test's own limit (the machine may be busy with other tests); each wait of the page has its own. */
const TEST_MS = 90_000;

describe('web app: sign in and alignment (demo organisation, Chromium)', () => {
  let server: WebServer;
  let browser: WebBrowser;
  let page: Page;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- API answers read field by field
  const apiGet = async (path: string): Promise<any> => {
    const res = await getJson(`${server.base}/api${path}`, { Authorization: `Bearer ${server.adminToken}` });
    expect(res?.status).toBe(200);
    return res!.body;
  };
  const percent = (fraction: number) => `${Math.round(fraction * 100)} %`;
  const dateOnly = (iso: string) => iso.slice(0, 10);

  /** Both widths: axe finds nothing serious or critical, and the screenshot is saved. */
  async function checkScreen(name: string) {
    for (const size of [WIDE, NARROW]) {
      await page.setViewportSize(size);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, name);
    }
    await page.setViewportSize(WIDE);
  }

  beforeAll(async () => {
    server = await startWebServer({ demo: true });
    browser = await launchBrowser();
    page = await browser.page();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    'sends a visitor to sign in, and signs in with a token',
    async () => {
      await page.goto(`${server.base}/`);
      await page.getByRole('heading', { name: 'Sign in to OKR' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await checkScreen('sign-in');

      await page.getByLabel('Token').fill('not-a-token-of-anyone-here');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('This token is not valid').waitFor();

      await page.getByLabel('Token').fill(server.adminToken);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Alignment' }).waitFor();
      const header = page.locator('header');
      expect(await header.getByText('Admin', { exact: true }).isVisible()).toBe(true);
      const cookies = await browser.context.cookies();
      expect(cookies.find((c) => c.name === 'okr_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    },
    TEST_MS,
  );

  it(
    'shows the demo cycle as a tree with its rollups and health',
    async () => {
      const started = Date.now();
      await page.goto(`${server.base}/alignment`);
      const firstRow = page.locator('tbody tr[data-index="0"]');
      await firstRow.waitFor();
      console.log(`alignment screen interactive ${Date.now() - started} ms after navigation (demo organisation)`);

      const { items: cycles } = await apiGet('/cycles');
      const cycle = cycles.at(-1);
      const tree = await apiGet(`/cycles/${cycle.id}/alignment`);
      expect(await page.getByText(`${tree.objectives} objectives`).isVisible()).toBe(true);
      const root = tree.roots[0];
      const cells = firstRow.locator('td');
      expect(await cells.nth(0).innerText()).toContain(root.title);
      expect((await cells.nth(4).innerText()).trim()).toBe(percent(root.rollup));
      expect((await cells.nth(5).innerText()).trim()).toBe(
        { on_track: 'On track', at_risk: 'At risk', off_track: 'Off track' }[root.status as string],
      );
      expect(await firstRow.getAttribute('aria-expanded')).toBe('true');
      const child = root.children[0];
      expect(await page.locator('tbody tr[data-index="1"]').getAttribute('aria-level')).toBe('2');
      expect(await page.locator('tbody tr[data-index="1"] td').nth(0).innerText()).toContain(child.title);
      // Days since the last check-in of each objective's key results (the demo's are checked in), "never" before any.
      expect(await page.getByRole('columnheader', { name: 'Last check-in' }).isVisible()).toBe(true);
      expect([root.lastCheckInAt, child.lastCheckInAt].some((at) => at !== null)).toBe(true);
      for (const [index, node] of [root, child].entries()) {
        const shown = (await page.locator(`tbody tr[data-index="${index}"] td`).nth(7).innerText()).trim();
        if (node.lastCheckInAt === null) expect(shown).toBe('never');
        else expect(shown).toMatch(/^(today|1 day ago|\d+ days ago)$/);
      }

      // Closed with the keyboard, opened again.
      await firstRow.focus();
      await page.keyboard.press('ArrowLeft');
      expect(await firstRow.getAttribute('aria-expanded')).toBe('false');
      await page.keyboard.press('ArrowRight');
      expect(await firstRow.getAttribute('aria-expanded')).toBe('true');
      await checkScreen('alignment');
    },
    TEST_MS,
  );

  it(
    'shows the tree as it stood on a past date, with the banner and the date in the URL',
    async () => {
      const { items: cycles } = await apiGet('/cycles');
      const cycle = cycles.at(-1);
      const now = await apiGet(`/cycles/${cycle.id}/alignment`);
      const past = dateOnly(new Date((Date.parse(cycle.startsOn) + Date.parse(now.at)) / 2).toISOString());

      await page.goto(`${server.base}/alignment?cycle=${cycle.id}`);
      await page.locator('tbody tr[data-index="0"]').waitFor();
      await page.getByLabel('As of').fill(past);
      const banner = page.getByRole('status');
      await banner.waitFor();
      expect(await banner.innerText()).toContain('You are looking at the past');
      expect(new URL(page.url()).searchParams.get('asOf')).toBe(past);

      const then = await apiGet(`/cycles/${cycle.id}/alignment?asOf=${encodeURIComponent(endOfDay(past))}`);
      await page.getByText(`${then.objectives} objectives`).waitFor();
      const firstRow = page.locator('tbody tr[data-index="0"] td');
      expect(await firstRow.nth(0).innerText()).toContain(then.roots[0].title);
      expect((await firstRow.nth(4).innerText()).trim()).toBe(percent(then.roots[0].rollup));
      expect(JSON.stringify(then.roots)).not.toBe(JSON.stringify(now.roots));
      await checkScreen('alignment-as-of');

      await banner.getByRole('button', { name: 'Back to today' }).click();
      await page.getByText(`${now.objectives} objectives`).waitFor();
      expect(await page.getByRole('status').count()).toBe(0);
    },
    TEST_MS,
  );

  it(
    'compares two dates: what moved, and targets changed with who and why',
    async () => {
      const { items: cycles } = await apiGet('/cycles');
      const cycle = cycles.at(-1);
      const now = await apiGet(`/cycles/${cycle.id}/alignment`);
      const from = dateOnly(new Date((Date.parse(cycle.startsOn) + Date.parse(now.at)) / 2).toISOString());

      await page.goto(`${server.base}/alignment?cycle=${cycle.id}&compare=${from}`);
      const heading = page.getByRole('heading', { name: /^Changes from / });
      await heading.waitFor();
      const diff = await apiGet(`/cycles/${cycle.id}/diff?from=${encodeURIComponent(endOfDay(from))}&to=${encodeURIComponent(now.at)}`);
      expect(diff.progress.length).toBeGreaterThan(0);
      await page.getByRole('heading', { name: `What moved (${diff.progress.length})` }).waitFor();
      await page.getByRole('heading', { name: `Targets changed (${diff.keyResults.targetChanged.length})` }).waitFor();
      const changed = diff.keyResults.targetChanged.find((k: { changes: unknown[] }) => k.changes.length > 0);
      if (changed) expect(await page.locator('.who-why').first().innerText()).toMatch(/ by .+ on /);
      expect(await page.locator('tbody tr td:last-child').first().innerText()).toMatch(/pts|no change/);
      await checkScreen('alignment-compare');
    },
    TEST_MS,
  );

  it(
    'signs out: the session ends, and the app asks to sign in again',
    async () => {
      await page.goto(`${server.base}/alignment`);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in to OKR' }).waitFor();
      expect((await browser.context.cookies()).find((c) => c.name === 'okr_session')).toBeUndefined();
      await page.goto(`${server.base}/alignment`);
      await page.getByRole('heading', { name: 'Sign in to OKR' }).waitFor();
    },
    TEST_MS,
  );
});

/** What the app asks for a date: the end of that day (UTC here: the browser runs in UTC). */
function endOfDay(date: string): string {
  return `${date}T23:59:59.999Z`;
}
