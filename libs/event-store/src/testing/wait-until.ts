/**
 * Polls `condition` until it returns true, failing after `timeoutMs`. Use instead of fixed sleeps when
 * waiting for asynchronous delivery (subscriptions, polling).
 */
export async function waitUntil(
  condition: () => boolean,
  { timeoutMs = 2000, intervalMs = 2, description = 'condition' }: { timeoutMs?: number; intervalMs?: number; description?: string } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`);
    await sleep(intervalMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A promise with its resolve function exposed, to hold a handler until the test releases it. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
