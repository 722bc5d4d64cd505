import type { Config } from 'jest';

const moduleNameMapper = {
  '^@app/common(|/.*)$': '<rootDir>/libs/common/src$1',
  '^@app/embedded-db(|/.*)$': '<rootDir>/libs/embedded-db/src$1',
  '^@app/telegram-fake(|/.*)$': '<rootDir>/libs/telegram-fake/src$1',
  '^@app/stripe-fake(|/.*)$': '<rootDir>/libs/stripe-fake/src$1',
};

// swc only strips types; `npm run typecheck` is what checks them.
const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
    },
  ],
};

const shared = {
  rootDir: '.',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform,
  moduleNameMapper,
  testEnvironment: 'node',
};

const config: Config = {
  // One embedded database for the whole run; every test file gets its own database in it.
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/setup/summary-reporter.cjs'],
  testTimeout: 30000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/test/setup/e2e-env.ts'],
    },
  ],
};

export default config;
