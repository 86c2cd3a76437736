import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { launchBrowser, startWebServer, type WebBrowser, type WebServer } from '../support/web-browser';
import { bearerApi, checkScreen, signIn, type BearerApi } from '../support/web-session';

/**
 * Audit in a real browser, on the demo organisation: the change just made, found in the trail by its entity and
 * type; the trail verified; a cycle's events (CSV, JSON Lines) and time series (CSV) downloaded with the session.
 */
describe('web app: audit (demo organisation, Chromium)', () => {
  let server: WebServer;
  let browser: WebBrowser;
  let page: Page;
  let admin: BearerApi;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- API answers read field by field
  let cycle: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- idem
  let keyResult: any;
  const reason = 'Audit e2e: the board asked for more';

  beforeAll(async () => {
    server = await startWebServer({ demo: true });
    admin = bearerApi(server);
    cycle = (await admin.get('/cycles')).items.at(-1);
    const { items } = await admin.get(`/objectives?cycleId=${cycle.id}&limit=50`);
    for (const objective of items) {
      const detail = await admin.get(`/objectives/${objective.id}`);
      keyResult = detail.keyResults.find(
        (k: { removed: boolean; metric: { type: string } }) => !k.removed && k.metric.type !== 'milestone',
      );
      if (keyResult) break;
    }
    browser = await launchBrowser();
    page = await browser.page();
    await signIn(page, server, server.adminToken);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the change just made, narrowed to its entity and type', async () => {
    const { type, target } = keyResult.metric;
    const moved = type === 'increase' || type === 'atLeast' ? target + 1 : target - 1;
    expect((await admin.send('PATCH', `/key-results/${keyResult.id}`, { target: moved, reason })).status).toBe(200);

    await page.goto(`${server.base}/audit`);
    await page.getByRole('heading', { name: 'The trail', exact: true }).waitFor();
    await page.getByLabel('Entity (stream)').fill(`keyresult-${keyResult.id}`);
    await page.getByLabel('Event type').selectOption('KeyResultTargetChanged');
    await page.getByRole('button', { name: 'Show events' }).click();
    const entry = page.locator('.audit-list li', { hasText: reason });
    await entry.waitFor();
    expect(await entry.locator('.audit-summary').innerText()).toMatch(
      new RegExp(`^Target of '${keyResult.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}' changed from .+ to .+ by Administrator`),
    );
    expect(await entry.locator('.audit-meta').innerText()).toContain('Key result target changed');
    const url = new URL(page.url());
    expect([url.searchParams.get('stream'), url.searchParams.get('type')]).toEqual([`keyresult-${keyResult.id}`, 'KeyResultTargetChanged']);
    expect(await page.locator('.audit-list li').count()).toBe(
      (await admin.get(`/audit?streamId=keyresult-${keyResult.id}&type=KeyResultTargetChanged&limit=200`)).items.length,
    );
  });

  it('verifies the trail and says so plainly', async () => {
    await page.getByRole('button', { name: 'Verify the trail' }).click();
    const result = page.getByRole('status').filter({ hasText: 'every chain holds' });
    await result.waitFor();
    expect(await result.innerText()).toMatch(
      /^Verified: [\d,]+ events in [\d,]+ streams, every chain holds \(up to event #\d+, in [\d.]+ s\)\./,
    );
    await checkScreen(page, 'audit');
  });

  async function download(name: string): Promise<{ file: Download; text: string }> {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
    return { file, text: readFileSync((await file.path())!, 'utf8') };
  }

  it("downloads a cycle's events as CSV and JSON Lines, and its time series as CSV, with the session cookie", async () => {
    const csv = await download('Events as CSV');
    expect(csv.file.suggestedFilename()).toBe(`cycle-${cycle.id}-events.csv`);
    const [header, ...rows] = csv.text.trim().split('\n');
    expect(header).toContain('type');
    expect(rows.length).toBeGreaterThan(10);
    expect(csv.text).toContain(reason);

    const jsonl = await download('Events as JSON Lines');
    const events = jsonl.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events).toHaveLength(rows.length);
    expect(events.some((e) => e.type === 'KeyResultTargetChanged' && JSON.stringify(e).includes(reason))).toBe(true);

    await page.getByLabel('Time series points').selectOption('day');
    const series = await download('Time series as CSV');
    expect(series.file.suggestedFilename()).toBe(`cycle-${cycle.id}-timeseries-day.csv`);
    const lines = series.text.trim().split('\n');
    expect(lines.length).toBeGreaterThan(2);
    expect(series.text).toContain(keyResult.id);
  });
});
