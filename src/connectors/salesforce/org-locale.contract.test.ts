import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../../sandbox/salesforce/server.ts';
import type { OrgState } from '../../sandbox/salesforce/state/org.ts';
import { sandboxConnector } from './testing/sandbox-connector.ts';

// The org's corporate currency and time zone through real jsforce:
// - single-currency orgs: Organization.DefaultCurrencyIsoCode; CurrencyType does not exist there
//   ("This object is not available in single-currency organizations", CurrencyType, Object Reference);
// - multi-currency orgs: the CurrencyType with IsCorporate = true (DefaultCurrencyIsoCode is
//   "Applicable only when organizationMultiCurrency is false", GetUserInfoResult, SOAP API);
// - the time zone: Organization.TimeZoneSidKey.

const NOW = Date.UTC(2026, 5, 10, 12);
let sandbox: RunningSalesforceSandbox;
let orgs: OrgState[];

beforeAll(async () => {
  sandbox = await startSalesforceSandbox({
    now: () => NOW,
    orgs: [
      { size: 'tiny', seed: 5 },
      { size: 'tiny', seed: 5, currency: 'JPY' },
      { size: 'tiny', seed: 5, currency: 'JPY', multiCurrency: true },
      { size: 'tiny', seed: 5, currency: 'EUR', multiCurrency: true },
    ],
  });
  orgs = [...sandbox.context.orgs.values()].map((e) => e.org);
});
afterAll(async () => sandbox.close());

const connect = (i: number) => sandboxConnector(sandbox, { username: orgs[i]!.username });

async function soql(i: number, query: string): Promise<{ status: number; body: unknown }> {
  const { tokens } = await connect(i);
  const res = await fetch(`${sandbox.baseUrl}/services/data/v64.0/query?q=${encodeURIComponent(query)}`, {
    headers: { authorization: `Bearer ${tokens.current.accessToken}` },
  });
  return { status: res.status, body: await res.json() };
}

describe('Salesforce org currency and time zone', () => {
  it('sandbox: a single-currency org has no CurrencyType; a multi-currency org has no DefaultCurrencyIsoCode', async () => {
    const single = await soql(0, 'SELECT IsoCode FROM CurrencyType');
    expect(single.status).toBe(400);
    expect(single.body).toEqual([expect.objectContaining({ errorCode: 'INVALID_TYPE' })]);
    const organization = await soql(0, 'SELECT DefaultCurrencyIsoCode, TimeZoneSidKey FROM Organization');
    expect(organization.body).toMatchObject({
      totalSize: 1,
      records: [{ DefaultCurrencyIsoCode: 'USD', TimeZoneSidKey: 'America/Los_Angeles' }],
    });

    const multi = await soql(2, 'SELECT IsoCode, IsCorporate, ConversionRate FROM CurrencyType');
    expect(multi.status).toBe(200);
    const types = (multi.body as { records: Array<{ IsoCode: string; IsCorporate: boolean }> }).records;
    expect(types.filter((t) => t.IsCorporate).map((t) => t.IsoCode)).toEqual(['JPY']);
    expect(types.length).toBeGreaterThan(1);
    const noDefault = await soql(2, 'SELECT DefaultCurrencyIsoCode FROM Organization');
    expect(noDefault.status).toBe(400);
    expect(noDefault.body).toEqual([expect.objectContaining({ errorCode: 'INVALID_FIELD' })]);
  });

  it('reads USD and the org time zone from a single-currency US org', async () => {
    const { connector } = await connect(0);
    await expect(connector.accountDetails!()).resolves.toMatchObject({
      companyCurrency: 'USD',
      timeZone: 'America/Los_Angeles',
      multiCurrency: false,
    });
  });

  it('reads JPY and Asia/Tokyo from a Japanese org, single- or multi-currency', async () => {
    const single = await connect(1);
    await expect(single.connector.accountDetails!()).resolves.toMatchObject({
      companyCurrency: 'JPY',
      timeZone: 'Asia/Tokyo',
      multiCurrency: false,
    });
    const multi = await connect(2);
    await expect(multi.connector.accountDetails!()).resolves.toMatchObject({
      companyCurrency: 'JPY',
      timeZone: 'Asia/Tokyo',
      multiCurrency: true,
    });
    // Two reads: CurrencyType (the rates the sync's currency conversion keeps a day), then Organization.
    expect(multi.connector.callStats().byEndpoint['GET /services/data/vXX.X/query']).toBe(2);
    // Kept a day, like the describe: the next full sync's locale costs nothing.
    const before = multi.connector.callStats().calls;
    await expect(multi.connector.accountDetails!()).resolves.toMatchObject({ companyCurrency: 'JPY' });
    expect(multi.connector.callStats().calls - before).toBe(0);
  });

  it('costs one query (Organization) when the sync has read the currency rates already', async () => {
    const { connector } = await connect(2);
    await connector.readAll('company', ['Name'], null);
    const before = connector.callStats().byEndpoint['GET /services/data/vXX.X/query'] ?? 0;
    await connector.accountDetails!();
    expect((connector.callStats().byEndpoint['GET /services/data/vXX.X/query'] ?? 0) - before).toBe(1);
  });

  it('follows a change of corporate currency in a multi-currency org within a day', async () => {
    const org = orgs[3]!;
    let now = NOW;
    const { connector } = await sandboxConnector(sandbox, {
      username: org.username,
      clock: { now: () => now },
    });
    await expect(connector.accountDetails!()).resolves.toMatchObject({ companyCurrency: 'EUR' });
    for (const row of org.scan('CurrencyType')) row.values['IsCorporate'] = row.values['IsoCode'] === 'USD';
    now += 24 * 60 * 60_000;
    await expect(connector.accountDetails!()).resolves.toMatchObject({ companyCurrency: 'USD' });
  });

  it('refuses a time zone it cannot format, naming the field', async () => {
    const org = orgs[1]!;
    const record = org.get('Organization', org.orgId)!;
    const before = record.values['TimeZoneSidKey'] ?? null;
    record.values['TimeZoneSidKey'] = 'Mars/Olympus_Mons';
    try {
      const { connector } = await connect(1);
      await expect(connector.accountDetails!()).rejects.toThrow(/TimeZoneSidKey = "Mars\/Olympus_Mons"/);
    } finally {
      record.values['TimeZoneSidKey'] = before;
    }
  });

  it('control API: seeds a yen org on request, keeps its currency on reset, and names a bad currency', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${sandbox.baseUrl}/__sandbox${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const created = await post('/orgs', { size: 'tiny', seed: 5, currency: 'JPY', multiCurrency: true });
    expect(created.status).toBe(201);
    const { orgId } = (await created.json()) as { orgId: string };
    const reset = (await (await post(`/orgs/${orgId}/reset`, {})).json()) as { orgId: string };
    const org = sandbox.context.orgs.get(reset.orgId)!.org;
    expect(org.multiCurrency).toBe(true);
    expect([...org.scan('CurrencyType')].find((c) => c.values['IsCorporate'])?.values['IsoCode']).toBe('JPY');
    const bad = await post('/orgs', { currency: 'XYZ' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'currency must be one of USD, EUR, JPY, got XYZ' });
  });

  it('seeds a yen org with yen-sized amounts: the same book, a hundred times the numbers', () => {
    const amounts = (org: OrgState) =>
      [...org.scan('Opportunity')]
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((o) => o.values['Amount'])
        .filter((a): a is number => typeof a === 'number' && a > 0);
    const usd = amounts(orgs[0]!);
    const jpy = amounts(orgs[1]!);
    expect(usd.length).toBeGreaterThan(0);
    expect(jpy).toEqual(usd.map((a) => a * 100));
    // A ¥30,000-a-month plan, not $300 relabelled.
    expect(Math.min(...jpy)).toBeGreaterThanOrEqual(10_000);
  });
});
