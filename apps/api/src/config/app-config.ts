import type { LogLevel as NestLogLevel } from '@nestjs/common';
import { resolve } from 'node:path';

export type LogLevel = 'error' | 'warn' | 'log' | 'debug' | 'verbose';

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
}

export const DEFAULT_PORT = 3000;
export const DEFAULT_DATA_DIR = './data';
export const MIN_ADMIN_TOKEN_LENGTH = 16;
export const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

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
    const trimmed = rawPort.trim();
    const parsed = /^\d+$/.test(trimmed) ? Number(trimmed) : NaN;
    if (Number.isInteger(parsed) && parsed >= 1 && parsed <= 65535) port = parsed;
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

  if (problems.length > 0) throw new ConfigError(problems);
  return { port, dataDir, ...(adminToken !== undefined ? { adminToken } : {}), logLevel, demo };
}

/** The Nest logger levels to enable for a configured level: that level and every more severe one. */
export function nestLogLevels(level: LogLevel): NestLogLevel[] {
  const levels: NestLogLevel[] = ['fatal', ...LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1)];
  return levels;
}
