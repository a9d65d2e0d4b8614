/** @type {import('jest').Config} */
module.exports = {
  // Type checking is `npm run typecheck` (tests included); jest only strips the types, which keeps
  // the suite fast and lets one file's type error fail the type check, not every test that imports it.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
  testEnvironment: 'node',
  // index.ts, not the index.js shim that loads the compiled dist/
  moduleFileExtensions: ['ts', 'js', 'json'],
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/test/support/setup-env.ts'],
  setupFilesAfterEnv: [
    '<rootDir>/test/support/quiet.ts',
    '<rootDir>/test/support/memoryGuard.ts',
    '<rootDir>/test/support/nockPerFile.ts',
  ],
  testTimeout: 20000,
  // zapier-platform-core ends its own process (process.exit) once it has served 250 runs with more
  // than 450 MB in use, as Zapier's workers do; a jest worker runs thousands of them. Two workers,
  // restarted when they grow, keep every worker under that line.
  maxWorkers: 2,
  workerIdleMemoryLimit: '300MB',
};
