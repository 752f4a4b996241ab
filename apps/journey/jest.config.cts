module.exports = {
  displayName: 'journey',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/journey',
};
