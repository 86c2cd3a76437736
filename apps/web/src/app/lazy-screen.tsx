import { use, type ComponentType } from 'react';

export interface LazyScreen<P extends object> {
  (props: P): React.ReactNode;
  /** Starts loading the screen's code (once). */
  preload(): Promise<void>;
}

/**
 * A screen whose code loads on first use, like React.lazy, and can be preloaded: the screen of the address the app
 * opens on starts loading at once, beside the session check, and renders without suspending when its code is
 * there by then (a Suspense fallback, once shown, stays at least 300 ms in React 19).
 */
export function lazyScreen<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): LazyScreen<P> {
  let Component: ComponentType<P> | undefined;
  let loading: Promise<void> | undefined;
  const preload = () =>
    (loading ??= load().then((module) => {
      Component = module.default;
    }));
  const Screen = (props: P) => {
    if (!Component) use(preload());
    return Component ? <Component {...props} /> : null;
  };
  Screen.preload = preload;
  return Screen;
}
