import { defineConfig } from 'vitest/config';

/**
 * The web app (decision 22): React 19 compiled by Vite 8 itself (its Oxc transformer, JSX automatic runtime; no
 * plugin). `npm run build` builds it into dist/web, which the API serves; `npm run dev:web` serves it with hot reload
 * and sends /api to the API on port 3000. Vitest (`npm run test:web`) runs the component tests in happy-dom.
 */
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
  // Caches beside the app (apps/web/node_modules, git-ignored), never in a shared node_modules.
  cacheDir: 'node_modules/.vite',
  build: {
    target: 'es2022',
    assetsInlineLimit: 0,
    rolldownOptions: {
      // react-router marks its modules "use client" (for React Server Components): meaningless in this bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
  test: {
    environment: 'happy-dom',
    environmentOptions: { happyDOM: { url: 'http://localhost:3000/' } },
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/testing/setup.ts'],
    // Room for findBy's 5 s wait (setup.ts) on a loaded machine.
    testTimeout: 15_000,
  },
});
