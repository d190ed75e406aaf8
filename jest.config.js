/** One embedded PostgreSQL for the whole run (global setup); each test file makes its own database. */
module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/tools'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleNameMapper: {
    '^@ledger/test-support$': '<rootDir>/test/support/index.ts',
    '^@ledger/(domain|workflows)/testing$': '<rootDir>/libs/$1/src/testing/index.ts',
    '^@ledger/eventstore/testing$': '<rootDir>/libs/eventstore/src/testing/event-store.contract.ts',
    '^@ledger/(domain|workflows|eventstore|application|read-models|platform)$':
      '<rootDir>/libs/$1/src/index.ts',
    '^@ledger/(api|projector)$': '<rootDir>/apps/$1/src/index.ts',
    '^@ledger/simulate$': '<rootDir>/tools/simulate/src/index.ts',
  },
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  testTimeout: 30000,
  maxWorkers: 2,
};
