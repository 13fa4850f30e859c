import { z } from 'zod';
import type { TimelineEntry, TimelineOutcome, WriteError } from '../types.ts';
import type { HubSpotApi } from './api.ts';
import { isRetryableCategory } from './batch-outcomes.ts';
import { HubSpotCallError } from './call-error.ts';
import { HUBSPOT_LIMITS } from './limits.ts';
import { toEpochMs } from './mappers.ts';
import { NOTE_MARKER, noteBody, refsIn, safeRef } from './notes.ts';
import { TO_COMPANY_TYPE_IDS } from './object-types.ts';
import { search } from './reads.ts';
import { firstWindow, nextWindow, searchBody } from './search-plan.ts';
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
  const properties: Record<string, string | number> = { title: entry.title, body: entry.body };
  for (const [name, value] of Object.entries(entry.properties))
    if (DECLARED.has(name)) properties[name] = value;
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

/** Refs of the Vigil notes at or after `since` (their hs_timestamp), by marker search. */
async function writtenRefs(api: HubSpotApi, since: number): Promise<Set<string>> {
  const marker = [{ propertyName: 'hs_note_body', operator: 'CONTAINS_TOKEN', value: NOTE_MARKER }];
  const refs = new Set<string>();
  let window = firstWindow(since);
  for (;;) {
    const body = searchBody(window, ['hs_note_body', 'hs_timestamp'], 200, marker, 'hs_timestamp');
    const page = await search(api, 'note', body);
    const results = page.results as Array<{ id: string; properties?: Record<string, string | null> }>;
    for (const ref of refsIn(results.map((r) => r.properties?.['hs_note_body']))) refs.add(ref);
    const seen = results.map((r) => ({
      id: String(r.id),
      modifiedAt: toEpochMs(r.properties?.['hs_timestamp']) ?? 0,
    }));
    const next = nextWindow(
      window,
      { records: seen, hasMore: page.paging?.next?.after !== undefined },
      200,
      HUBSPOT_LIMITS.searchMaxResults,
    );
    if (next === null) return refs;
    window = next;
  }
}

export async function sendNotes(
  api: HubSpotApi,
  entries: readonly TimelineEntry[],
): Promise<TimelineOutcome[]> {
  if (entries.length === 0) return [];
  const since = Math.min(...entries.map((e) => e.occurredAt));
  const done = await writtenRefs(api, since);
  const todo = entries.filter((e) => !done.has(safeRef(e.id)));
  const outcome = new Map<string, TimelineOutcome>();
  for (const e of entries)
    if (done.has(safeRef(e.id))) outcome.set(e.id, { entryId: e.id, ok: true, via: 'note' });
  if (todo.length > 0) {
    // A create is not repeated after a 5xx or timeout (it may have happened); the next
    // attempt's marker search finds it if it did.
    const spec = {
      endpoint: 'POST /crm/v3/objects/notes/batch/create',
      method: 'POST',
      safe: false,
    } as const;
    const inputs = todo.map((e) => ({
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
    try {
      await api.typed(spec, (c) => c.crm.objects.notes.batchApi.createWithHttpInfo({ inputs } as never));
      for (const e of todo) outcome.set(e.id, { entryId: e.id, ok: true, via: 'note' });
    } catch (error) {
      if (!(error instanceof HubSpotCallError)) throw error;
      for (const e of todo) outcome.set(e.id, failed(e.id, 'note', errorOf(error)));
    }
  }
  return entries.map(
    (e) =>
      outcome.get(e.id) ?? failed(e.id, 'note', { code: 'UNKNOWN', message: 'not sent', retryable: true }),
  );
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
