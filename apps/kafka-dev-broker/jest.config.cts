module.exports = {
  displayName: 'kafka-dev-broker',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/kafka-dev-broker',
};
