// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { api, cookieValue } from './client';

/** A fetch that records the requests it is given and answers each with an empty JSON object. */
function recordingFetch() {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  return { requests, fetch };
}

describe('the API client', () => {
  afterEach(() => {
    document.cookie = 'okr_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  });

  it('calls /api with the session cookie, and repeats the okr_csrf cookie in X-CSRF-Token on writes only', async () => {
    document.cookie = 'okr_csrf=abc%2F123';
    const { requests, fetch } = recordingFetch();
    await api.GET('/cycles', { fetch });
    await api.POST('/cycles', { body: { name: '2026 Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' }, fetch });
    await api.PATCH('/key-results/{id}', { params: { path: { id: 'kr-1' } }, body: { title: 'Signups' }, fetch });
    expect(requests.map((r) => [r.method, new URL(r.url).pathname, r.credentials, r.headers.get('X-CSRF-Token')])).toEqual([
      ['GET', '/api/cycles', 'same-origin', null],
      ['POST', '/api/cycles', 'same-origin', 'abc/123'],
      ['PATCH', '/api/key-results/kr-1', 'same-origin', 'abc/123'],
    ]);
  });

  it('sends no X-CSRF-Token when signed out (no cookie)', async () => {
    const { requests, fetch } = recordingFetch();
    await api.DELETE('/key-results/{id}', { params: { path: { id: 'kr-1' } }, fetch });
    expect(requests[0].headers.has('X-CSRF-Token')).toBe(false);
  });

  it('reads one cookie among several', () => {
    expect(cookieValue('a=1; okr_csrf=x%3Dy; b=2', 'okr_csrf')).toBe('x=y');
    expect(cookieValue('okr_csrf_old=1', 'okr_csrf')).toBeUndefined();
    expect(cookieValue('', 'okr_csrf')).toBeUndefined();
  });
});
