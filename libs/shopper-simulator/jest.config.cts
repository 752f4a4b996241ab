module.exports = {
  displayName: 'shopper-simulator',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/shopper-simulator',
};
