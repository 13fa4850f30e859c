import express from 'express';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHubSpotConnector } from '../../src/connectors/hubspot/connector.ts';
import { LimiterRegistry } from '../../src/connectors/hubspot/limiter-registry.ts';
import { defaultScoringConfig } from '../../src/domain/config/parse.ts';
import { listen, type RunningHttp } from '../../src/http/server.ts';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/hubspot/server.ts';
import { sandboxWebhookSettings, subscribedProperties } from './subscriptions.ts';

/**
 * Issue 14, point 11, measured: webhook property subscriptions are app-wide (the project's
 * webhooks-hsmeta.json, built from the default mapping), so a portal whose mapping points a
 * signal at another property gets no event when that property changes. The incremental
 * sync's `hs_lastmodifieddate` search is what picks the change up: within one incremental
 * interval (15 minutes by default) instead of seconds.
 */
let sb: RunningSandbox;
let http: RunningHttp;
const delivered: Array<{ propertyName?: string; objectId: number }> = [];

beforeAll(async () => {
  sb = await startSandbox({ port: 0, portals: [{ size: 'tiny', seed: 14 }] });
  const app = express();
  app.post('/webhooks/hubspot', express.json(), (req, res) => {
    delivered.push(...(req.body as typeof delivered));
    res.status(200).end();
  });
  http = await listen(app, 0);
  const settings = sandboxWebhookSettings(`${http.url}/webhooks/hubspot`, defaultScoringConfig().mapping, {
    batchWindowMs: 50,
  });
  const put = await fetch(`${sb.baseUrl}/__sandbox/webhooks`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(settings),
  });
  expect(put.status).toBe(200);
});
afterAll(async () => {
  await http?.close();
  await sb?.close();
});

it('sends no webhook for a property only one portal maps, and the next incremental read has the change', async () => {
  const portal = sb.portals[0]!;
  const token = portal.privateAppToken;
  // This portal reads usage from `numberofemployees`; the app-wide subscriptions do not name it.
  const custom = 'numberofemployees';
  const base = defaultScoringConfig().mapping;
  const mapping = { ...base, company: { ...base.company, usageLast30d: custom } };
  expect(subscribedProperties('company', mapping)).toContain(custom);
  const appWide = subscribedProperties('company', defaultScoringConfig().mapping);
  expect(appWide).not.toContain(custom);
  const control = base.company.usageLast30d!; // numeric, subscribed app-wide

  const list = (await (
    await fetch(`${sb.baseUrl}/crm/v3/objects/companies?limit=2`, {
      headers: { authorization: `Bearer ${token}` },
    })
  ).json()) as { results: Array<{ id: string }> };
  const [changed, other] = list.results.map((r) => r.id);
  const patch = (id: string, properties: Record<string, string>) =>
    fetch(`${sb.baseUrl}/crm/v3/objects/companies/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ properties }),
    });
  const since = Date.now() - 1_000;
  const changedAt = Date.now();
  expect((await patch(changed!, { [custom]: '4321' })).status).toBe(200);
  // A subscribed property changed at the same time shows the deliveries do flow.
  expect((await patch(other!, { [control]: '7' })).status).toBe(200);
  const end = Date.now() + 10_000;
  while (!delivered.some((e) => e.propertyName === control) && Date.now() < end)
    await new Promise((r) => setTimeout(r, 50));
  expect(delivered.some((e) => e.propertyName === control)).toBe(true);
  await new Promise((r) => setTimeout(r, 300)); // a later batch would have arrived by now
  expect(delivered.filter((e) => e.propertyName === custom)).toEqual([]);

  // The incremental sync's read (the same connector call runSync makes) picks it up.
  const connector = createHubSpotConnector({
    installId: 'gap',
    accountId: String(portal.portalId),
    basePath: sb.baseUrl,
    auth: { kind: 'private', token },
    registry: new LimiterRegistry(),
  });
  const page = await connector.readChanged('company', [custom], since, null);
  const found = page.records.find((r) => r.id === changed);
  expect(found?.properties[custom]).toBe('4321');
  // The figure: seen by the first incremental read after the change, i.e. within one
  // incremental interval; here the read itself took this long after the change.
  expect(Date.now() - changedAt).toBeLessThan(15 * 60_000);
});
