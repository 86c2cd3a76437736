/** Three projects: fast unit tests beside the code, e2e tests under test/ that drive HTTP and child processes, and the bench harness's helpers. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
/** The path aliases of tsconfig.json (their one home; kept plain JSON), as jest module mappings: `@okr/x` and `@okr/x/*`. */
const { paths } = require('./tsconfig.json').compilerOptions;
const moduleNameMapper = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [`^${alias.replace('/*', '/(.*)')}$`, `<rootDir>/${target.replace('/*', '/$1')}`]),
);
/**
 * Contract suites against real servers (`npm run test:backends`, after `docker compose up -d eventstore mongo`):
 * they run only when their server's URL is set; otherwise they are left out and the run says so.
 */
const backendSpecs = [];
if (process.env.EVENTSTORE_URL) backendSpecs.push('<rootDir>/libs/event-store/src/eventstoredb/**/*.backend-spec.ts');
else
  console.log('skipped: no EVENTSTORE_URL — the event-store contract suite did not run against EventStoreDB (see npm run test:backends)');
if (process.env.MONGODB_URL)
  backendSpecs.push(
    '<rootDir>/libs/read-model/src/mongodb/**/*.backend-spec.ts',
    '<rootDir>/libs/platform/src/idempotency/*.backend-spec.ts',
  );
else
  console.log(
    'skipped: no MONGODB_URL — the read-model and idempotency contract suites did not run against MongoDB (see npm run test:backends)',
  );

module.exports = {
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
      // The web app's tests run in Vitest (npm run test:web).
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/web/'],
      transform: { '^.+\\.ts$': swc },
      moduleNameMapper,
      testEnvironment: 'node',
    },
    {
      // Pure helpers of the benchmark harness (npm run bench); no timed assertions.
      displayName: 'bench',
      rootDir: __dirname,
      testMatch: ['<rootDir>/bench/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/bench/.data/'],
      transform: { '^.+\\.ts$': swc },
      testEnvironment: 'node',
    },
    ...(backendSpecs.length > 0
      ? [
          {
            displayName: 'backends',
            rootDir: __dirname,
            testMatch: backendSpecs,
            transform: { '^.+\\.ts$': swc },
            moduleNameMapper,
            testEnvironment: 'node',
            testTimeout: 60000,
          },
        ]
      : []),
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': swc },
      moduleNameMapper,
      testEnvironment: 'node',
      testTimeout: 60000,
      // The browser tests' Chromium (test/web), unpacked once before the files run in parallel.
      globalSetup: '<rootDir>/test/support/unpack-chromium.ts',
    },
  ],
};
