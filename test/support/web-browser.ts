import chromium from '@sparticuz/chromium';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium as playwright, type BrowserContext, type Page } from 'playwright-core';
import { API_MAIN, AppProcess, BUILD_DIR, freePort, getJson, waitFor } from './built-app-process';

/**
 * Browser end-to-end tests (test/web): the built server (`npm run build`: the API and dist/web), driven by the
 * Chromium that the npm package @sparticuz/chromium ships (unpacked once into the temp directory, never
 * downloaded), through playwright-core.
 */
export const SCREENSHOTS_DIR = resolve(__dirname, '../../docs/screenshots');
export const WIDE = { width: 1280, height: 800 };
export const NARROW = { width: 375, height: 740 };
const WEB_INDEX = join(BUILD_DIR, 'web/index.html');

export interface WebServer {
  /** http://127.0.0.1:PORT (the web app; the API under /api). */
  base: string;
  adminToken: string;
  process: AppProcess;
  stop(): Promise<void>;
}

/** The built server on a fresh data directory; with `demo`, seeded with the demo organisation (OKR_DEMO=1). */
export async function startWebServer(options: { demo?: boolean; env?: Record<string, string> } = {}): Promise<WebServer> {
  if (!existsSync(API_MAIN) || !existsSync(WEB_INDEX)) throw new Error(`${BUILD_DIR} has no API or web app: run "npm run build" first`);
  const dataDir = mkdtempSync(join(tmpdir(), 'okr-web-'));
  const port = await freePort();
  const adminToken = 'web-e2e-admin-token-0123456789abcdef';
  const server = new AppProcess('api', API_MAIN, {
    PORT: String(port),
    OKR_DATA_DIR: dataDir,
    OKR_ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'warn',
    ...(options.demo ? { OKR_DEMO: '1' } : {}),
    ...options.env,
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => ((await getJson(`${base}/api/health`))?.status === 200 ? true : undefined),
    120_000,
    () => server.describe(),
    200,
  );
  return {
    base,
    adminToken,
    process: server,
    async stop() {
      await server.stop('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface WebBrowser {
  context: BrowserContext;
  /** A new tab at `size` (default 1280 × 800), failing the test on any script error of the page. */
  page(size?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** Flags of @sparticuz/chromium meant for AWS Lambda that would make this browser laxer than a user's. */
const LAX_FLAGS = new Set(['--disable-web-security', '--allow-running-insecure-content']);

/** Chromium on a fresh profile (its own user-data-dir, removed at close). */
export async function launchBrowser(): Promise<WebBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'okr-chromium-profile-'));
  const context = await playwright.launchPersistentContext(userDataDir, {
    executablePath: await chromium.executablePath(),
    args: chromium.args.filter((flag) => !LAX_FLAGS.has(flag)),
    headless: true,
    viewport: WIDE,
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  const errors: string[] = [];
  return {
    context,
    async page(size = WIDE) {
      const page = await context.newPage();
      await page.setViewportSize(size);
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().includes('Failed to load resource')) errors.push(message.text());
      });
      return page;
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
      if (errors.length > 0) throw new Error(`errors in the pages:\n${errors.join('\n')}`);
    },
  };
}

/** Saves docs/screenshots/NAME-WIDTH.png (the README shows them). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const width = page.viewportSize()?.width ?? WIDE.width;
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}-${width}.png`), animations: 'disabled', caret: 'hide' });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

let axeSource: string | undefined;

/**
 * Serious and critical accessibility violations of the page as it is (axe-core). axe is injected through the
 * DevTools protocol: a script tag would be refused by the app's content security policy, as it should be.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- axe's global in the page, injected above
    const axe = (globalThis as any).axe;
    const result = await axe.run({ resultTypes: ['violations'] });
    return (result.violations as { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[]).map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
