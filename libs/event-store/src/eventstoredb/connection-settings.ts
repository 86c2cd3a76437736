import { DEFAULT_STREAM_PREFIX, validateStreamPrefix } from './stream-naming';

export interface EventStoreDbOptions {
  /** Connection string, e.g. `esdb://localhost:2113?tls=false` or `esdb+discover://user:pass@cluster:2113`. */
  connectionString: string;
  /** This application's stream prefix (letters, digits, '_'). Default 'okr'. */
  streamPrefix?: string;
  /** How long connect() waits for the server to answer. Default 10000 ms. */
  connectTimeoutMs?: number;
}

/** Options as the store uses them, validated. */
export interface EventStoreDbSettings {
  connectionString: string;
  streamPrefix: string;
  connectTimeoutMs: number;
  /** The connection string without credentials, for messages and logs. */
  server: string;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Longest wait for the health check (ping). */
export const MAX_PING_TIMEOUT_MS = 5_000;

/** Validates the options; every error message names the option and never holds credentials. */
export function resolveSettings(options: EventStoreDbOptions): EventStoreDbSettings {
  if (options === null || typeof options !== 'object') throw new TypeError('EventStoreDB options are required');
  const { connectionString } = options;
  if (typeof connectionString !== 'string' || connectionString.trim().length === 0) {
    throw new TypeError('EventStoreDB connectionString is required (e.g. esdb://localhost:2113?tls=false)');
  }
  const streamPrefix = validateStreamPrefix(options.streamPrefix ?? DEFAULT_STREAM_PREFIX);
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  if (!Number.isSafeInteger(connectTimeoutMs) || connectTimeoutMs < 1) {
    throw new RangeError(`Invalid EventStoreDB connectTimeoutMs ${String(options.connectTimeoutMs)}: a positive number of milliseconds`);
  }
  return {
    connectionString: connectionString.trim(),
    streamPrefix,
    connectTimeoutMs,
    server: redactConnectionString(connectionString.trim()),
  };
}

/** The user-info part (`user:password@`) of a connection string, if any. */
function userInfoOf(connectionString: string): string | undefined {
  const schemeEnd = connectionString.indexOf('://');
  const start = schemeEnd === -1 ? 0 : schemeEnd + 3;
  const authorityEnd = connectionString.slice(start).search(/[/?#]/);
  const authority = authorityEnd === -1 ? connectionString.slice(start) : connectionString.slice(start, start + authorityEnd);
  const at = authority.lastIndexOf('@');
  return at === -1 ? undefined : authority.slice(0, at);
}

/** The connection string with its credentials replaced by `***`: `esdb://admin:changeit@host:2113` → `esdb://***@host:2113`. */
export function redactConnectionString(connectionString: string): string {
  const userInfo = userInfoOf(connectionString);
  return userInfo === undefined ? connectionString : connectionString.replace(`${userInfo}@`, '***@');
}

/** `text` with any credential of the connection string (the user-info, the user name, the password) replaced by `***`. */
export function scrubCredentials(text: string, connectionString: string): string {
  const userInfo = userInfoOf(connectionString);
  if (!userInfo) return text;
  const parts = [userInfo, ...userInfo.split(':')].filter((part) => part.length > 0).sort((a, b) => b.length - a.length);
  let scrubbed = text;
  for (const part of parts) scrubbed = scrubbed.split(part).join('***');
  return scrubbed;
}
