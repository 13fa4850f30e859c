import type { Client } from '@hubspot/api-client';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { CrmObjectType, CrmRecord, Page, Removal } from '../types.ts';
import type { HubSpotApi } from './api.ts';
import { HUBSPOT_LIMITS } from './limits.ts';
import { mergeRemovals, toCompanyAssociations, toCrmRecord, toRemoval } from './mappers.ts';
import { HUBSPOT_OBJECT } from './object-types.ts';
import {
  firstWindow,
  nextWindow,
  type SearchBody,
  STAMP_PROPERTY,
  searchBody,
  searchWindowSchema,
} from './search-plan.ts';

/**
 * Reads, page by page, each page one call (plus at most one association call).
 *
 * Read plan for a full sync of C companies, D deals and T tickets (list pages hold 100):
 * - A. list deals and tickets with `associations=companies`:
 *      ⌈C/100⌉ + ⌈D/100⌉ + ⌈T/100⌉ calls, 0 for associations;
 * - B. list without associations, then associations v4 batch reads per page:
 *      the same list calls + ⌈D/100⌉ + ⌈T/100⌉ (one per page, to keep pages
 *      self-contained for checkpoints) — or + ⌈D/1000⌉ + ⌈T/1000⌉ if ids were held
 *      back 1,000 at a time, which breaks the per-page checkpoint and bounded memory;
 * - C. list companies with `associations=deals,tickets` and batch-read deals and tickets
 *      by id: the same ⌈D/100⌉ + ⌈T/100⌉ reads again, and companies with many
 *      associations need extra association pages.
 * A is the cheapest (10,000 companies, 30,000 deals, 50,000 tickets: A 900 calls, B 1,700 or
 * 980, C 900 plus association pages), so readAll
 * uses it. Search results carry no associations, so readChanged adds one v4 batch read
 * per page of deals or tickets (≤ 200 ids, under the 1,000-input cap).
 */
const LIST_PAGE = HUBSPOT_LIMITS.listPageSize;
const SEARCH_PAGE = HUBSPOT_LIMITS.searchPageSize;

interface ListPage {
  results: unknown[];
  paging?: { next?: { after: string } | undefined } | undefined;
}

type ObjectApis = Client['crm']['companies'] | Client['crm']['deals'] | Client['crm']['tickets'];

function apisOf(client: Client, type: CrmObjectType): ObjectApis {
  return type === 'company' ? client.crm.companies : type === 'deal' ? client.crm.deals : client.crm.tickets;
}

export function listPage(
  api: HubSpotApi,
  type: CrmObjectType,
  properties: readonly string[],
  after: string | null,
  options: { associations: boolean; archived: boolean },
): Promise<ListPage> {
  const name = HUBSPOT_OBJECT[type];
  const spec = { endpoint: `GET /crm/v3/objects/${name}`, method: 'GET', safe: true } as const;
  return api
    .typed(spec, (client) =>
      apisOf(client, type).basicApi.getPageWithHttpInfo(
        LIST_PAGE,
        after ?? undefined,
        [...properties],
        undefined,
        options.associations ? ['companies'] : undefined,
        options.archived,
      ),
    )
    .then((r) => r.data as ListPage);
}

export async function readAll(
  api: HubSpotApi,
  type: CrmObjectType,
  properties: readonly string[],
  cursor: string | null,
): Promise<Page<CrmRecord>> {
  const page = await listPage(api, type, properties, cursor, {
    associations: type !== 'company',
    archived: false,
  });
  return { records: page.results.map((r) => toCrmRecord(type, r)), next: page.paging?.next?.after ?? null };
}

export async function search(
  api: HubSpotApi,
  type: CrmObjectType | 'note',
  body: SearchBody,
): Promise<ListPage> {
  const name = type === 'note' ? 'notes' : HUBSPOT_OBJECT[type];
  const spec = {
    endpoint: `POST /crm/v3/objects/${name}/search`,
    method: 'POST',
    safe: true,
    search: true,
  } as const;
  // The generated request type spells operators as its own enum; the JSON is the same.
  const request = body as never;
  const result = await api.typed(spec, (client) =>
    type === 'note'
      ? client.crm.objects.notes.searchApi.doSearchWithHttpInfo(request)
      : apisOf(client, type).searchApi.doSearchWithHttpInfo(request),
  );
  return result.data as ListPage;
}

/** Company ids of deals or tickets by associations v4 batch read (one call, ≤ 1,000 ids). */
export async function companiesOf(
  api: HubSpotApi,
  type: 'deal' | 'ticket',
  ids: readonly string[],
): Promise<Map<string, string[]>> {
  if (ids.length === 0) return new Map();
  const from = HUBSPOT_OBJECT[type];
  const spec = {
    endpoint: `POST /crm/v4/associations/${from}/companies/batch/read`,
    method: 'POST',
    safe: true,
  } as const;
  const result = await api.typed(spec, (client) =>
    client.crm.associations.v4.batchApi.getPageWithHttpInfo(from, 'companies', {
      inputs: ids.map((id) => ({ id })),
    }),
  );
  // A 207 lists inputs without associations as errors (NO_ASSOCIATIONS_FOUND): those have none.
  return toCompanyAssociations(type, (result.data as { results?: unknown[] }).results ?? []);
}

export async function readChanged(
  api: HubSpotApi,
  type: CrmObjectType,
  properties: readonly string[],
  since: number,
  cursor: string | null,
): Promise<Page<CrmRecord>> {
  const window = cursor === null ? firstWindow(since) : decodeCursor(searchWindowSchema, cursor, 'HubSpot');
  const names = [...new Set([...properties, STAMP_PROPERTY])];
  const page = await search(api, type, searchBody(window, names, SEARCH_PAGE));
  let records = page.results.map((r) => toCrmRecord(type, r));
  if (type !== 'company') {
    const companies = await companiesOf(
      api,
      type,
      records.map((r) => r.id),
    );
    records = records.map((r) => ({ ...r, companyIds: companies.get(r.id) ?? [] }));
  }
  const next = nextWindow(
    window,
    { records, hasMore: page.paging?.next?.after !== undefined },
    SEARCH_PAGE,
    HUBSPOT_LIMITS.searchMaxResults,
  );
  return { records, next: next === null ? null : encodeCursor(next) };
}

/**
 * Removals: first the archived list (`archived=true`: deleted records, kept 90 days; the
 * list has no time filter, so it is read whole), then the merges — survivors carry the
 * merged-away ids in `hs_merged_object_ids`, found by search (`HAS_PROPERTY`) from
 * `since` (a merge stamps its survivor's hs_lastmodifieddate), while the merged records
 * vanish from every list.
 */
const removedCursorSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('archived'), after: z.string().nullable(), since: z.number().optional() }),
  z.object({ phase: z.literal('merged'), window: searchWindowSchema }),
]);

export async function readRemoved(
  api: HubSpotApi,
  type: CrmObjectType,
  cursor: string | null,
  since = 0,
): Promise<Page<Removal>> {
  const state =
    cursor === null
      ? { phase: 'archived' as const, after: null, since }
      : decodeCursor(removedCursorSchema, cursor, 'HubSpot');
  if (state.phase === 'archived') {
    const page = await listPage(api, type, ['hs_lastmodifieddate'], state.after, {
      associations: false,
      archived: true,
    });
    const after = page.paging?.next?.after ?? null;
    const from = state.since ?? since;
    const next =
      after === null
        ? { phase: 'merged', window: firstWindow(from) }
        : { phase: 'archived', after, since: from };
    return { records: page.results.map((r) => toRemoval(type, r)), next: encodeCursor(next) };
  }
  const merged = [{ propertyName: 'hs_merged_object_ids', operator: 'HAS_PROPERTY' }];
  const body = searchBody(state.window, ['hs_merged_object_ids', STAMP_PROPERTY], SEARCH_PAGE, merged);
  const page = await search(api, type, body);
  const survivors = page.results.map((r) => toCrmRecord(type, r, []));
  const next = nextWindow(
    state.window,
    { records: survivors, hasMore: page.paging?.next?.after !== undefined },
    SEARCH_PAGE,
    HUBSPOT_LIMITS.searchMaxResults,
  );
  return {
    records: survivors.flatMap(mergeRemovals),
    next: next === null ? null : encodeCursor({ phase: 'merged', window: next }),
  };
}
