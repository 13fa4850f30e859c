// The Salesforce connector's public surface (see README.md).
export { type BudgetPolicy, budgetDecision, DEFAULT_BUDGET, decideRetry, parseLimitInfo } from './budget.ts';
export { createSalesforceConnector, INSTANCE_URL_KEY, type SalesforceConnectorOptions } from './connector.ts';
export { fieldsToSelect, SOBJECT_OF, salesforceMapping, toCrmRecord } from './mapping.ts';
export { type MissingSignal, missingSignals } from './missing-signals.ts';
export { missingKey } from './reads.ts';
export { storeDependencies } from './store-dependencies.ts';
export { PERMISSION_SET, TASK_ENTRY_FIELD, VIGIL_FIELDS } from './vigil-fields.ts';
