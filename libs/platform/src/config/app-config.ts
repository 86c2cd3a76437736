import type { LogLevel as NestLogLevel } from '@nestjs/common';
import { BUDGET } from '@okr/budget';
import { resolve } from 'node:path';
import { ESDB_URL_RULES, MONGODB_URL_RULES, ServerUrlError, ServerUrlRules, parseServerUrl } from './server-url';

export type LogLevel = 'error' | 'warn' | 'log' | 'debug' | 'verbose';

/** EVENT_STORE and EVENTSTORE_URL: the embedded SQLite file (default) or an EventStoreDB server or cluster. */
export type EventStoreConfig = { kind: 'sqlite' } | { kind: 'eventstoredb'; url: string };
/** READ_STORE and MONGODB_URL: the embedded SQLite file (default) or MongoDB. */
export type ReadStoreConfig = { kind: 'sqlite' } | { kind: 'mongodb'; url: string };
/** PROJECTOR: 'embedded' (default), the API runs the projections; 'external', a separate projector process does. */
export type ProjectorSetting = 'embedded' | 'external';

export interface AppConfig {
  /** PORT: 1..65535, default 3000. */
  port: number;
  /** OKR_DATA_DIR, absolute (resolved against the working directory); default ./data. */
  dataDir: string;
  /** OKR_ADMIN_TOKEN: at least 16 characters when set. */
  adminToken?: string;
  /** LOG_LEVEL: error | warn | log (or info) | debug | verbose; default log. */
  logLevel: LogLevel;
  /** OKR_DEMO: 1/true seeds a demo organisation on start when the store has no OKR data; 0/false (default) does not. */
  demo: boolean;
  /** EVENT_STORE: sqlite (default) | eventstoredb, with EVENTSTORE_URL (esdb:// or esdb+discover://) for eventstoredb. */
  eventStore: EventStoreConfig;
  /** READ_STORE: sqlite (default) | mongodb, with MONGODB_URL (mongodb:// or mongodb+srv://) for mongodb. */
  readStore: ReadStoreConfig;
  /** PROJECTOR: embedded (default) | external. The projector application ignores it. */
  projector: ProjectorSetting;
  /** PROJECTOR_LEASE_TTL_MS (projector application): how long a projector's lease lasts without renewal; 1000..600000, default 15000. */
  projectorLeaseTtlMs: number;
  /** PROJECTOR_HEALTH_PORT (projector application): port of its small health endpoint; unset (default): no endpoint. */
  projectorHealthPort?: number;
  /** POINT_IN_TIME_HEAP_MB: heap limit of the worker thread that computes ?asOf answers (embedded store); 64..65536, default 512 (budget). */
  pointInTimeHeapMb: number;
  /**
   * POINT_IN_TIME_BUILD_AHEAD: 1/true starts the point-in-time worker soon after start-up to build the replay
   * snapshots up to the head while idle (memory of the worker from then on); 0/false (default) starts it at the
   * first ?asOf question, whose replays leave the snapshots they pass.
   */
  pointInTimeBuildAhead: boolean;
}

export const DEFAULT_PORT = 3000;
export const DEFAULT_DATA_DIR = './data';
export const MIN_ADMIN_TOKEN_LENGTH = 16;
export const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];
export const EVENT_STORE_KINDS = ['sqlite', 'eventstoredb'] as const;
export const READ_STORE_KINDS = ['sqlite', 'mongodb'] as const;
export const PROJECTOR_SETTINGS: readonly ProjectorSetting[] = ['embedded', 'external'];
export const DEFAULT_PROJECTOR_LEASE_TTL_MS = 15_000;
export const MIN_PROJECTOR_LEASE_TTL_MS = 1_000;
export const MAX_PROJECTOR_LEASE_TTL_MS = 600_000;
export const MIN_POINT_IN_TIME_HEAP_MB = 64;
export const MAX_POINT_IN_TIME_HEAP_MB = 65_536;

/** Thrown by loadAppConfig; `problems` has one line per bad variable, and the message lists them, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.map((p) => `- ${p}`).join('\n'));
    this.name = 'ConfigError';
  }
}

/** A variable set to an empty (or blank) string counts as unset. */
function read(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * Reads and checks the configuration from environment variables. Every bad variable is reported at once,
 * in a ConfigError.
 */
export function loadAppConfig(env: NodeJS.ProcessEnv): AppConfig {
  const problems: string[] = [];

  let port = DEFAULT_PORT;
  const rawPort = read(env, 'PORT');
  if (rawPort !== undefined) {
    const parsed = parseInteger(rawPort, 1, 65535);
    if (parsed !== undefined) port = parsed;
    else problems.push(`PORT must be an integer from 1 to 65535 (got ${JSON.stringify(rawPort)})`);
  }

  const dataDir = resolve(read(env, 'OKR_DATA_DIR') ?? DEFAULT_DATA_DIR);

  const adminToken = read(env, 'OKR_ADMIN_TOKEN');
  if (adminToken !== undefined && adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
    // The value itself is a secret: only its length is reported.
    problems.push(`OKR_ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters when set (got ${adminToken.length})`);
  }

  let logLevel: LogLevel = 'log';
  const rawLevel = read(env, 'LOG_LEVEL');
  if (rawLevel !== undefined) {
    const normalised = rawLevel.trim().toLowerCase();
    const level = normalised === 'info' ? 'log' : normalised;
    if ((LOG_LEVELS as readonly string[]).includes(level)) logLevel = level as LogLevel;
    else problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (or info) (got ${JSON.stringify(rawLevel)})`);
  }

  let demo = false;
  const rawDemo = read(env, 'OKR_DEMO');
  if (rawDemo !== undefined) {
    const normalised = rawDemo.trim().toLowerCase();
    if (normalised === '1' || normalised === 'true') demo = true;
    else if (normalised === '0' || normalised === 'false') demo = false;
    else problems.push(`OKR_DEMO must be 1, 0, true or false (got ${JSON.stringify(rawDemo)})`);
  }

  const eventStoreKind = readChoice(env, 'EVENT_STORE', EVENT_STORE_KINDS, 'sqlite', problems);
  const eventStoreUrl = readServerUrl(
    env,
    'EVENTSTORE_URL',
    ESDB_URL_RULES,
    eventStoreKind === 'eventstoredb',
    'EVENT_STORE=eventstoredb',
    problems,
  );
  const eventStore: EventStoreConfig =
    eventStoreKind === 'eventstoredb' && eventStoreUrl !== undefined ? { kind: 'eventstoredb', url: eventStoreUrl } : { kind: 'sqlite' };

  const readStoreKind = readChoice(env, 'READ_STORE', READ_STORE_KINDS, 'sqlite', problems);
  const mongodbUrl = readServerUrl(env, 'MONGODB_URL', MONGODB_URL_RULES, readStoreKind === 'mongodb', 'READ_STORE=mongodb', problems);
  const readStore: ReadStoreConfig =
    readStoreKind === 'mongodb' && mongodbUrl !== undefined ? { kind: 'mongodb', url: mongodbUrl } : { kind: 'sqlite' };

  const projector = readChoice(env, 'PROJECTOR', PROJECTOR_SETTINGS, 'embedded', problems);

  let projectorLeaseTtlMs = DEFAULT_PROJECTOR_LEASE_TTL_MS;
  const rawTtl = read(env, 'PROJECTOR_LEASE_TTL_MS');
  if (rawTtl !== undefined) {
    const parsed = parseInteger(rawTtl, MIN_PROJECTOR_LEASE_TTL_MS, MAX_PROJECTOR_LEASE_TTL_MS);
    if (parsed !== undefined) projectorLeaseTtlMs = parsed;
    else {
      problems.push(
        `PROJECTOR_LEASE_TTL_MS must be an integer from ${MIN_PROJECTOR_LEASE_TTL_MS} to ${MAX_PROJECTOR_LEASE_TTL_MS} (milliseconds) (got ${JSON.stringify(rawTtl)})`,
      );
    }
  }

  let projectorHealthPort: number | undefined;
  const rawHealthPort = read(env, 'PROJECTOR_HEALTH_PORT');
  if (rawHealthPort !== undefined) {
    projectorHealthPort = parseInteger(rawHealthPort, 1, 65535);
    if (projectorHealthPort === undefined)
      problems.push(`PROJECTOR_HEALTH_PORT must be an integer from 1 to 65535 (got ${JSON.stringify(rawHealthPort)})`);
  }

  let pointInTimeHeapMb: number = BUDGET.replayWorker.heapMb;
  const rawHeap = read(env, 'POINT_IN_TIME_HEAP_MB');
  if (rawHeap !== undefined) {
    const parsed = parseInteger(rawHeap, MIN_POINT_IN_TIME_HEAP_MB, MAX_POINT_IN_TIME_HEAP_MB);
    if (parsed !== undefined) pointInTimeHeapMb = parsed;
    else
      problems.push(
        `POINT_IN_TIME_HEAP_MB must be an integer from ${MIN_POINT_IN_TIME_HEAP_MB} to ${MAX_POINT_IN_TIME_HEAP_MB} (megabytes) (got ${JSON.stringify(rawHeap)})`,
      );
  }

  let pointInTimeBuildAhead = false;
  const rawBuildAhead = read(env, 'POINT_IN_TIME_BUILD_AHEAD');
  if (rawBuildAhead !== undefined) {
    const normalised = rawBuildAhead.trim().toLowerCase();
    if (normalised === '1' || normalised === 'true') pointInTimeBuildAhead = true;
    else if (normalised === '0' || normalised === 'false') pointInTimeBuildAhead = false;
    else problems.push(`POINT_IN_TIME_BUILD_AHEAD must be 1, 0, true or false (got ${JSON.stringify(rawBuildAhead)})`);
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    dataDir,
    ...(adminToken !== undefined ? { adminToken } : {}),
    logLevel,
    demo,
    eventStore,
    readStore,
    projector,
    projectorLeaseTtlMs,
    ...(projectorHealthPort !== undefined ? { projectorHealthPort } : {}),
    pointInTimeHeapMb,
    pointInTimeBuildAhead,
  };
}

/** A decimal integer in [min, max] (surrounding blanks allowed), else undefined. */
function parseInteger(raw: string, min: number, max: number): number | undefined {
  const trimmed = raw.trim();
  const parsed = /^\d{1,15}$/.test(trimmed) ? Number(trimmed) : NaN;
  return parsed >= min && parsed <= max ? parsed : undefined;
}

/** One of `choices` (case-insensitive), `fallback` when unset; a problem otherwise. */
function readChoice<T extends string>(env: NodeJS.ProcessEnv, name: string, choices: readonly T[], fallback: T, problems: string[]): T {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const normalised = raw.trim().toLowerCase();
  if ((choices as readonly string[]).includes(normalised)) return normalised as T;
  problems.push(`${name} must be one of ${choices.join(', ')} (got ${JSON.stringify(raw)})`);
  return fallback;
}

/**
 * A server connection string, checked for shape when set (even if unused, so a typo is caught before the
 * day it matters); required when `required`. Problems never quote the value: it may hold a password.
 */
function readServerUrl(
  env: NodeJS.ProcessEnv,
  name: string,
  rules: ServerUrlRules,
  required: boolean,
  requiredBy: string,
  problems: string[],
): string | undefined {
  const raw = read(env, name);
  if (raw === undefined) {
    if (required) problems.push(`${name} is required with ${requiredBy} (${rules.schemes.map((s) => `${s}://…`).join(' or ')})`);
    return undefined;
  }
  try {
    parseServerUrl(raw, rules);
    return raw.trim();
  } catch (error) {
    if (!(error instanceof ServerUrlError)) throw error;
    problems.push(`${name} ${error.message}`);
    return undefined;
  }
}

/** The Nest logger levels to enable for a configured level: that level and every more severe one. */
export function nestLogLevels(level: LogLevel): NestLogLevel[] {
  const levels: NestLogLevel[] = ['fatal', ...LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1)];
  return levels;
}
