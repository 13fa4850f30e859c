import { z } from 'zod';

/**
 * Incremental reads by CRM search, planned as a pure function so the paging rules are
 * unit-tested without HubSpot. The search guide ("Limitations") caps a query at 10,000
 * results — asking for `after` ≥ 10,000 is a 400 — and pages at 200. So each page opens a
 * new time window instead of paging deeper: the query is `hs_lastmodifieddate >= from`
 * sorted ascending, and the next `from` is the stamp of the page's last record. Records
 * at exactly that stamp are read again (the `>=` overlap; upserts are idempotent), which
 * costs about one record a page — and, unlike deep offsets, a record modified while we
 * page (it jumps to the end of the order) can't shift an unread record behind the offset.
 *
 * Only when a whole page shares one stamp does the window page by offset within it; when
 * ≥ 10,000 records share one millisecond (a bulk job), the window is sliced by id instead:
 * `hs_lastmodifieddate = from AND hs_object_id > lastId`, sorted by id, then on to from + 1.
 */
export const searchWindowSchema = z.object({
  from: z.number().int(),
  offset: z.number().int().min(0),
  /** Set when slicing one crowded millisecond by id. */
  tieId: z.string().nullable(),
});
export type SearchWindow = z.output<typeof searchWindowSchema>;

export const STAMP_PROPERTY = 'hs_lastmodifieddate';
export const ID_PROPERTY = 'hs_object_id';

export interface SearchBody {
  filterGroups: Array<{ filters: Array<{ propertyName: string; operator: string; value?: string }> }>;
  /**
   * `{propertyName, direction}`, as HubSpot's search guide documents ("Sort search results").
   * The OpenAPI spec types the items as strings, but HubSpot ignores a string sort
   * (HubSpot/hubspot-api-nodejs#14, HubSpot/hubspot-api-ruby#257) and the windows below
   * depend on ascending order.
   */
  sorts: Array<{ propertyName: string; direction: 'ASCENDING' | 'DESCENDING' }>;
  properties: string[];
  limit: number;
  /** Required by the spec; "0" is the first page. */
  after: string;
}

export function firstWindow(since: number): SearchWindow {
  return { from: Math.floor(since), offset: 0, tieId: null };
}

export function searchBody(
  window: SearchWindow,
  properties: readonly string[],
  pageSize: number,
  extraFilters: SearchBody['filterGroups'][number]['filters'] = [],
  /** The time property the windows run on (notes: hs_timestamp). */
  stamp: string = STAMP_PROPERTY,
): SearchBody {
  const filters =
    window.tieId === null
      ? [{ propertyName: stamp, operator: 'GTE', value: String(window.from) }]
      : [
          { propertyName: stamp, operator: 'EQ', value: String(window.from) },
          { propertyName: ID_PROPERTY, operator: 'GT', value: window.tieId },
        ];
  return {
    filterGroups: [{ filters: [...filters, ...extraFilters] }],
    sorts: [{ propertyName: window.tieId === null ? stamp : ID_PROPERTY, direction: 'ASCENDING' }],
    properties: [...properties],
    limit: pageSize,
    after: String(window.offset),
  };
}

export interface PageSeen {
  /** The page's records in the order HubSpot returned them. */
  readonly records: ReadonlyArray<{ readonly id: string; readonly modifiedAt: number }>;
  /** Whether HubSpot offered a next page (`paging.next`). */
  readonly hasMore: boolean;
}

/** The window after `page`, or null when the read is done. */
export function nextWindow(
  window: SearchWindow,
  page: PageSeen,
  pageSize: number,
  maxResults: number,
): SearchWindow | null {
  const last = page.records.at(-1);
  if (window.tieId !== null) {
    if (!page.hasMore || last === undefined) return { from: window.from + 1, offset: 0, tieId: null };
    const offset = window.offset + page.records.length;
    return offset + pageSize <= maxResults
      ? { ...window, offset }
      : { from: window.from, offset: 0, tieId: last.id };
  }
  if (!page.hasMore || last === undefined) return null;
  if (last.modifiedAt > window.from) return { from: last.modifiedAt, offset: 0, tieId: null };
  const offset = window.offset + page.records.length;
  if (offset + pageSize <= maxResults) return { ...window, offset };
  // ≥ maxResults records share the millisecond `from`: slice it by id from the start.
  return { from: window.from, offset: 0, tieId: '0' };
}
