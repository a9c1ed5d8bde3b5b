/**
 * End-to-end tests: the bot and the Microsoft 365 Agents Playground as real processes, driven in
 * Debian's Chromium through playwright-core. `npm run test:e2e` builds first; one worker, one flow.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }] },
  testTimeout: 120000,
  maxWorkers: 1,
};
