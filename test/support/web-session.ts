import type { Page } from 'playwright-core';
import { NARROW, WIDE, screenshot, seriousA11yViolations, type WebServer } from './web-browser';

/**
 * Helpers of the browser tests of the planning, audit and admin screens: the API as a script would call it (bearer
 * token), signing in through the page, and the accessibility check and screenshots of a screen.
 */
export interface BearerApi {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- API answers read field by field by the tests
  get(path: string): Promise<any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- idem
  send(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

export function bearerApi(server: WebServer, token = server.adminToken): BearerApi {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.base}/api${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    async get(path) {
      const res = await call('GET', path);
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    send: call,
  };
}

/** Signs in through the sign-in page with a token, and waits for the frame. */
export async function signIn(page: Page, server: WebServer, token: string): Promise<void> {
  await page.goto(`${server.base}/sign-in`);
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to OKR' }).waitFor();
}

/** At 1280 and 375 px: axe-core finds nothing serious or critical, and the screenshot is saved (docs/screenshots). */
export async function checkScreen(page: Page, name: string): Promise<void> {
  for (const size of [WIDE, NARROW]) {
    await page.setViewportSize(size);
    await page.evaluate('window.scrollTo(0, 0)');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, name);
  }
  await page.setViewportSize(WIDE);
}
