import { z } from 'zod';
import {
  type CompanyUpdate,
  CrmAuthError,
  CrmRateLimitError,
  type TimelineEntry,
  type TimelineOutcome,
  type WriteOutcome,
} from '../types.ts';
import { errorCode, type SalesforceClient } from './client.ts';
import { saveSplittingOnCpuLimit } from './cpu-split.ts';
import type { ObjectSchema } from './describe.ts';
import type { VigilTaskDays } from './last-contact.ts';
import { TASK_ENTRY_FIELD, toAccountFields } from './vigil-fields.ts';

/**
 * Write-back through sObject Collections ("sObject Collections", REST API): up to 200 Accounts per
 * `PATCH /composite/sobjects` with allOrNone false, so one bad record never fails its batch — each
 * gets its own result, kept as its outcome. An update is idempotent, so the call may be retried.
 * Timeline entries become completed Tasks on the Account, upserted by Vigil's external id
 * (`PATCH /composite/sobjects/Task/Vigil_Entry_Id__c`): the same entry sent twice is one Task.
 * Records an org's trigger refused for the Apex CPU limit are sent again in smaller batches
 * (cpu-split.ts).
 */
export const MAX_COLLECTION = 200;

const saveResults = z.array(
  z.object({
    id: z.string().nullable().optional(),
    success: z.boolean(),
    errors: z
      .array(
        z.object({
          statusCode: z.string().optional(),
          message: z.string().optional(),
          fields: z.array(z.string()).optional(),
        }),
      )
      .default([]),
  }),
);

const RETRYABLE = new Set(['UNABLE_TO_LOCK_ROW', 'SERVER_UNAVAILABLE', 'REQUEST_RUNNING_TOO_LONG']);

function failure(code: string, message: string) {
  return { code, message, retryable: RETRYABLE.has(code) || /^ERROR_HTTP_5/.test(code) };
}

/** Whole-call failures that are not the org's quota or our credentials mark every record retryable. */
function wholeCallFailure(error: unknown) {
  if (error instanceof CrmRateLimitError || error instanceof CrmAuthError) throw error;
  const code = errorCode(error);
  return { code, message: error instanceof Error ? error.message : String(error), retryable: true };
}

/** Keeps the fields the integration user may update (describe): a Vigil field the org refused to create is left out. */
function writable(fields: Record<string, string | number | null>, schema: ObjectSchema | null) {
  if (schema === null) return fields;
  const out: Record<string, string | number | null> = {};
  for (const [name, value] of Object.entries(fields))
    if (schema.fields.get(name.toLowerCase())?.updateable === true) out[name] = value;
  return out;
}

export async function writeCompanies(
  client: SalesforceClient,
  updates: readonly CompanyUpdate[],
  accountSchema: (() => Promise<ObjectSchema>) | null = null,
): Promise<WriteOutcome[]> {
  if (updates.length > MAX_COLLECTION)
    throw new RangeError(`writeCompanies takes at most ${MAX_COLLECTION} updates, got ${updates.length}`);
  const schema = accountSchema === null || updates.length === 0 ? null : await accountSchema();
  const real = updates
    .map((u) => ({ companyId: u.companyId, fields: writable(toAccountFields(u.properties), schema) }))
    .filter((u) => Object.keys(u.fields).length > 0);
  const outcomes = new Map<string, WriteOutcome>();
  if (real.length > 0) {
    const records = real.map((u) => ({ Id: u.companyId, ...u.fields }));
    try {
      const results = await saveSplittingOnCpuLimit(records, async (batch) =>
        saveResults.parse(
          await client.call({ endpoint: 'PATCH /composite/sobjects', safe: true }, (conn) =>
            conn.sobject('Account').update([...batch], { allOrNone: false }),
          ),
        ),
      );
      results.forEach((r, i) => {
        const companyId = real[i]!.companyId;
        const e = r.errors[0];
        outcomes.set(
          companyId,
          r.success
            ? { companyId, ok: true }
            : { companyId, ok: false, error: failure(e?.statusCode ?? 'UNKNOWN', e?.message ?? 'failed') },
        );
      });
    } catch (error) {
      const e = wholeCallFailure(error);
      for (const u of real) outcomes.set(u.companyId, { companyId: u.companyId, ok: false, error: e });
    }
  }
  return updates.map((u) => outcomes.get(u.companyId) ?? { companyId: u.companyId, ok: true });
}

const SUBJECT_MAX = 255;

/** Salesforce refused the Task status sent as outside the org's picklist (changed since it was read). */
function statusRefused(r: z.output<typeof saveResults>[number]): boolean {
  return (
    !r.success &&
    r.errors.some(
      (e) =>
        e.statusCode === 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' &&
        ((e.fields ?? []).includes('Status') || /^Status:/.test(e.message ?? '')),
    )
  );
}

export async function writeTimeline(
  client: SalesforceClient,
  entries: readonly TimelineEntry[],
  vigilTasks: VigilTaskDays | null = null,
  /** A closed status of the org's Task picklist; `true` reads it afresh (task-status.ts). */
  closedStatus: (refresh: boolean) => Promise<string> = async () => 'Completed',
): Promise<TimelineOutcome[]> {
  const outcomes: TimelineOutcome[] = [];
  const written: Array<{ accountId: string; day: string }> = [];
  let status = entries.length === 0 ? '' : await closedStatus(false);
  let refreshed = false;
  for (let i = 0; i < entries.length; i += MAX_COLLECTION) {
    const chunk = entries.slice(i, i + MAX_COLLECTION);
    const recordsWith = (closed: string) =>
      chunk.map((e) => ({
        [TASK_ENTRY_FIELD]: e.id,
        WhatId: e.companyId,
        Subject: e.title.length > SUBJECT_MAX ? `${e.title.slice(0, SUBJECT_MAX - 1)}…` : e.title,
        Description: e.body,
        Status: closed,
        Priority: 'Normal',
        // No TaskSubtype: it is settable on create only and the upsert may update an entry sent
        // before; on create Salesforce defaults it to Task.
        ActivityDate: new Date(e.occurredAt).toISOString().slice(0, 10),
      }));
    const send = (records: ReadonlyArray<Record<string, unknown>>) =>
      saveSplittingOnCpuLimit(records, async (batch) =>
        saveResults.parse(
          await client.call(
            { endpoint: `PATCH /composite/sobjects/Task/${TASK_ENTRY_FIELD}`, safe: true },
            (conn) =>
              conn.sobject('Task').upsert([...batch] as never, TASK_ENTRY_FIELD, { allOrNone: false }),
          ),
        ),
      );
    try {
      let records = recordsWith(status);
      const results = await send(records);
      // The org's statuses changed since they were read: read them again (once) and resend those refused.
      const refused = results.flatMap((r, j) => (statusRefused(r) ? [j] : []));
      if (refused.length > 0 && !refreshed) {
        refreshed = true;
        const fresh = await closedStatus(true);
        if (fresh !== status) {
          status = fresh;
          records = recordsWith(status);
          const again = await send(refused.map((j) => records[j]!));
          refused.forEach((j, k) => {
            results[j] = again[k]!;
          });
        }
      }
      results.forEach((r, j) => {
        const entryId = chunk[j]!.id;
        const e = r.errors[0];
        if (r.success) written.push({ accountId: chunk[j]!.companyId, day: records[j]!.ActivityDate });
        outcomes.push(
          r.success
            ? { entryId, ok: true, via: 'task' }
            : {
                entryId,
                ok: false,
                via: null,
                error: failure(e?.statusCode ?? 'UNKNOWN', e?.message ?? 'failed'),
              },
        );
      });
    } catch (error) {
      const e = wholeCallFailure(error);
      for (const entry of chunk) outcomes.push({ entryId: entry.id, ok: false, via: null, error: e });
    }
  }
  await vigilTasks?.note(written);
  return outcomes;
}
