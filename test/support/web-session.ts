import type { Page } from 'playwright-core';
import { NARROW, WIDE, screenshot, seriousA11yViolations, type WebServer } from './web-browser';

/** Helpers of the browser tests of the screens: the API as a script calls it (bearer token), signing in and out through the page, and each screen's accessibility check and screenshots. */

export interface ApiAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON answer of any route, read field by field by the tests
  body: any;
  headers: Headers;
}

/** A call of the API as a bearer caller (the admin unless another token is given). */
export async function callApi(
  server: WebServer,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<ApiAnswer> {
  const res = await fetch(`${server.base}/api${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${options.token ?? server.adminToken}`,
      ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** GET, expecting 200: the answer's body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- read field by field by the tests
export async function getOk(server: WebServer, path: string, token?: string): Promise<any> {
  const answer = await callApi(server, 'GET', path, { token });
  if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** The API as a bearer caller: `get` expects 200; `send` gives the status and body. */
export interface BearerApi {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- API answers read field by field by the tests
  get(path: string): Promise<any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- idem
  send(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

export function bearerApi(server: WebServer, token = server.adminToken): BearerApi {
  return {
    get: (path) => getOk(server, path, token),
    send: (method, path, body) => callApi(server, method, path, { body, token }),
  };
}

/** Signs in through the sign-in page with a token, and waits for the frame. */
export async function signIn(page: Page, server: WebServer, token: string = server.adminToken): Promise<void> {
  await page.goto(`${server.base}/sign-in`);
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('header .who-name').waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to OKR' }).waitFor();
}

/** At 1280 and 375 px: no serious or critical axe violation, and the screenshot docs/screenshots/NAME-WIDTH.png. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  for (const size of [WIDE, NARROW]) {
    await page.setViewportSize(size);
    await page.evaluate('window.scrollTo(0, 0)');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, name);
  }
  await page.setViewportSize(WIDE);
}

/** A value as the app writes it: en-GB digits, at most 4 decimals, the unit after a space; a milestone done or not. */
export function shownValue(value: number, metric: { type: string; unit: string | null }): string {
  if (metric.type === 'milestone') return value >= 1 ? 'Done' : 'Not done';
  const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 4 }).format(value);
  return metric.unit ? `${number} ${metric.unit}` : number;
}

export const percent = (fraction: number) => `${Math.round(fraction * 100)} %`;

/** A value between the key result's current value and its target (a plausible next check-in), two decimals at most. */
export function nextValue(keyResult: { current: number; metric: { type: string; target: number } }): number {
  if (keyResult.metric.type === 'milestone') return keyResult.current >= 1 ? 0 : 1;
  const value = Math.round(((keyResult.current + keyResult.metric.target) / 2) * 100) / 100;
  return value === keyResult.current ? keyResult.current + 1 : value;
}
