import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { installFakeFetch, resetFakeApi } from './fake-api';

installFakeFetch();
// findBy… waits up to 5 s (not 1 s): on a loaded 2-core machine a render after a fake answer can take longer.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
  resetFakeApi();
});
