import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRequest, validateResponse } from '../../../../test/support/openapi.ts';
import { type RunningSandbox, startSandbox } from '../server.ts';

// CRM search against the real client and the specs: filters, one sort, paging, `total`, and the
// limits HubSpot enforces (filter counts, 200 a page, 10,000 results a query).

let sb: RunningSandbox;
let token: string;
let client: Client;

async function search(type: string, body: Record<string, unknown>) {
  const r = await fetch(`${sb.baseUrl}/crm/v3/objects/${type}/search`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  sb = await startSandbox({ portals: [{ size: 'tiny', seed: 5 }], limits: false });
  token = sb.portals[0]!.privateAppToken;
  client = new Client({ accessToken: token, basePath: sb.baseUrl });
});
afterAll(() => sb.close());

describe('CRM search', () => {
  it('filters, sorts and counts like the store says, through the client', async () => {
    const portal = sb.sandbox.portals.get(sb.portals[0]!.portalId)!;
    const won = [...portal.objects.deals.scan()].filter((d) => d.properties['dealstage'] === 'closedwon');
    const request = {
      filterGroups: [
        { filters: [{ propertyName: 'dealstage', operator: 'EQ' as never, value: 'closedwon' }] },
      ],
      // @hubspot/api-client types sorts as strings (from the spec); HubSpot takes the object form.
      sorts: [{ propertyName: 'amount', direction: 'DESCENDING' }] as unknown as string[],
      properties: ['amount', 'dealstage'],
      limit: 5,
      after: '0',
    };
    expect(validateRequest('424-v3-deals.json', 'post', '/crm/v3/objects/0-3/search', request)).toEqual([]);
    const page = await client.crm.deals.searchApi.doSearch(request);
    expect(page.total).toBe(won.length);
    const amounts = page.results.map((d) => Number(d.properties['amount']));
    const expected = won
      .map((d) => Number(d.properties['amount']))
      .filter((n) => Number.isFinite(n))
      .sort((a, b) => b - a)
      .slice(0, 5);
    expect(amounts).toEqual(expected);
    const raw = await search('deals', request);
    expect(
      validateResponse('424-v3-deals.json', 'post', '/crm/v3/objects/0-3/search', 200, raw.body),
    ).toEqual([]);
  });

  it('ignores a bare-string sort, as HubSpot does, and sorts by the documented object form', async () => {
    const body = (sorts: unknown[]) => ({
      filterGroups: [],
      sorts,
      properties: ['name'],
      limit: 100,
      after: '0',
    });
    const ids = async (sorts: unknown[]) =>
      ((await search('companies', body(sorts))).body as { results: Array<{ id: string }> }).results.map(
        (r) => r.id,
      );
    const unsorted = await ids([]);
    const byName = await ids([{ propertyName: 'name', direction: 'DESCENDING' }]);
    expect(byName).not.toEqual(unsorted);
    expect(await ids(['-name'])).toEqual(unsorted);
    expect(await ids(['name'])).toEqual(unsorted);
  });

  it('pages with `after` offsets until no `next` is left', async () => {
    const since = Date.UTC(2000, 0, 1);
    const filterGroups = [
      { filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: String(since) }] },
    ];
    const ids: string[] = [];
    let after: string | undefined = '0';
    let total = 0;
    while (after !== undefined) {
      const { body } = await search('tickets', {
        filterGroups,
        sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }],
        limit: 200,
        after,
      });
      total = body['total'] as number;
      const results = body['results'] as Array<{ id: string; properties: { hs_lastmodifieddate: string } }>;
      ids.push(...results.map((r) => r.id));
      after = (body['paging'] as { next?: { after: string } } | undefined)?.next?.after;
    }
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
  });

  it('refuses paging past 10,000 results with a 400, while `total` still counts them all', async () => {
    const portal = sb.sandbox.portals.get(sb.portals[0]!.portalId)!;
    for (let i = 0; i < 10_050; i++)
      portal.create('notes', { hs_note_body: `n${i}` }, { changeSource: 'IMPORT' });
    const last = await search('notes', { filterGroups: [], limit: 200, after: '9900' });
    expect(last.status).toBe(200);
    expect(last.body['total']).toBe(10_050);
    expect((last.body['results'] as unknown[]).length).toBe(100);
    const next = (last.body['paging'] as { next: { after: string } }).next.after;
    expect(next).toBe('10000');
    const past = await search('notes', { filterGroups: [], limit: 200, after: next });
    expect(past.status).toBe(400);
    expect(past.body).toMatchObject({ category: 'VALIDATION_ERROR', errors: [{ in: 'after' }] });
    expect(
      validateResponse('424-v3-notes.json', 'post', '/crm/v3/objects/notes/search', 400, past.body),
    ).toEqual([]);
  });

  it('refuses too many groups or filters, a page over 200 and two sorts', async () => {
    const f = { propertyName: 'name', operator: 'HAS_PROPERTY' };
    const groups = (
      await search('companies', { filterGroups: Array.from({ length: 6 }, () => ({ filters: [f] })) })
    ).body;
    expect(groups).toMatchObject({ category: 'VALIDATION_ERROR', errors: [{ in: 'filterGroups' }] });
    const perGroup = await search('companies', {
      filterGroups: [{ filters: Array.from({ length: 7 }, () => f) }],
    });
    expect(perGroup.status).toBe(400);
    const total = await search('companies', {
      filterGroups: Array.from({ length: 4 }, () => ({ filters: Array.from({ length: 5 }, () => f) })),
    });
    expect(total.status).toBe(400);
    expect((await search('companies', { limit: 201 })).body).toMatchObject({ errors: [{ in: 'limit' }] });
    expect((await search('companies', { sorts: ['name', '-domain'] })).status).toBe(400);
    expect(
      (
        await search('companies', {
          filterGroups: [{ filters: [{ propertyName: 'nope', operator: 'EQ', value: '1' }] }],
        })
      ).status,
    ).toBe(400);
  });

  it('finds by free-text query in the default searchable properties', async () => {
    const made = await client.crm.companies.basicApi.create({
      properties: { name: 'Zyxwv Analytics' },
      associations: [],
    });
    const found = await client.crm.companies.searchApi.doSearch({
      query: 'zyxw',
      filterGroups: [],
      sorts: [],
      properties: ['name'],
      limit: 10,
      after: '0',
    });
    expect(found.results.map((r) => r.id)).toEqual([made.id]);
  });
});
