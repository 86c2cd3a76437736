import type { Page } from 'playwright-core';
import { launchBrowser, startWebServer, type WebBrowser, type WebServer } from '../support/web-browser';
import { checkScreen, getOk, signIn } from '../support/web-session';

interface Node {
  status: string;
  children: Node[];
}

/**
 * The dashboard in a real browser, on the demo organisation: its panels say what the API says (health
 * distribution, missed check-ins, outputs against outcomes, goalposts moved, teams by rollup).
 */
describe('web app: the dashboard (demo organisation, Chromium)', () => {
  let server: WebServer;
  let browser: WebBrowser;
  let page: Page;

  beforeAll(async () => {
    server = await startWebServer({ demo: true });
    browser = await launchBrowser();
    page = await browser.page();
    await signIn(page, server);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the cycle at a glance, as the API gives it', async () => {
    const { items: cycles } = await getOk(server, '/cycles');
    const cycle = cycles.at(-1);
    const tree = await getOk(server, `/cycles/${cycle.id}/alignment`);
    const counts: Record<string, number> = {};
    const walk = (nodes: Node[]) => nodes.forEach((n) => ((counts[n.status] = (counts[n.status] ?? 0) + 1), walk(n.children)));
    walk(tree.roots);

    const started = Date.now();
    await page.goto(`${server.base}/dashboard?cycle=${cycle.id}`);
    const health = page.getByRole('region', { name: 'Health' });
    await health.getByText(`${tree.objectives} objectives`).waitFor();
    console.log(`dashboard health panel ${Date.now() - started} ms after navigation (demo organisation)`);
    const legend = await health.locator('.distribution-legend li').allInnerTexts();
    expect(legend.slice(0, 3).map((text) => text.split(' (')[0])).toEqual([
      `On track ${counts.on_track ?? 0}`,
      `At risk ${counts.at_risk ?? 0}`,
      `Off track ${counts.off_track ?? 0}`,
    ]);

    const { items: missed } = await getOk(server, `/cycles/${cycle.id}/missed-check-ins`);
    const missedPanel = page.getByRole('region', { name: 'Missed check-ins' });
    await missedPanel.getByText(/overdue for a check-in/).waitFor();
    expect(await missedPanel.locator('p').first().innerText()).toMatch(new RegExp(`^${missed.length} key result`));
    if (missed.length > 0) await missedPanel.getByRole('button', { name: `Check in: ${missed[0].title}` }).waitFor();

    const report = await getOk(server, `/cycles/${cycle.id}/outputs-vs-outcomes`);
    const withoutOutputs = report.keyResults.filter((k: { flags: string[] }) => k.flags.includes('outcome_without_outputs')).length;
    const outputs = page.getByRole('region', { name: 'Outputs and outcomes' });
    await outputs.getByRole('heading', { name: `Outcomes without outputs (${withoutOutputs})` }).waitFor();
    await outputs.getByRole('heading', { name: `Orphan initiatives (${report.orphanInitiatives.length})` }).waitFor();

    const moved = await getOk(server, `/cycles/${cycle.id}/target-changes`);
    const goalposts = page.getByRole('region', { name: 'Goalposts moved' });
    if (moved.keyResults.length > 0) await goalposts.getByRole('link', { name: moved.keyResults[0].title }).first().waitFor();
    else await goalposts.getByText('No target changed in this cycle.').waitFor();

    const teams = page.getByRole('region', { name: 'Teams by rollup' });
    await teams.locator('tbody tr').first().waitFor();
    expect(await teams.locator('th').nth(2).innerText()).toMatch(/^Since \d+ \w+ \d{4}$/);
    await page.getByRole('region', { name: 'Top risks' }).locator('li, p.muted').first().waitFor();

    await checkScreen(page, 'dashboard');
  }, 120_000);
});
