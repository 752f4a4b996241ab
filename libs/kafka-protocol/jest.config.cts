module.exports = {
  displayName: 'kafka-protocol',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/kafka-protocol',
};
