import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorFactory } from '../../src/cli/commands/runtime/connectors.ts';
import { linkedView, linkInstalls } from '../../src/cli/commands/runtime/crm-choice.ts';
import { connectPrivateApp } from '../../src/cli/commands/runtime/installs.ts';
import { connectSalesforceOrg } from '../../src/cli/commands/runtime/salesforce.ts';
import { parseEnv } from '../../src/config/env.ts';
import type { CrmConnector } from '../../src/connectors/types.ts';
import { crossCrmStoreOf, type InstallLink, type MatchPair } from '../../src/cross-crm/index.ts';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/hubspot/server.ts';
import {
  connectSandboxOrg,
  type RunningSalesforceSandbox,
  startSalesforceSandbox,
} from '../../src/sandbox/salesforce/server.ts';
import { openStore, type Store, silentLogger } from '../../src/store/index.ts';
import { runSync, type SyncRequest } from '../../src/sync/engine.ts';

// A customer running both CRMs, end to end with the real HubSpot client and jsforce: a HubSpot
// portal and a Salesforce org seeded from the same seed (the same customers, linked by HubSpot's
// `salesforceaccountid` or the website), both installs synced through the cross-CRM view → every
// matched customer carries the same health, risk and tier on both sides, read back through each
// sandbox's API → urgent HubSpot tickets on one customer move its score on BOTH sides after the
// next incremental sync of each.

const SEED = 11;
const logger = pino({ level: 'silent' });
const syncLogger = { info() {}, warn() {}, error() {} };
const clock = { now: () => Date.now() };

let hubspot: RunningSandbox;
let salesforce: RunningSalesforceSandbox;
let store: Store;
let dir: string;
let hsInstall: string;
let sfInstall: string;
let link: InstallLink;
let connectors: Map<string, CrmConnector>;
let sfToken: string;

const sync = (request: SyncRequest) =>
  runSync(
    {
      store: linkedView(store).store,
      connector: connectors.get(request.installId)!,
      clock,
      logger: syncLogger,
    },
    request,
  );

async function hubspotCompany(id: string): Promise<Record<string, string | null>> {
  const props = ['vigil_health_score', 'vigil_churn_risk', 'vigil_touch_tier', 'vigil_churn_risk_level'];
  const r = await fetch(`${hubspot.baseUrl}/crm/v3/objects/companies/${id}?properties=${props.join(',')}`, {
    headers: { authorization: `Bearer ${hubspot.portals[0]!.privateAppToken}` },
  });
  expect(r.status).toBe(200);
  return ((await r.json()) as { properties: Record<string, string | null> }).properties;
}

async function salesforceAccount(id: string): Promise<Record<string, unknown>> {
  const r = await fetch(`${salesforce.baseUrl}/services/data/v64.0/sobjects/Account/${id}`, {
    headers: { authorization: `Bearer ${sfToken}` },
  });
  expect(r.status).toBe(200);
  return (await r.json()) as Record<string, unknown>;
}

/** The values both CRMs show for one customer, side by side. */
async function bothSides(pair: MatchPair) {
  const hs = await hubspotCompany(pair.companyId);
  const sf = await salesforceAccount(pair.accountId);
  const num = (v: unknown) => (v === null || v === undefined || v === '' ? null : Number(v));
  return {
    hubspot: {
      health: num(hs['vigil_health_score']),
      risk: num(hs['vigil_churn_risk']),
      level: hs['vigil_churn_risk_level'],
      tier: hs['vigil_touch_tier'],
    },
    salesforce: {
      health: num(sf['Vigil_Health_Score__c']),
      risk: num(sf['Vigil_Churn_Risk__c']),
      level: sf['Vigil_Churn_Risk_Level__c'],
      tier: sf['Vigil_Touch_Tier__c'],
    },
  };
}

beforeAll(async () => {
  hubspot = await startSandbox({ port: 0, portals: [{ size: 'tiny', seed: SEED }] });
  salesforce = await startSalesforceSandbox({ port: 0, orgs: [{ size: 'tiny', seed: SEED }] });
  dir = await mkdtemp(join(tmpdir(), 'vigil-both-e2e-'));
  store = await openStore({ dataDir: dir, logger: silentLogger });
  const env = parseEnv({ VIGIL_CRM: 'both', VIGIL_DATA_DIR: dir });
  if (!env.ok) throw new Error(env.errors.join('; '));
  const hs = await connectPrivateApp(store, hubspot.baseUrl, hubspot.portals[0]!.privateAppToken, logger);
  const tokens = await connectSandboxOrg(salesforce);
  const sf = await connectSalesforceOrg(
    store,
    tokens,
    { ...salesforce.app, loginUrl: salesforce.baseUrl },
    logger,
  );
  sfToken = (await connectSandboxOrg(salesforce)).accessToken;
  hsInstall = hs.id;
  sfInstall = sf.id;
  link = await linkInstalls(store, hs, sf, logger);
  const connectorFor = connectorFactory(store, env.env, logger, null, {
    salesforceApp: salesforce.app,
    linked: linkedView(store),
  });
  connectors = new Map([
    [hsInstall, await connectorFor(hsInstall)],
    [sfInstall, await connectorFor(sfInstall)],
  ]);
  for (const c of connectors.values()) await c.provision();
}, 60_000);

afterAll(async () => {
  await store?.close();
  await hubspot?.close();
  await salesforce?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('one health view on HubSpot and Salesforce', () => {
  it('syncs both installs and matches the seeded customers', async () => {
    expect((await sync({ installId: hsInstall, mode: 'full' })).status).toBe('succeeded');
    expect((await sync({ installId: sfInstall, mode: 'full' })).status).toBe('succeeded');
    // The Salesforce read dirtied the HubSpot companies whose pairing it created: settle them.
    const settle = await sync({ installId: hsInstall, mode: 'incremental', scope: 'recompute' });
    expect(settle.status).toBe('succeeded');
    const pairs = await crossCrmStoreOf(store).matches(link.id);
    const companies = (await store.mirror.counts(hsInstall)).companies;
    expect(pairs.length).toBeGreaterThan(companies * 0.9);
    expect(pairs.some((p) => p.by === 'salesforce_id')).toBe(true);
    expect(pairs.some((p) => p.by === 'domain')).toBe(true);
  }, 120_000);

  it('shows every matched customer with the same health, risk and tier on both sides', async () => {
    const pairs = await crossCrmStoreOf(store).matches(link.id);
    let compared = 0;
    for (const pair of pairs.slice(0, 60)) {
      const { hubspot: hs, salesforce: sf } = await bothSides(pair);
      expect(hs.risk, `risk of ${pair.companyId}`).not.toBeNull();
      expect(sf, `${pair.companyId} ↔ ${pair.accountId}`).toEqual(hs);
      compared++;
    }
    expect(compared).toBe(Math.min(60, pairs.length));
  }, 60_000);

  it('moves the score on both sides when urgent HubSpot tickets arrive', async () => {
    const pairs = await crossCrmStoreOf(store).matches(link.id);
    // A customer with room for its risk to rise.
    let chosen: MatchPair | null = null;
    for (const pair of pairs) {
      const { hubspot: hs } = await bothSides(pair);
      if (hs.risk !== null && hs.risk < 50) {
        chosen = pair;
        break;
      }
    }
    if (chosen === null) throw new Error('no matched customer with a low risk');
    const before = await bothSides(chosen);
    for (let i = 0; i < 3; i++) {
      const created = await fetch(`${hubspot.baseUrl}/crm/v3/objects/tickets`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${hubspot.portals[0]!.privateAppToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          properties: {
            subject: `Outage ${i}`,
            hs_pipeline: '0',
            hs_pipeline_stage: '1',
            hs_ticket_priority: 'URGENT',
          },
          associations: [
            {
              to: { id: chosen.companyId },
              types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 26 }],
            },
          ],
        }),
      });
      expect(created.status).toBe(201);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const hsRun = await sync({ installId: hsInstall, mode: 'incremental' });
    expect(hsRun.status).toBe('succeeded');
    expect(hsRun.recordsRead.ticket).toBeGreaterThanOrEqual(3);
    const sfRun = await sync({ installId: sfInstall, mode: 'incremental' });
    expect(sfRun.status).toBe('succeeded');
    expect(sfRun.companiesScored).toBeGreaterThanOrEqual(1);

    const after = await bothSides(chosen);
    expect(after.hubspot.risk).toBeGreaterThan(before.hubspot.risk!);
    expect(after.salesforce).toEqual(after.hubspot);
    expect(after.salesforce.risk).not.toBe(before.salesforce.risk);
    // Each side keeps its own timeline: a material change is one entry on each, or none on either.
    const hsEntries = await store.timeline.list(hsInstall, chosen.companyId);
    const sfEntries = await store.timeline.list(sfInstall, chosen.accountId);
    expect(sfEntries.length).toBe(hsEntries.length);
  }, 120_000);
});
