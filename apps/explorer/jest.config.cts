module.exports = {
  displayName: 'explorer',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/explorer',
};
