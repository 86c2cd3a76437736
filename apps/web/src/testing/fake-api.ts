type Handler = (request: Request) => Response | Promise<Response>;

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
export const problem = (status: number, title: string, extra: object = {}) =>
  new Response(JSON.stringify({ type: 'about:blank', status, title, ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

let answer: Handler | undefined;

/**
 * The page's fetch, installed before the app's modules load (setup.ts): the API client keeps the fetch it found
 * then, so this one answers with whatever the running test gave to fakeApi().
 */
export function installFakeFetch(): void {
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (!answer) throw new Error(`fetch ${request.method} ${request.url} outside a test with fakeApi()`);
    return answer(request);
  };
}

export function resetFakeApi(): void {
  answer = undefined;
}

/**
 * Answers by "METHOD /path" (the query string left out; a handler reads it from the request); unknown routes answer
 * 404. Returns the requests made, in order.
 */
export function fakeApi(routes: Record<string, Handler>): Request[] {
  const requests: Request[] = [];
  answer = async (request) => {
    requests.push(request.clone());
    const url = new URL(request.url);
    const handler = routes[`${request.method} ${url.pathname}`];
    return handler ? handler(request) : problem(404, `No fake for ${request.method} ${url.pathname}`);
  };
  return requests;
}
