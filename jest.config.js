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
const moduleNameMapper = {
  '^@okr/domain$': '<rootDir>/libs/okr-domain/src',
  '^@okr/domain/(.*)$': '<rootDir>/libs/okr-domain/src/$1',
  '^@okr/event-store$': '<rootDir>/libs/event-store/src',
  '^@okr/event-store/(.*)$': '<rootDir>/libs/event-store/src/$1',
  '^@okr/read-model$': '<rootDir>/libs/read-model/src',
  '^@okr/read-model/(.*)$': '<rootDir>/libs/read-model/src/$1',
  '^@okr/projections$': '<rootDir>/libs/projections/src',
  '^@okr/projections/(.*)$': '<rootDir>/libs/projections/src/$1',
};
module.exports = {
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
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
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': swc },
      moduleNameMapper,
      testEnvironment: 'node',
      testTimeout: 60000,
    },
  ],
};
