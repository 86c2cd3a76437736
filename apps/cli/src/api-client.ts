import { CliError } from './cli-errors';
import { FieldProblem, usageErrorFromFields } from './request-errors';

/** Options of a request: the query string, and how the fields of a 400 map to the CLI's options. */
export interface ApiRequest {
  query?: Record<string, string>;
  optionOf?: Readonly<Record<string, string>>;
  command?: string;
}

/**
 * A small HTTP client of the OKR API (Node's fetch): bearer token, query strings, and the API's
 * problem+json errors turned into the CLI's errors (a 400 naming fields → UsageError naming options;
 * anything else → CliError with the API's detail). Never prints the token.
 */
export class ApiClient {
  constructor(
    /** Ends with /api. */
    readonly baseUrl: string,
    private readonly token: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async json<T>(path: string, request: ApiRequest = {}): Promise<T> {
    const response = await this.send(path, request, 'application/json');
    return (await response.json()) as T;
  }

  /** The body as it arrives, chunk by chunk (never held whole); `onBytes` sees the running total. */
  async stream(path: string, request: ApiRequest = {}, onBytes?: (bytes: number) => void): Promise<AsyncIterable<Uint8Array>> {
    const response = await this.send(path, request, '*/*');
    const body = response.body;
    if (!body) return (async function* () {})();
    return (async function* () {
      let bytes = 0;
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.byteLength;
        onBytes?.(bytes);
        yield chunk;
      }
    })();
  }

  private async send(path: string, request: ApiRequest, accept: string): Promise<Response> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    let response: Response;
    try {
      response = await this.fetchImpl(url, { headers: { Authorization: `Bearer ${this.token}`, Accept: accept } });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new CliError(`Cannot reach the API at ${this.baseUrl}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
    }
    if (response.ok) return response;
    throw await this.errorOf(response, request);
  }

  private async errorOf(response: Response, request: ApiRequest): Promise<Error> {
    const text = await response.text().catch(() => '');
    let problem: { detail?: string; title?: string; errors?: FieldProblem[] };
    try {
      problem = text ? JSON.parse(text) : {};
    } catch {
      problem = { detail: text.slice(0, 200) };
    }
    if (response.status === 400 && Array.isArray(problem.errors) && problem.errors.length > 0) {
      return usageErrorFromFields(problem.errors, request.optionOf ?? {}, request.command);
    }
    const detail = problem.detail ?? problem.title ?? response.statusText;
    if (response.status === 401) return new CliError(`The API refused the token (401): ${detail}; check --token or OKR_TOKEN`);
    // The same words as the embedded store's (the service's own message), so both modes print the same.
    if (response.status === 404 && problem.detail) return new CliError(problem.detail);
    return new CliError(`${detail} (the API answered ${response.status})`);
  }
}
