module.exports = {
  displayName: 'kafka-testing',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/kafka-testing',
};
