import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { installFakeFetch, resetFakeApi } from './fake-api';

installFakeFetch();

afterEach(() => {
  cleanup();
  resetFakeApi();
});
