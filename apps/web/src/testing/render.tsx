import { render } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { App } from '../app';

/** The whole app at `path`; `location()` tells where it went. */
export function renderApp(path: string) {
  let current = '';
  function Where() {
    const location = useLocation();
    current = location.pathname + location.search;
    return null;
  }
  const result = render(
    <MemoryRouter initialEntries={[path]}>
      <App />
      <Where />
    </MemoryRouter>,
  );
  return { ...result, location: () => current };
}
