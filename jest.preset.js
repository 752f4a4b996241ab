const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  // Unit specs and integration specs (real Postgres, Redis, broker) run in one pass;
  // `TEST_KIND=unit` narrows a run to the fast tier.
  testMatch:
    process.env.TEST_KIND === 'unit'
      ? ['<rootDir>/src/**/*.spec.ts']
      : ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  reporters: ['default', '<rootDir>/../../tools/jest/results-reporter.js'],
};
