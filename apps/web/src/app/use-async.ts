import { useEffect, useState } from 'react';

export type Async<T> = { status: 'loading' } | { status: 'done'; data: T } | { status: 'failed'; error: unknown };

/**
 * The result of `load` (run again when a key changes; the previous run is aborted, its answer dropped). `load` gets
 * the abort signal to pass to its requests. With a null key, nothing is loaded.
 */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, key: string | null): Async<T> & { key: string | null } {
  const [state, setState] = useState<Async<T> & { key: string | null }>({ status: 'loading', key });
  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    setState({ status: 'loading', key });
    load(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ status: 'done', data, key }),
      (error) => !controller.signal.aborted && setState({ status: 'failed', error, key }),
    );
    return () => controller.abort();
    // `load` changes with `key` only (its inputs make the key).
  }, [key]);
  return state.key === key ? state : { status: 'loading', key };
}
