import { maskUrlCredentials } from '../config/server-url';

export interface CheckResult<T> {
  status: 'up' | 'down';
  /** How long the check took (or until it timed out), in milliseconds. */
  latencyMs: number;
  value?: T;
  /** Why it is down (credentials in connection strings masked). */
  error?: string;
}

/** Runs one dependency check with a deadline; never throws. */
export async function timedCheck<T>(check: () => Promise<T>, timeoutMs: number): Promise<CheckResult<T>> {
  const started = process.hrtime.bigint();
  const latencyMs = () => Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const value = await Promise.race([Promise.resolve().then(check), deadline]);
    return { status: 'up', latencyMs: latencyMs(), value };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'down', latencyMs: latencyMs(), error: maskUrlCredentials(message).slice(0, 500) };
  } finally {
    clearTimeout(timer);
  }
}
