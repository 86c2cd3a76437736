/** One HTTP exchange made by the bench itself (set-up and checks, not load). */
export interface HttpAnswer<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined when the body is not JSON. */
  body: T | undefined;
  bytes: number;
  ms: number;
}

export interface HttpRequest {
  method?: 'GET' | 'POST';
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** Sends one request and reads the whole answer; never throws for an HTTP status (only for network errors). */
export async function http<T = unknown>(url: string, request: HttpRequest = {}): Promise<HttpAnswer<T>> {
  const headers: Record<string, string> = { ...(request.headers ?? {}) };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const started = performance.now();
  const response = await fetch(url, {
    method: request.method ?? 'GET',
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    signal: AbortSignal.timeout(request.timeoutMs ?? 60_000),
  });
  const raw = Buffer.from(await response.arrayBuffer());
  const ms = performance.now() - started;
  let body: T | undefined;
  try {
    body = JSON.parse(raw.toString('utf8')) as T;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, bytes: raw.length, ms };
}

/** Like `http`, but fails unless the status is 2xx. */
export async function httpOk<T = unknown>(url: string, request: HttpRequest = {}): Promise<HttpAnswer<T>> {
  const answer = await http<T>(url, request);
  if (answer.status < 200 || answer.status >= 300) {
    throw new Error(`${request.method ?? 'GET'} ${url} answered ${answer.status}: ${JSON.stringify(answer.body)?.slice(0, 500)}`);
  }
  return answer;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
