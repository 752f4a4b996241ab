module.exports = {
  displayName: 'dev-broker',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/dev-broker',
};
