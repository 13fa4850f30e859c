import { z } from 'zod';
import type { TimelineEntry, TimelineOutcome, WriteError } from '../types.ts';
import type { HubSpotApi } from './api.ts';
import { isRetryableCategory } from './batch-outcomes.ts';
import { HubSpotCallError } from './call-error.ts';
import { noteBody, refsIn, safeRef } from './notes.ts';
import { TO_COMPANY_TYPE_IDS } from './object-types.ts';
import { VIGIL_APP_EVENT_TYPE } from './vigil-properties.ts';

/**
 * Timeline entries: HubSpot app events where the account has them (developer platform
 * "App events": `POST /integrators/timeline/v4/events/batch`, immutable occurrences keyed
 * by our entry id — a repeat is refused with 409, which means "already there"), else
 * Notes on the company (notes.ts). A 403/404 from the app-events endpoint switches the
 * connector to Notes for the rest of its life.
 */
const APP_EVENTS = '/integrators/timeline/v4/events/batch';
const DECLARED: ReadonlySet<string> = new Set(VIGIL_APP_EVENT_TYPE.properties.map((p) => p.name));

export function toAppEvent(entry: TimelineEntry) {
  // Property values travel as strings: HubSpot's generated SDK (hubspot-sdk-typescript) types
  // an occurrence's `properties` as a map of strings, numbers included.
  const properties: Record<string, string> = { title: entry.title, body: entry.body };
  for (const [name, value] of Object.entries(entry.properties))
    if (DECLARED.has(name)) properties[name] = String(value);
  return {
    eventTypeName: VIGIL_APP_EVENT_TYPE.name,
    objectId: entry.companyId,
    id: entry.id,
    timestamp: new Date(entry.occurredAt).toISOString(),
    properties,
  };
}

const batchErrorsSchema = z.object({
  errors: z
    .array(
      z.object({
        category: z.string().nullish(),
        message: z.string().nullish(),
        context: z.record(z.string(), z.array(z.string()).nullish()).nullish(),
      }),
    )
    .nullish(),
});

/**
 * Whether the account takes app events, by an empty batch: 2xx = yes, 403/404 (no
 * `timeline` scope, not approved, not in this account) = no. Anything else (an empty batch
 * may well be a 400) proves nothing: 'unknown', and the first real send decides.
 */
export async function probeAppEvents(api: HubSpotApi): Promise<'available' | 'unavailable' | 'unknown'> {
  const spec = { endpoint: `POST ${APP_EVENTS}`, method: 'POST', safe: true } as const;
  try {
    await api.raw(spec, APP_EVENTS, { inputs: [] });
    return 'available';
  } catch (error) {
    if (!(error instanceof HubSpotCallError)) throw error;
    return error.status === 403 || error.status === 404 ? 'unavailable' : 'unknown';
  }
}

/** 'unavailable' = the account has no app events: fall back to Notes. */
export async function sendAppEvents(
  api: HubSpotApi,
  entries: readonly TimelineEntry[],
): Promise<TimelineOutcome[] | 'unavailable'> {
  const spec = { endpoint: `POST ${APP_EVENTS}`, method: 'POST', safe: true } as const;
  let body: unknown;
  try {
    body = (await api.raw(spec, APP_EVENTS, { inputs: entries.map(toAppEvent) })).data;
  } catch (error) {
    if (!(error instanceof HubSpotCallError)) throw error;
    if (error.status === 403 || error.status === 404) return 'unavailable';
    return entries.map((e) => failed(e.id, 'app_event', errorOf(error)));
  }
  const errors = new Map<string, WriteError>();
  for (const e of batchErrorsSchema.parse(body ?? {}).errors ?? []) {
    const code = e.category ?? 'UNKNOWN';
    for (const id of e.context?.['id'] ?? e.context?.['ids'] ?? [])
      errors.set(id, { code, message: e.message ?? code, retryable: isRetryableCategory(code) });
  }
  return entries.map((entry): TimelineOutcome => {
    const error = errors.get(entry.id);
    // CONFLICT: an occurrence with this id exists — written by an earlier attempt.
    if (!error || error.code === 'CONFLICT') return { entryId: entry.id, ok: true, via: 'app_event' };
    return failed(entry.id, 'app_event', error);
  });
}

const createdNotesSchema = z.object({
  results: z.array(
    z.object({ id: z.string(), properties: z.record(z.string(), z.string().nullish()).nullish() }),
  ),
});

/**
 * Notes on the company, one per entry, in one batch create with the company association
 * inline. Idempotency lives in Vigil's store, not in a CRM search: the outbox records each
 * entry's note id (`externalId`) with its "sent" mark and never offers a sent entry again.
 * (A search for notes already written would need `crm.objects.contacts.read`, a scope the
 * app does not ask for — 424-v3-notes.json lists only it on `POST …/notes/search`.) The
 * marker in the body maps the created notes back to their entries.
 */
export async function sendNotes(
  api: HubSpotApi,
  entries: readonly TimelineEntry[],
): Promise<TimelineOutcome[]> {
  if (entries.length === 0) return [];
  const spec = {
    endpoint: 'POST /crm/v3/objects/notes/batch/create',
    method: 'POST',
    safe: false,
  } as const;
  const inputs = entries.map((e) => ({
    properties: { hs_note_body: noteBody(e), hs_timestamp: new Date(e.occurredAt).toISOString() },
    associations: [
      {
        to: { id: e.companyId },
        types: [
          { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: TO_COMPANY_TYPE_IDS.note.unlabeled },
        ],
      },
    ],
  }));
  let created: z.infer<typeof createdNotesSchema>;
  try {
    // Not repeated on a 5xx or timeout inside this call (it may have happened).
    const res = await api.typed(spec, (c) =>
      c.crm.objects.notes.batchApi.createWithHttpInfo({ inputs } as never),
    );
    created = createdNotesSchema.parse(JSON.parse(JSON.stringify(res.data ?? {})));
  } catch (error) {
    if (!(error instanceof HubSpotCallError)) throw error;
    return entries.map((e) => failed(e.id, 'note', errorOf(error)));
  }
  const noteIdByRef = new Map<string, string>();
  for (const r of created.results)
    for (const ref of refsIn([r.properties?.['hs_note_body']])) noteIdByRef.set(ref, r.id);
  return entries.map((e): TimelineOutcome => {
    const externalId = noteIdByRef.get(safeRef(e.id));
    return externalId === undefined
      ? { entryId: e.id, ok: true, via: 'note' }
      : { entryId: e.id, ok: true, via: 'note', externalId };
  });
}

function errorOf(error: HubSpotCallError): WriteError {
  const code =
    error.category ?? (error.status === null ? (error.errorCode ?? 'NETWORK') : `HTTP_${error.status}`);
  return {
    code,
    message: error.message,
    retryable: error.status === null || error.status >= 500 || isRetryableCategory(code),
  };
}

function failed(entryId: string, via: TimelineOutcome['via'], error: WriteError): TimelineOutcome {
  return { entryId, ok: false, via, error };
}
