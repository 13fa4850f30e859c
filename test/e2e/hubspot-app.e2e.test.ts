import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardResponseSchema } from '../../extensions/hubspot/src/app/cards/definition/card-response.ts';
import { companyUrl } from '../../extensions/hubspot/src/app/cards/definition/endpoints.ts';
import { defaultScoringConfig } from '../../src/domain/config/parse.ts';
import { createHubSpotApp, type HubSpotApp } from '../../src/http/hubspot/hubspot-app.ts';
import { oauthConnectorFor } from '../../src/http/hubspot/testing/connector.ts';
import { cardRequestUrl, signedRequest } from '../../src/http/hubspot/testing/signed.ts';
import { listen, type RunningHttp } from '../../src/http/server.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/hubspot/server.ts';
import { runSync } from '../../src/sync/engine.ts';
import { syncStoreOf } from '../../src/sync/store-adapter.ts';
import type { SyncSummary } from '../../src/sync/summary.ts';
import { sandboxWebhookSettings } from '../../webhooks/hubspot/subscriptions.ts';
import { openTestStore } from '../support/databases.ts';

/**
 * The HubSpot app end to end on the sandbox (issue 7, "Must show"): the OAuth install
 * flow → tokens stored encrypted → the card API answers a signed request and refuses a
 * forged one → a ticket created in the sandbox → its webhook arrives → the company's
 * properties and its card change.
 */
async function until<T>(probe: () => Promise<T | null>, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('HubSpot app on the sandbox', () => {
  let sb: RunningSandbox;
  let db: Awaited<ReturnType<typeof openTestStore>>;
  let http: RunningHttp;
  let hub: HubSpotApp;
  let portalId: string;
  let installId: string;
  const syncs: Array<Promise<SyncSummary>> = [];

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, portals: [{ size: 'tiny', seed: 7 }] });
    portalId = String(sb.portals[0]!.portalId);
    db = await openTestStore('pglite');
    const app = express();
    const mounted = express.Router();
    app.use(mounted);
    http = await listen(app, 0);
    const connectorFor = oauthConnectorFor(db.store, sb.app);
    const logger = silentLogger();
    hub = createHubSpotApp({
      store: db.store,
      app: { clientId: sb.app.clientId, clientSecret: sb.app.clientSecret, appId: String(sb.app.appId) },
      publicUrl: http.url,
      apiBase: sb.baseUrl,
      authorizeUrl: `${sb.baseUrl}/oauth/authorize`,
      connectorFor,
      async enqueueFullSync(id) {
        const connector = await connectorFor(id);
        syncs.push(
          runSync(
            { store: syncStoreOf(db.store), connector, clock: { now: () => Date.now() }, logger },
            { installId: id, mode: 'full' },
          ),
        );
      },
      logger,
      debounceMs: 300,
    });
    mounted.use(hub.oauthRouter, hub.cardApiRouter, hub.webhookRouter);
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
    await hub?.stop();
    await http?.close();
    await sb?.close();
    await db?.dispose();
  });

  it('installs through OAuth and stores the tokens encrypted', async () => {
    const start = await fetch(`${http.url}/oauth/hubspot/install`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0]!;
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin + authorize.pathname).toBe(`${sb.baseUrl}/oauth/authorize`);
    expect(authorize.searchParams.get('scope')?.split(' ')).toContain('crm.objects.companies.write');
    authorize.searchParams.set('portalId', portalId); // the admin picks the account on HubSpot's page
    const granted = await fetch(authorize, { redirect: 'manual' });
    expect(granted.status).toBe(302);
    const callback = granted.headers.get('location')!;
    expect(callback.startsWith(`${http.url}/oauth/hubspot/callback?`)).toBe(true);

    // Without the browser's cookie the same link is refused.
    expect((await fetch(callback)).status).toBe(400);
    const done = await fetch(callback, { headers: { cookie } });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain(`Vigil is now connected to HubSpot account ${portalId}`);

    const install = await db.store.installs.findByAccount('hubspot', portalId);
    expect(install).toMatchObject({ authKind: 'oauth', status: 'active', appId: String(sb.app.appId) });
    installId = install!.id;
    const tokens = await db.store.installs.tokens(installId);
    expect(tokens?.accessToken).toMatch(/\S{10,}/);
    const raw = await db.store.pool.query(
      'SELECT access_token_enc, refresh_token_enc FROM installs WHERE id = $1',
      [installId],
    );
    const row = raw.rows[0] as { access_token_enc: string; refresh_token_enc: string };
    expect(row.access_token_enc).not.toContain(tokens!.accessToken);
    expect(row.refresh_token_enc).not.toContain(tokens!.refreshToken!);
    expect(syncs).toHaveLength(1);
    expect((await syncs[0])?.status).toBe('succeeded');
  });

  let companyId: string;
  let healthBefore: number | null;
  let riskBefore: number;

  it('answers a signed card request for the company and refuses a forged one', async () => {
    const list = await db.store.scores.list(installId, { sort: 'health', order: 'desc', limit: 1 });
    companyId = list.items[0]!.companyId;
    const url = cardRequestUrl(companyUrl(companyId, http.url), { portalId, appId: sb.app.appId });
    const res = await signedRequest(url, 'GET', '', { secret: sb.app.clientSecret });
    expect(res.status).toBe(200);
    const body = cardResponseSchema.parse(await res.json());
    if (body.state !== 'scored') throw new Error('expected a scored company');
    healthBefore = body.score.health;
    riskBefore = body.score.risk;
    expect(healthBefore).toBe(
      list.items[0]!.health === null ? null : Math.round(list.items[0]!.health * 10) / 10,
    );
    // The install's full sync cached HubSpot's owners: the card names the company's owner.
    const owner = list.items[0]!.owner;
    if (owner === null) throw new Error('expected an owned company');
    expect(body.score.ownerId).toBe(owner);
    const cached = (await db.store.owners.names(installId, [owner])).get(owner);
    expect(cached).toMatch(/\S/);
    expect(body.score.ownerName).toBe(cached);
    const forged = await signedRequest(url, 'GET', '', { secret: 'guessed-secret' });
    expect(forged.status).toBe(401);
  });

  it('rescores the company within seconds of a new urgent ticket, in HubSpot and on the card', async () => {
    const token = sb.portals[0]!.privateAppToken;
    const properties = ['vigil_health_score', 'vigil_churn_risk', 'vigil_scored_at'];
    const readCompany = async () => {
      const r = await fetch(
        `${sb.baseUrl}/crm/v3/objects/companies/${companyId}?properties=${properties.join(',')}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      return ((await r.json()) as { properties: Record<string, string | null> }).properties;
    };
    const before = await readCompany();
    for (let i = 0; i < 3; i++) {
      const created = await fetch(`${sb.baseUrl}/crm/v3/objects/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          properties: {
            subject: `Production is down (${i})`,
            hs_pipeline: '0',
            hs_pipeline_stage: '1',
            hs_ticket_priority: 'URGENT',
          },
          associations: [
            {
              to: { id: companyId },
              types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 26 }],
            },
          ],
        }),
      });
      expect(created.status).toBe(201);
    }

    const after = await until(
      async () => {
        const p = await readCompany();
        return p['vigil_churn_risk'] !== before['vigil_churn_risk'] ? p : null;
      },
      15_000,
      'the company properties to change',
    );
    expect(Number(after['vigil_churn_risk'])).toBeGreaterThan(
      Number(before['vigil_churn_risk'] ?? riskBefore),
    );

    const deliveries = (await (await fetch(`${sb.baseUrl}/__sandbox/webhooks/deliveries`)).json()) as {
      results: Array<{ status: number | null; outcome: string }>;
    };
    expect(deliveries.results.length).toBeGreaterThan(0);
    expect(deliveries.results.every((d) => d.status === 200 && d.outcome === 'delivered')).toBe(true);

    const url = cardRequestUrl(companyUrl(companyId, http.url), { portalId, appId: sb.app.appId });
    const card = cardResponseSchema.parse(
      await (await signedRequest(url, 'GET', '', { secret: sb.app.clientSecret })).json(),
    );
    if (card.state !== 'scored') throw new Error('expected a scored company');
    expect(card.score.risk).toBeGreaterThan(riskBefore);
    expect(card.score.reasons.map((r) => r.code)).toContain('urgent_tickets');
    await hub.trigger.idle();
    expect(await hub.events.pending(installId, 100)).toEqual([]);
  });
});
