import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import appMeta from '../../extensions/hubspot/src/app/app-hsmeta.json' with { type: 'json' };
import { cardResponseSchema } from '../../extensions/hubspot/src/app/cards/definition/card-response.ts';
import { companyUrl } from '../../extensions/hubspot/src/app/cards/definition/endpoints.ts';
import { defaultScoringConfig } from '../../src/domain/config/parse.ts';
import { scoreCompany } from '../../src/domain/score.ts';
import { createHubSpotApp, type HubSpotApp } from '../../src/http/hubspot/hubspot-app.ts';
import { oauthConnectorFor } from '../../src/http/hubspot/testing/connector.ts';
import { cardRequestUrl, signedRequest } from '../../src/http/hubspot/testing/signed.ts';
import { listen, type RunningHttp } from '../../src/http/server.ts';
import { silentLogger } from '../../src/log/logger.ts';
import type { ScopeUse } from '../../src/sandbox/hubspot/auth/scope-log.ts';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/hubspot/server.ts';
import { generatePortal } from '../../src/sandbox/seed/index.ts';
import { seedToInputs } from '../../src/sandbox/seed/to-inputs.ts';
import { runSync } from '../../src/sync/engine.ts';
import { isMaterialChange, scoreState } from '../../src/sync/materiality.ts';
import { syncStoreOf } from '../../src/sync/store-adapter.ts';
import { scoreValues } from '../../src/sync/writeback/properties.ts';
import { openTestStore } from '../support/databases.ts';
import { control, editAsUser } from './support/harness.ts';

/**
 * The real-install rehearsal (issue 14, "Must show"): a portal without app events; an
 * install started from HubSpot's side (its install URL: a code, no Vigil state) granting
 * exactly app-hsmeta.json's required scopes → provisioning → full sync → a material change
 * written as a Note on its company → a webhook redelivery answered 2xx → a card request
 * signed as production signs it → disconnect from Vigil's side uninstalls the app at
 * HubSpot. Then the sandbox's scope log shows every requested scope needed by some call,
 * and no call made without its scope (certification compares requested scopes with API logs).
 */
const SEED = 11;
const URGENT = { hs_ticket_priority: 'URGENT', hs_pipeline_stage: '1' };
const REQUIRED: string[] = appMeta.config.auth.requiredScopes;

function materialTicket(seedNow: number, asOf: number): { companyId: string; ticketId: string } {
  const config = defaultScoringConfig();
  const tier = {
    companyId: '',
    tier: 'low' as const,
    expectedLtv: 0,
    lifetimeYears: 1,
    annualChurnRate: 0.1,
    rule: 'absolute' as const,
    explanation: '',
  };
  const state = (input: Parameters<typeof scoreCompany>[0]) =>
    scoreState(scoreValues(scoreCompany(input, config, asOf), tier));
  for (const input of seedToInputs(generatePortal({ size: 'tiny', seed: SEED, now: seedNow }))) {
    const before = state(input);
    for (const t of input.tickets) {
      const tickets = input.tickets.map((x) =>
        x.id === t.id ? { ...x, properties: { ...x.properties, ...URGENT, closed_date: null } } : x,
      );
      const after = state({ ...input, tickets });
      const margin = before.status !== after.status || before.riskLevel !== after.riskLevel;
      if (margin && isMaterialChange(before, after, config.materialHealthChange))
        return { companyId: input.company.id, ticketId: t.id };
    }
  }
  throw new Error('no ticket in the seeded portal makes a material change');
}

describe('the real-install rehearsal', () => {
  let sb: RunningSandbox;
  let db: Awaited<ReturnType<typeof openTestStore>>;
  let http: RunningHttp;
  let hub: HubSpotApp;
  let portalId: string;
  let installId: string;
  let asOf: number;
  const logger = silentLogger();
  const syncs: Array<Promise<{ status: string }>> = [];

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, portals: [{ size: 'tiny', seed: SEED }] });
    portalId = String(sb.portals[0]!.portalId);
    await control(sb.baseUrl, 'PUT', `/portals/${portalId}/features`, { appEvents: false });
    db = await openTestStore('pglite');
    const app = express();
    http = await listen(app, 0);
    asOf = Date.now();
    const connectorFor = oauthConnectorFor(db.store, sb.app);
    hub = createHubSpotApp({
      store: db.store,
      app: { clientId: sb.app.clientId, clientSecret: sb.app.clientSecret, appId: String(sb.app.appId) },
      publicUrl: http.url,
      // `hs project dev` with local.json mapping the public URL to http://localhost:<port>.
      cardDevUrl: http.url.replace('127.0.0.1', 'localhost'),
      apiBase: sb.baseUrl,
      authorizeUrl: `${sb.baseUrl}/oauth/authorize`,
      connectorFor,
      async enqueueFullSync(id) {
        const connector = await connectorFor(id);
        syncs.push(
          runSync(
            { store: syncStoreOf(db.store), connector, clock: { now: () => asOf }, logger },
            { installId: id, mode: 'full' },
          ),
        );
      },
      logger,
      debounceMs: 60_000,
    });
    app.use(hub.oauthRouter, hub.cardApiRouter, hub.webhookRouter);
  });

  afterAll(async () => {
    await hub?.stop();
    await http?.close();
    await sb?.close();
    await db?.dispose();
  });

  it('installs from HubSpot’s side with exactly the required scopes, provisions and syncs in full', async () => {
    // HubSpot's install URL: the app's scopes, Vigil's redirect URI, no state.
    const authorize = new URL(`${sb.baseUrl}/oauth/authorize`);
    authorize.search = new URLSearchParams({
      client_id: sb.app.clientId,
      redirect_uri: `${http.url}/oauth/hubspot/callback`,
      scope: REQUIRED.join(' '),
      portalId,
    }).toString();
    const granted = await fetch(authorize, { redirect: 'manual' });
    const callback = new URL(granted.headers.get('location')!);
    expect(callback.searchParams.has('state')).toBe(false);
    const done = await fetch(callback); // no Vigil cookie either
    expect(done.status).toBe(200);
    const install = await db.store.installs.findByAccount('hubspot', portalId);
    expect([...(install?.scopes ?? [])].sort()).toEqual([...REQUIRED].sort());
    installId = install!.id;
    expect(syncs).toHaveLength(1);
    expect((await syncs[0])?.status).toBe('succeeded');
  });

  it('writes a material change as a Note on its company, its note id kept with the entry', async () => {
    const truth = (await control(sb.baseUrl, 'GET', `/portals/${portalId}/truth`)) as { now: number };
    const { companyId, ticketId } = materialTicket(truth.now, asOf);
    await editAsUser(
      { baseUrl: sb.baseUrl, portalId: Number(portalId), token: '' } as never,
      'tickets',
      ticketId,
      {
        ...URGENT,
        closed_date: '',
      },
    );
    const connector = await oauthConnectorFor(db.store, sb.app)(installId);
    const inc = await runSync(
      { store: syncStoreOf(db.store), connector, clock: { now: () => asOf }, logger },
      { installId, mode: 'incremental' },
    );
    expect(inc.status).toBe('succeeded');
    expect(inc.timelineEntries).toBeGreaterThanOrEqual(1);
    const entries = await db.store.timeline.list(installId, companyId);
    expect(entries.length).toBeGreaterThanOrEqual(1);
    const notes = (await control(sb.baseUrl, 'GET', `/portals/${portalId}/notes`)) as {
      results: Array<{
        id: string;
        properties: Record<string, string>;
        associations?: Record<string, { results: Array<{ id: string }> }>;
      }>;
    };
    for (const entry of entries) {
      expect(entry).toMatchObject({ status: 'sent', via: 'note' });
      const note = notes.results.find((n) => n.id === entry.externalId);
      expect(note?.associations?.['companies']?.results.map((r) => r.id)).toEqual([companyId]);
    }
  });

  it('answers a webhook redelivery 2xx and a card request signed as production signs it and as the dev proxy signs it', async () => {
    const event = {
      eventId: 424242,
      subscriptionId: 1,
      portalId: Number(portalId),
      appId: sb.app.appId,
      occurredAt: Date.now(),
      subscriptionType: 'object.propertyChange',
      objectTypeId: '0-5',
      attemptNumber: 0,
      objectId: 1,
      propertyName: 'hs_ticket_priority',
      propertyValue: 'HIGH',
      changeSource: 'CRM_UI',
    };
    const body = JSON.stringify([event]);
    const url = `${http.url}/webhooks/hubspot`;
    const first = await signedRequest(url, 'POST', body, { secret: sb.app.clientSecret });
    const again = await signedRequest(url, 'POST', body, { secret: sb.app.clientSecret });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(await again.json()).toMatchObject({ stored: 0, duplicates: 1 });

    const scored = await db.store.scores.list(installId, { sort: 'health', order: 'desc', limit: 1 });
    const companyId = scored.items[0]!.companyId;
    const card = cardRequestUrl(companyUrl(companyId, http.url), { portalId, appId: sb.app.appId });
    const res = await signedRequest(card, 'GET', '', { secret: sb.app.clientSecret });
    expect(res.status).toBe(200);
    expect(cardResponseSchema.parse(await res.json()).state).toBe('scored');

    // The dev proxy signs the mapped local URL and appends nothing; the card sends its portal.
    const local = companyUrl(companyId, http.url.replace('127.0.0.1', 'localhost'), portalId);
    const sent = `${http.url}${new URL(local).pathname}${new URL(local).search}`;
    const dev = await signedRequest(sent, 'GET', '', { secret: sb.app.clientSecret, signUri: local });
    expect(dev.status).toBe(200);
    expect(cardResponseSchema.parse(await dev.json()).state).toBe('scored');
  });

  it('disconnects from Vigil’s side by uninstalling the app at HubSpot', async () => {
    await hub.disconnect(installId);
    expect((await db.store.installs.get(installId))?.status).toBe('uninstalled');
    const uses = (await control(sb.baseUrl, 'GET', `/portals/${portalId}/scope-uses`)) as {
      results: ScopeUse[];
      needed: string[];
    };
    expect(uses.results.map((u) => u.endpoint)).toContain('/appinstalls/v3/external-install');
  });

  it('used exactly the scopes it requested: each one needed by some call, no call without its scope', async () => {
    const uses = (await control(sb.baseUrl, 'GET', `/portals/${portalId}/scope-uses`)) as {
      results: ScopeUse[];
      needed: string[];
    };
    const refused = uses.results.filter((u) => u.refused > 0).map((u) => `${u.method} ${u.endpoint}`);
    expect(refused).toEqual([]);
    expect(uses.needed).toEqual([...REQUIRED].sort());
  });
});
