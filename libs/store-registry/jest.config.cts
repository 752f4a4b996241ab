module.exports = {
  displayName: 'store-registry',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/store-registry',
};
