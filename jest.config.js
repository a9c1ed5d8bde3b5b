/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }] },
  // PGlite boots a WASM Postgres per suite; give slow CI machines room.
  globalSetup: '<rootDir>/jest.global-setup.js',
  testTimeout: 60000,
  maxWorkers: 2,
};
