module.exports = {
  displayName: 'system-harness',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/system-harness',
};
