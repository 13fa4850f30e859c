import { z } from 'zod';
import type { HubSpotApi } from './api.ts';

/**
 * The portal's owners by id, from `GET /crm/v3/owners` (Owners API v3, scope
 * crm.objects.owners.read; pages of at most 500 with `paging.next.after`). Records carry
 * `hubspot_owner_id`; people read names. An owner without a name shows its email.
 */
export interface HubSpotOwner {
  id: string;
  name: string;
  email: string | null;
}

const pageSchema = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      email: z.string().nullish(),
      firstName: z.string().nullish(),
      lastName: z.string().nullish(),
    }),
  ),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

const PAGE_LIMIT = 500;
/** A portal has at most a few thousand users; stop rather than loop on a cursor that never ends. */
const MAX_PAGES = 40;

export async function readOwners(api: HubSpotApi, locale: 'en' | 'ja' = 'en'): Promise<HubSpotOwner[]> {
  const out: HubSpotOwner[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = `limit=${PAGE_LIMIT}${after === undefined ? '' : `&after=${encodeURIComponent(after)}`}`;
    const r = await api.raw(
      { endpoint: 'GET /crm/v3/owners', method: 'GET', safe: true },
      `/crm/v3/owners?${query}`,
    );
    const parsed = pageSchema.safeParse(r.data);
    if (!parsed.success) {
      throw new Error(`HubSpot owners (GET /crm/v3/owners) are not as documented: ${parsed.error.message}`);
    }
    for (const o of parsed.data.results) {
      out.push({
        id: o.id,
        name: ownerName(o.firstName, o.lastName, o.email, locale) ?? o.id,
        email: o.email ?? null,
      });
    }
    after = parsed.data.paging?.next?.after;
    if (after === undefined) break;
  }
  return out;
}

/** "Hanako Sato"; Japanese names family name first ("佐藤 花子"); the email when nameless. */
export function ownerName(
  first: string | null | undefined,
  last: string | null | undefined,
  email: string | null | undefined,
  locale: 'en' | 'ja' = 'en',
): string | null {
  const f = first?.trim() ?? '';
  const l = last?.trim() ?? '';
  const familyFirst = locale === 'ja' || /[\u3040-\u30ff\u4e00-\u9fff]/.test(f + l);
  const name = (familyFirst ? [l, f] : [f, l]).filter((s) => s !== '').join(' ');
  if (name !== '') return name;
  return email?.trim() || null;
}
