const nxPreset = require('@nx/jest/preset').default;

// Which Kafka this run targets (tools/test/run-tests.ts sets it): every spec runs on the dev
// broker; on Apache Kafka only the integration specs run, since unit specs touch no broker.
// `*.dev-broker.{int,e2e}-spec.ts` test the dev broker itself and `*.apache-kafka.{int,e2e}-spec.ts`
// need Java, so each runs only in its own pass. The variables are described in the README.
const onApacheKafka = process.env.TOUCHPOINT_TEST_KAFKA === 'apache-kafka';
const unitOnly = process.env.TEST_KIND === 'unit';

function testMatch() {
  if (unitOnly) return ['<rootDir>/src/**/*.spec.ts'];
  if (onApacheKafka) return ['<rootDir>/src/**/*.int-spec.ts'];
  return ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts'];
}

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  testMatch: testMatch(),
  // Projects without integration specs have nothing to run on Apache Kafka.
  passWithNoTests: onApacheKafka,
  // The shared Apache Kafka is emptied at the start of each spec (startTestKafka), so specs take turns.
  ...(onApacheKafka ? { maxWorkers: 1 } : {}),
  testPathIgnorePatterns: ['/node_modules/', onApacheKafka ? '\\.dev-broker\\.(int|e2e)-spec\\.ts$' : '\\.apache-kafka\\.(int|e2e)-spec\\.ts$'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  reporters: ['default', '<rootDir>/../../tools/jest/results-reporter.js'],
};
