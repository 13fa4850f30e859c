import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../sandbox/hubspot/server.ts';
import { createHubSpotConnector } from './connector.ts';
import { LimiterRegistry } from './limiter-registry.ts';

// The portal's company currency and time zone, read with the real client from the sandbox's
// GET /account-info/v3/details (HubSpot API reference, "Retrieve account details": portalId,
// accountType, timeZone, companyCurrency, additionalCurrencies, utcOffset,
// utcOffsetMilliseconds, uiDomain and dataHostingLocation are all required in the response).

const NOW = Date.UTC(2026, 0, 15);
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({
    now: () => NOW,
    portals: [
      { size: 40, seed: 3, portalId: 111 },
      { size: 40, seed: 3, portalId: 222, currency: 'JPY' },
    ],
  });
});
afterAll(async () => sandbox.close());

function connectorFor(index: number) {
  const p = sandbox.portals[index]!;
  return createHubSpotConnector({
    installId: `install-${p.portalId}`,
    accountId: String(p.portalId),
    basePath: sandbox.baseUrl,
    auth: { kind: 'private', token: p.privateAppToken },
    registry: new LimiterRegistry(),
  });
}

async function details(index: number): Promise<Record<string, unknown>> {
  const p = sandbox.portals[index]!;
  const res = await fetch(`${sandbox.baseUrl}/account-info/v3/details`, {
    headers: { authorization: `Bearer ${p.privateAppToken}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe('HubSpot account details', () => {
  it('answers with every field HubSpot documents as required', async () => {
    const body = await details(1);
    expect(Object.keys(body).sort()).toEqual(
      [
        'accountType',
        'additionalCurrencies',
        'companyCurrency',
        'dataHostingLocation',
        'portalId',
        'timeZone',
        'uiDomain',
        'utcOffset',
        'utcOffsetMilliseconds',
      ].sort(),
    );
    expect(body).toMatchObject({ portalId: 222, companyCurrency: 'JPY', timeZone: 'Asia/Tokyo' });
    expect(body).toMatchObject({ utcOffset: '+09:00', utcOffsetMilliseconds: 9 * 3_600_000 });
  });

  it('refuses a caller without a token, as HubSpot does', async () => {
    const res = await fetch(`${sandbox.baseUrl}/account-info/v3/details`);
    expect(res.status).toBe(401);
  });

  it('is read by the connector: USD for a default portal, JPY for a yen portal', async () => {
    await expect(connectorFor(0).accountDetails!()).resolves.toMatchObject({
      companyCurrency: 'USD',
      timeZone: 'US/Eastern',
    });
    await expect(connectorFor(1).accountDetails!()).resolves.toMatchObject({
      companyCurrency: 'JPY',
      timeZone: 'Asia/Tokyo',
    });
  });

  it('seeds a yen portal with yen-sized amounts (the same book, a hundred times the numbers)', async () => {
    const amounts = (index: number) =>
      [...sandbox.sandbox.portals.get(sandbox.portals[index]!.portalId)!.objects.deals.scan()]
        .map((d) => Number(d.properties['amount']))
        .filter((a) => Number.isFinite(a) && a > 0);
    const usd = amounts(0);
    const jpy = amounts(1);
    expect(jpy).toHaveLength(usd.length);
    expect(jpy).toEqual(usd.map((a) => a * 100));
    // A yen book: plans in the tens of thousands of yen a month, not dollars relabelled.
    expect(Math.min(...jpy)).toBeGreaterThanOrEqual(10_000);
  });
});
