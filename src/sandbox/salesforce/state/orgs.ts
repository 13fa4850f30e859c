import type { OrgEntry, SfContext } from '../context.ts';
import { ApiUsage } from '../limits/usage.ts';
import type { OrgOption } from '../options.ts';
import { ACCOUNT_USAGE, isSObjectName } from './fields.ts';
import { OrgState } from './org.ts';
import { generateOrg } from './seed-org.ts';
import { taskStatusApiName } from './task-statuses.ts';

// Adding and reseeding orgs. Each org is seeded from the same generator as the HubSpot portals, with
// the clock's "today", and keeps its hidden truth.

export const DEFAULT_DAILY_API_LIMIT = 100_000;

let orgNumber = 0;

export function addOrg(ctx: SfContext, option: OrgOption): OrgEntry {
  orgNumber += 1;
  const org = new OrgState(option.orgNumber ?? orgNumber, () => ctx.clock.now());
  const seededAt = ctx.clock.now();
  const truth = generateOrg(org, option.size, option.seed, seededAt, {
    ...(option.currency === undefined ? {} : { currency: option.currency }),
    ...(option.multiCurrency === undefined ? {} : { multiCurrency: option.multiCurrency }),
  });
  applyFieldOptions(org, option);
  const entry: OrgEntry = {
    org,
    usage: new ApiUsage(ctx.options.dailyApiLimit ?? DEFAULT_DAILY_API_LIMIT),
    truth,
    size: option.size,
    seed: option.seed,
    seededAt,
    ...(option.currency === undefined ? {} : { currency: option.currency }),
    ...(option.multiCurrency === undefined ? {} : { multiCurrency: option.multiCurrency }),
  };
  ctx.orgs.set(org.orgId, entry);
  return entry;
}

/** A fresh org in place of `entry` (a new org id: sessions of the old org stop working). */
export function reseedOrg(ctx: SfContext, entry: OrgEntry): OrgEntry {
  ctx.orgs.delete(entry.org.orgId);
  return addOrg(ctx, {
    size: entry.size,
    seed: entry.seed,
    ...(entry.currency === undefined ? {} : { currency: entry.currency }),
    ...(entry.multiCurrency === undefined ? {} : { multiCurrency: entry.multiCurrency }),
  });
}

/**
 * A fresh org lacks the customer's custom fields (their values go with them); hidden fields stay but
 * become custom fields that field-level security must grant, and no permission set grants them.
 */
function applyFieldOptions(org: OrgState, option: OrgOption): void {
  if (option.customFieldLimit !== undefined) org.customFieldLimit = option.customFieldLimit;
  if (option.userPermissions !== undefined) org.setUserPermissions(option.userPermissions);
  if (option.apiEnabled !== undefined) org.apiEnabled = option.apiEnabled;
  for (const trigger of option.cpuHungryTriggers ?? []) {
    if (!(Number.isInteger(trigger.maxRecords) && trigger.maxRecords >= 1))
      throw new RangeError(`cpuHungryTriggers: maxRecords of ${trigger.name} must be an integer ≥ 1`);
    org.cpuHungryTriggers.set(trigger.sobject, trigger);
  }
  if (option.taskStatuses !== undefined) {
    org.setTaskStatuses(option.taskStatuses);
    // Seeded Tasks take the org's own statuses: closed ones its first closed status, others its default.
    const closed = [...org.closedTaskStatuses()][0] ?? org.defaultTaskStatus();
    const names = new Set(option.taskStatuses.map(taskStatusApiName));
    for (const task of org.table('Task').values())
      if (!names.has(String(task.values['Status'])))
        task.values['Status'] = task.values['IsClosed'] === true ? closed : org.defaultTaskStatus();
  }
  const without =
    option.withoutCustomFields === true
      ? ACCOUNT_USAGE.map((f) => f.name)
      : option.withoutCustomFields === false || option.withoutCustomFields === undefined
        ? []
        : option.withoutCustomFields;
  for (const name of without) {
    if (!ACCOUNT_USAGE.some((f) => f.name === name))
      throw new RangeError(`withoutCustomFields: ${name} is not one of the seeded Account custom fields`);
    org.fields.get('Account')!.delete(name.toLowerCase());
    for (const record of org.table('Account').values()) delete record.values[name];
  }
  if (option.fieldHistory !== undefined) {
    org.historyTracked.clear();
    for (const name of option.fieldHistory === false ? [] : option.fieldHistory) {
      const def = org.field('Account', name);
      if (def === undefined || !def.writable)
        throw new RangeError(`fieldHistory: ${name} is no Account field whose history can be tracked`);
      org.historyTracked.add(def.name);
    }
  }
  for (const name of without) org.historyTracked.delete(name);
  for (const qualified of option.hiddenFields ?? []) {
    const [object = '', field = ''] = qualified.split('.');
    const sobject = object === 'Activity' ? 'Task' : object;
    const def = isSObjectName(sobject) ? org.field(sobject, field) : undefined;
    if (!isSObjectName(sobject) || def === undefined)
      throw new RangeError(`hiddenFields: ${qualified} is no field of this org (write "Account.Field__c")`);
    org.addField(sobject, { ...def, custom: true });
  }
}
