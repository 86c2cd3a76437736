import { resolve } from 'node:path';
import { UsageError } from './cli-errors';

/** The tenant the embedded store is read for when --tenant is not given (the API's bootstrap tenant). */
export const DEFAULT_TENANT = 'default';
const DEFAULT_DATA_DIR = './data';

/** Where the answers come from: the embedded store's files directly, or a running API. */
export type Connection = { kind: 'embedded'; dataDir: string; tenantId: string } | { kind: 'api'; baseUrl: string; token: string };

/**
 * --api URL (+ --token or OKR_TOKEN) selects a running API; otherwise the embedded store in --data DIR
 * (default OKR_DATA_DIR, else ./data) is read. --tenant applies to the embedded store only: with the API, the
 * token's tenant is the one asked about.
 */
export function resolveConnection(options: ReadonlyMap<string, string>, env: NodeJS.ProcessEnv, command?: string): Connection {
  const api = options.get('api');
  if (api === undefined) {
    if (options.has('token')) throw new UsageError('--token goes with --api (the embedded store needs no token)', command);
    const dataDir = resolve(options.get('data') ?? (env.OKR_DATA_DIR?.trim() || DEFAULT_DATA_DIR));
    return { kind: 'embedded', dataDir, tenantId: options.get('tenant') ?? DEFAULT_TENANT };
  }
  if (options.has('data')) throw new UsageError('--data and --api exclude each other: read the store directly or ask the API', command);
  if (options.has('tenant'))
    throw new UsageError('--tenant applies to the embedded store only: with --api, the token chooses the tenant', command);
  let url: URL;
  try {
    url = new URL(api);
  } catch {
    throw new UsageError(`--api must be the API's URL, e.g. http://localhost:3000 (got ${JSON.stringify(api)})`, command);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--api must be an http:// or https:// URL (got ${JSON.stringify(api)})`, command);
  if (url.search || url.hash) throw new UsageError(`--api takes no query or fragment (got ${JSON.stringify(api)})`, command);
  const token = options.get('token') ?? env.OKR_TOKEN?.trim();
  if (!token) throw new UsageError('--api needs a bearer token: --token TOKEN or the OKR_TOKEN environment variable', command);
  const path = url.pathname.replace(/\/+$/, '');
  return { kind: 'api', baseUrl: `${url.origin}${path.endsWith('/api') ? path : `${path}/api`}`, token };
}
