module.exports = {
  displayName: 'recommendation',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/recommendation',
};
