module.exports = {
  displayName: 'profile-cache',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/profile-cache',
};
