import type { SObjectName } from './fields.ts';
import type { SaveError } from './org.ts';

// An org's Apex trigger that is expensive per record: a transaction saving more than
// `maxRecords` records of its object runs out of CPU time ("Execution Governors and Limits":
// 10,000 ms synchronous). The LimitException cannot be caught, so the whole chunk is rolled back and
// every record of it fails with the trigger's name and Salesforce's message, as Salesforce reports
// it per record ("dlrs_ContactTrigger: System.LimitException: Apex CPU time limit exceeded",
// SFDO-Community/declarative-lookup-rollup-summaries#357). The status code is the one Salesforce
// gives a trigger's unhandled exception on save, CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY.

export interface CpuHungryTrigger {
  readonly sobject: SObjectName;
  readonly name: string;
  /** The most records one save can take before the trigger exceeds the CPU limit. */
  readonly maxRecords: number;
}

export function cpuLimitError(trigger: CpuHungryTrigger): SaveError {
  return {
    statusCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
    message: `${trigger.name}: System.LimitException: Apex CPU time limit exceeded`,
    fields: [],
  };
}
