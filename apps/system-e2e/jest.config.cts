module.exports = {
  displayName: 'system-e2e',
  preset: '../../jest.preset.js',
  // Whole-system tests: the four services as processes over the network.
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  testTimeout: 120_000,
  coverageDirectory: '../../coverage/apps/system-e2e',
};
