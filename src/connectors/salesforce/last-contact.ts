import type { CrmRecord } from '../types.ts';
import type { SalesforceClient } from './client.ts';
import { toText } from './mapping.ts';
import { type QueryResult, queryAll, queryMore } from './reads.ts';
import { select } from './soql.ts';
import { TASK_ENTRY_FIELD } from './vigil-fields.ts';

/**
 * Vigil's own Tasks must not count as customer contact. An Account's `LastActivityDate` is the due
 * date of its most recent closed task or event ("Account", Object Reference) — so each timeline Task
 * Vigil writes would reset the no-contact signal. The connector remembers, per Account, the due date
 * of the latest Task it wrote; when an Account is read with `LastActivityDate` on exactly that day,
 * the value may be Vigil's own, and one query over the Account's closed Tasks that are *not*
 * Vigil's (no `Vigil_Entry_Id__c`) and one over its Events (Vigil writes none) give the real last
 * contact. Accounts Vigil never wrote to, or whose last activity is later than Vigil's, cost nothing.
 *
 * The queries select on `AccountId`, not `WhatId`: activities on an Account's Opportunities and
 * Contacts roll up to it ("Guidelines for Tracking Activities", Salesforce Help; Task/Event AccountId,
 * Object Reference: derived from the WhatId's or the WhoId contact's account) and count in its
 * LastActivityDate. They go through queryAll with `IsDeleted = false`: closed activities older than
 * a year are archived, and "queryAll() … also returns information about archived Task and Event
 * records" that query() leaves out (SOAP API Developer Guide) — a last contact 13 months ago is
 * still the last contact.
 */
export const FIELD = 'LastActivityDate';
export const VIGIL_TASK_DAYS_KEY = 'salesforce:vigilTaskDays';

export interface LastContactState {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

/** Account id → "YYYY-MM-DD" of the latest Task Vigil wrote on it; loaded once per connector. */
export class VigilTaskDays {
  #days: Map<string, string> | null = null;
  readonly state: LastContactState;
  constructor(state: LastContactState) {
    this.state = state;
  }

  async load(): Promise<Map<string, string>> {
    if (this.#days === null) {
      const text = await this.state.get(VIGIL_TASK_DAYS_KEY);
      this.#days = new Map(Object.entries(text === null ? {} : (JSON.parse(text) as Record<string, string>)));
    }
    return this.#days;
  }

  async note(entries: ReadonlyArray<{ accountId: string; day: string }>): Promise<void> {
    if (entries.length === 0) return;
    const days = await this.load();
    for (const { accountId, day } of entries) {
      const known = days.get(accountId);
      if (known === undefined || known < day) days.set(accountId, day);
    }
    await this.state.set(VIGIL_TASK_DAYS_KEY, JSON.stringify(Object.fromEntries(days)));
  }
}

/** Accounts per query: ids in an IN list stay well within SOQL's 100,000-character limit. */
const IN_CHUNK = 500;

export async function correctLastContact(
  client: SalesforceClient,
  vigil: VigilTaskDays,
  records: readonly CrmRecord[],
): Promise<readonly CrmRecord[]> {
  const days = await vigil.load();
  if (days.size === 0) return records;
  const suspect = records.filter((r) => {
    const last = r.properties[FIELD];
    return last !== undefined && last !== null && days.get(r.id) === last;
  });
  if (suspect.length === 0) return records;
  const real = new Map<string, string>();
  const note = (account: string, due: string | null) => {
    if (due !== null && (real.get(account) ?? '') < due.slice(0, 10)) real.set(account, due.slice(0, 10));
  };
  for (let i = 0; i < suspect.length; i += IN_CHUNK) {
    const ids = suspect.slice(i, i + IN_CHUNK).map((r) => r.id);
    // The closed Tasks that are not Vigil's…
    await eachRow(
      client,
      select({
        fields: ['AccountId', 'ActivityDate', 'CompletedDateTime'],
        from: 'Task',
        where: [
          { field: 'AccountId', op: 'IN', values: ids },
          { field: 'IsDeleted', op: '=', value: { kind: 'boolean', value: false } },
          { field: 'IsClosed', op: '=', value: { kind: 'boolean', value: true } },
          { field: TASK_ENTRY_FIELD, op: '=', value: { kind: 'null' } },
        ],
      }),
      (row) =>
        note(
          String(row['AccountId']),
          toText(row['ActivityDate']) ?? toText(row['CompletedDateTime'])?.slice(0, 10) ?? null,
        ),
    );
    // …and the Events (Vigil writes none), whose due date counts as much as a closed Task's.
    await eachRow(
      client,
      select({
        fields: ['AccountId', 'ActivityDate'],
        from: 'Event',
        where: [
          { field: 'AccountId', op: 'IN', values: ids },
          { field: 'IsDeleted', op: '=', value: { kind: 'boolean', value: false } },
        ],
      }),
      (row) => note(String(row['AccountId']), toText(row['ActivityDate']) ?? null),
    );
  }
  const fixed = new Set(suspect.map((r) => r.id));
  return records.map((r) =>
    fixed.has(r.id) ? { ...r, properties: { ...r.properties, [FIELD]: real.get(r.id) ?? null } } : r,
  );
}

/** Runs a queryAll and hands each row of every page to `visit`. */
async function eachRow(
  client: SalesforceClient,
  soql: string,
  visit: (row: Record<string, unknown>) => void,
): Promise<void> {
  let result: QueryResult = await queryAll(client, soql);
  for (;;) {
    for (const row of result.records) visit(row);
    if (result.done || result.nextRecordsUrl === undefined) return;
    result = await queryMore(client, result.nextRecordsUrl);
  }
}
