// sfdx-lwc-jest's preset (LWC compiler, lightning-* stubs, @salesforce/* module mocks) plus the
// sa11y matchers. Only the components' __tests__ run here; the metadata tests are the root vitest's.
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
  ...jestConfig,
  testMatch: ['<rootDir>/force-app/**/__tests__/**/*.test.js'],
  setupFilesAfterEnv: [...(jestConfig.setupFilesAfterEnv ?? []), '<rootDir>/jest.setup.cjs'],
};
