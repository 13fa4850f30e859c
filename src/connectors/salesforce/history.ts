import { z } from 'zod';
import { type CompanyHistory, CrmNoHistoryError } from '../types.ts';
import type { SalesforceClient } from './client.ts';
import { errorCode } from './client.ts';
import { toText } from './mapping.ts';
import { query, queryMore } from './reads.ts';
import { select, str } from './soql.ts';

/**
 * Past values of the mapped Account fields from Salesforce's field history ("AccountHistory",
 * Object Reference: AccountId, Field, OldValue, NewValue, CreatedDate — one row per change of a field
 * with history tracking on), shaped like HubSpot's `propertiesWithHistory` so reconstruction reads
 * both alike.
 *
 * Salesforce records changes only, from the moment tracking was turned on for a field, and keeps
 * them 18–24 months. So for each tracked field the history starts at the org's oldest change of it
 * (tracking was on by then) — or the account's creation if later — with the first change's OldValue;
 * each change adds its NewValue; an account with no change keeps today's value since that start.
 * Before the start nothing is known (no version: the value is unknown then, never today's). A mapped
 * field with no history anywhere in the org (not tracked, e.g. LastActivityDate, which Salesforce
 * maintains itself) gets no versions at all, for the same reason: today's value must not leak into
 * the past. When none of the mapped fields has any history, CrmNoHistoryError says how to turn it on.
 */

const IN_CHUNK = 200;

const historyRow = z.object({
  AccountId: z.string(),
  Field: z.string(),
  OldValue: z.unknown(),
  NewValue: z.unknown(),
  CreatedDate: z.string(),
});

/** Per field: when its history starts in this org (its oldest change), or absent when it has none. */
export type TrackingStarts = ReadonlyMap<string, number>;

async function allRows(client: SalesforceClient, soql: string): Promise<Array<Record<string, unknown>>> {
  const rows: Array<Record<string, unknown>> = [];
  let result = await query(client, soql);
  for (;;) {
    rows.push(...result.records);
    if (result.done || result.nextRecordsUrl === undefined) return rows;
    result = await queryMore(client, result.nextRecordsUrl);
  }
}

const epoch = (v: unknown): number => {
  const t = Date.parse(toText(v) ?? '');
  if (!Number.isFinite(t)) throw new RangeError(`AccountHistory: CreatedDate ${String(v)} is not a date`);
  return t;
};

/** The oldest recorded change of each field (one query per field; a field never changed has none). */
export async function trackingStarts(
  client: SalesforceClient,
  fields: readonly string[],
): Promise<TrackingStarts> {
  const out = new Map<string, number>();
  try {
    for (const field of fields) {
      const soql = select({
        fields: ['CreatedDate'],
        from: 'AccountHistory',
        where: [{ field: 'Field', op: '=', value: str(field) }],
        orderBy: ['CreatedDate'],
        limit: 1,
      });
      const [first] = (await query(client, soql)).records;
      if (first !== undefined) out.set(field, epoch(first['CreatedDate']));
    }
  } catch (error) {
    // The integration user may not read field history (or the org does not expose it).
    const code = errorCode(error);
    if (
      code === 'INVALID_TYPE' ||
      code === 'INSUFFICIENT_ACCESS' ||
      code === 'INSUFFICIENT_ACCESS_OR_READONLY'
    )
      throw new CrmNoHistoryError(
        `this Salesforce org does not let Vigil read Account field history (${code}); grant the integration user read access to AccountHistory, or the model learns from Vigil's own score history alone`,
      );
    throw error;
  }
  if (out.size === 0)
    throw new CrmNoHistoryError(
      `this Salesforce org keeps no field history for the mapped Account fields (${fields.join(', ')}), so past signals cannot be rebuilt: turn on Field History Tracking for them (Setup → Object Manager → Account → Fields & Relationships → Set History Tracking); until it covers a horizon, the model learns from Vigil's own score history alone`,
    );
  return out;
}

/** The history of each account's mapped fields, as versions (ISO timestamps); see the file comment. */
export async function readAccountHistory(
  client: SalesforceClient,
  accountIds: readonly string[],
  fields: readonly string[],
  starts: TrackingStarts,
): Promise<CompanyHistory[]> {
  const tracked = fields.filter((f) => starts.has(f));
  const out: CompanyHistory[] = [];
  for (let i = 0; i < accountIds.length; i += IN_CHUNK) {
    const ids = accountIds.slice(i, i + IN_CHUNK);
    const accounts = await allRows(
      client,
      select({
        fields: ['Id', 'CreatedDate', ...tracked],
        from: 'Account',
        where: [{ field: 'Id', op: 'IN', values: ids }],
      }),
    );
    const changes = new Map<string, Array<z.output<typeof historyRow>>>();
    for (const raw of await allRows(
      client,
      select({
        fields: ['AccountId', 'Field', 'OldValue', 'NewValue', 'CreatedDate'],
        from: 'AccountHistory',
        where: [
          { field: 'AccountId', op: 'IN', values: ids },
          { field: 'Field', op: 'IN', values: tracked },
        ],
        orderBy: ['CreatedDate'],
      }),
    )) {
      const row = historyRow.parse(raw);
      const key = `${row.AccountId.slice(0, 15)}:${row.Field.toLowerCase()}`;
      const list = changes.get(key);
      if (list === undefined) changes.set(key, [row]);
      else list.push(row);
    }
    for (const account of accounts) {
      const id = String(account['Id']);
      const created = epoch(account['CreatedDate']);
      const history: CompanyHistory['history'] = {};
      for (const field of fields) {
        const start = starts.get(field);
        if (start === undefined) {
          history[field] = [];
          continue;
        }
        const from = Math.max(start, created);
        const rows = (changes.get(`${id.slice(0, 15)}:${field.toLowerCase()}`) ?? []).sort(
          (a, b) => epoch(a.CreatedDate) - epoch(b.CreatedDate),
        );
        const versions: Array<{ value: string | null; timestamp: string }> = [];
        const first = rows[0];
        const initial = first === undefined ? account[field] : first.OldValue;
        if (first === undefined || from < epoch(first.CreatedDate))
          versions.push({ value: toText(initial), timestamp: new Date(from).toISOString() });
        for (const r of rows)
          versions.push({
            value: toText(r.NewValue),
            timestamp: new Date(epoch(r.CreatedDate)).toISOString(),
          });
        history[field] = versions;
      }
      out.push({ companyId: id, history });
    }
  }
  return out;
}
