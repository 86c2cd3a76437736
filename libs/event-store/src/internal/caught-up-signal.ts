/**
 * The `caughtUp` promise of a subscription with its settle functions. A rejection is still seen by whoever
 * awaits it; an unobserved one does not crash the process.
 */
export function caughtUpSignal(): { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
