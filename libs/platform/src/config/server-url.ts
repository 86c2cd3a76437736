/**
 * Connection strings of the servers (EventStoreDB, MongoDB): checked for shape at start, shown in logs and
 * messages only with the credentials and options masked.
 *
 *   scheme://[user[:password]@]host[:port][,host[:port]...][/path][?key=value[&key=value...]]
 */

export interface ServerUrlRules {
  /** Accepted schemes, lower case (e.g. esdb, esdb+discover). */
  schemes: readonly string[];
  /** Schemes that name exactly one host and no port (DNS discovery: mongodb+srv). */
  singleHostSchemes?: readonly string[];
  /** Whether a path is allowed after the hosts (MongoDB's /database); a lone trailing slash always is. */
  allowPath: boolean;
}

export interface ParsedServerUrl {
  scheme: string;
  hosts: { host: string; port?: number }[];
  hasCredentials: boolean;
  /** The path without its leading slash (MongoDB: the default database), undefined when none. */
  path?: string;
}

export const ESDB_URL_RULES: ServerUrlRules = { schemes: ['esdb', 'esdb+discover'], allowPath: false };
export const MONGODB_URL_RULES: ServerUrlRules = {
  schemes: ['mongodb', 'mongodb+srv'],
  singleHostSchemes: ['mongodb+srv'],
  allowPath: true,
};

/** Why a connection string is malformed; the message never contains the string itself. */
export class ServerUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerUrlError';
  }
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/s;
const HOST_NAME = /^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
const IPV6 = /^\[[0-9A-Fa-f:.]+\]$/;

/** Checks the shape of a connection string; throws ServerUrlError saying what is wrong (without echoing it). */
export function parseServerUrl(raw: string, rules: ServerUrlRules): ParsedServerUrl {
  const match = SCHEME.exec(raw.trim());
  const expected = rules.schemes.map((s) => `${s}://`).join(' or ');
  if (!match) throw new ServerUrlError(`must start with ${expected}`);
  const scheme = match[1].toLowerCase();
  if (!rules.schemes.includes(scheme)) throw new ServerUrlError(`must start with ${expected} (got the scheme ${JSON.stringify(match[1])})`);
  let rest = match[2];

  const queryAt = rest.indexOf('?');
  const query = queryAt >= 0 ? rest.slice(queryAt + 1) : undefined;
  if (queryAt >= 0) rest = rest.slice(0, queryAt);
  const slashAt = rest.indexOf('/');
  const authority = slashAt >= 0 ? rest.slice(0, slashAt) : rest;
  const path = slashAt >= 0 ? rest.slice(slashAt + 1) : '';

  const at = authority.lastIndexOf('@');
  const userInfo = at >= 0 ? authority.slice(0, at) : undefined;
  const hostList = at >= 0 ? authority.slice(at + 1) : authority;
  if (userInfo !== undefined) {
    const user = userInfo.split(':')[0];
    if (user === '') throw new ServerUrlError('has credentials without a user name (expected user:password@ before the host)');
  }

  if (hostList === '') throw new ServerUrlError('names no host');
  const hosts = hostList.split(',').map((entry, index) => parseHost(entry, index));
  const single = rules.singleHostSchemes?.includes(scheme) ?? false;
  if (single && (hosts.length !== 1 || hosts[0].port !== undefined)) {
    throw new ServerUrlError(`with ${scheme}:// must name exactly one host name and no port`);
  }

  if (path !== '' && !rules.allowPath) throw new ServerUrlError('must not have a path after the hosts');
  if (path.includes('/')) throw new ServerUrlError('has a path of more than one segment');

  if (query !== undefined && query !== '') {
    for (const pair of query.split('&')) {
      const eq = pair.indexOf('=');
      if (eq <= 0 || eq === pair.length - 1) throw new ServerUrlError('has a malformed option (expected ?key=value&key=value)');
    }
  }

  return { scheme, hosts, hasCredentials: userInfo !== undefined, ...(path !== '' ? { path: decodeURIComponent(path) } : {}) };
}

function parseHost(entry: string, index: number): { host: string; port?: number } {
  const where = `host ${index + 1}`;
  if (entry === '') throw new ServerUrlError(`has an empty ${where} (check the commas between hosts)`);
  let host = entry;
  let rawPort: string | undefined;
  const bracketEnd = entry.lastIndexOf(']');
  const colon = entry.lastIndexOf(':');
  if (colon > bracketEnd) {
    host = entry.slice(0, colon);
    rawPort = entry.slice(colon + 1);
  }
  if (!HOST_NAME.test(host) && !IPV6.test(host)) throw new ServerUrlError(`has an invalid ${where} name`);
  if (rawPort === undefined) return { host };
  const port = /^\d{1,5}$/.test(rawPort) ? Number(rawPort) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new ServerUrlError(`has an invalid port for ${where} (expected 1 to 65535)`);
  return { host, port };
}

/**
 * The connection string as it may be shown: credentials replaced by *** and options by …
 * (`mongodb://***@db1:27017,db2/okr?…`). A string that does not even have a scheme shows as `(unparsable)`.
 */
export function redactServerUrl(raw: string): string {
  const match = SCHEME.exec(raw.trim());
  if (!match) return '(unparsable)';
  let rest = match[2];
  const queryAt = rest.indexOf('?');
  const hasQuery = queryAt >= 0 && queryAt < rest.length - 1;
  if (queryAt >= 0) rest = rest.slice(0, queryAt);
  const slashAt = rest.indexOf('/');
  const authority = slashAt >= 0 ? rest.slice(0, slashAt) : rest;
  const path = slashAt >= 0 ? rest.slice(slashAt) : '';
  const at = authority.lastIndexOf('@');
  const hosts = at >= 0 ? `***@${authority.slice(at + 1)}` : authority;
  return `${match[1].toLowerCase()}://${hosts}${path}${hasQuery ? '?…' : ''}`;
}

/**
 * Removes what a driver's error message might echo of a connection string: the string itself, its password
 * (raw and decoded) and its options, replaced by the redacted form or ***.
 */
export function scrubServerUrl(text: string, raw: string): string {
  const trimmed = raw.trim();
  let out = text.split(trimmed).join(redactServerUrl(trimmed));
  const match = SCHEME.exec(trimmed);
  if (match) {
    const rest = match[2];
    const authority = rest.split(/[/?]/, 1)[0];
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      const userInfo = authority.slice(0, at);
      const colon = userInfo.indexOf(':');
      const secrets = [userInfo];
      if (colon >= 0) {
        const password = userInfo.slice(colon + 1);
        secrets.push(password);
        try {
          secrets.push(decodeURIComponent(password));
        } catch {
          /* not percent-encoded properly: the raw form is scrubbed already */
        }
      }
      for (const secret of secrets.filter((s) => s.length >= 3).sort((a, b) => b.length - a.length)) out = out.split(secret).join('***');
    }
    const queryAt = rest.indexOf('?');
    if (queryAt >= 0 && queryAt < rest.length - 1) out = out.split(rest.slice(queryAt + 1)).join('…');
  }
  return out;
}

/** Masks the credentials of any connection string inside a text (`scheme://user:pass@` → `scheme://***@`), for messages whose source URL is unknown. */
export function maskUrlCredentials(text: string): string {
  return text.replace(/\b([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^\s/@?#]+@/g, '$1***@');
}
