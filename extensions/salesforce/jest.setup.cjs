// Adds `toBeAccessible()` (axe-core with Salesforce's sa11y rule set) to Jest's expect.
const { registerSa11yMatcher } = require('@sa11y/jest');

registerSa11yMatcher();
