module.exports = {
  displayName: 'journey-model',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/journey-model',
};
