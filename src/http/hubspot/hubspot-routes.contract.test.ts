import express from 'express';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { cardResponseSchema } from '../../../extensions/hubspot/src/app/cards/definition/card-response.ts';
import { companyUrl, rescoreUrl } from '../../../extensions/hubspot/src/app/cards/definition/endpoints.ts';
import { createTestInstall, forEachDatabase } from '../../../test/support/databases.ts';
import { createWebhookEventStore, type WebhookEventStore } from '../../../webhooks/hubspot/event-store.ts';
import { MAX_BODY_BYTES } from '../../../webhooks/hubspot/receiver.ts';
import { defaultScoringConfig } from '../../domain/config/parse.ts';
import { scorePortfolio } from '../../domain/portfolio.ts';
import { silentLogger } from '../../log/logger.ts';
import { generatePortal } from '../../sandbox/seed/generate.ts';
import { seedToInputs } from '../../sandbox/seed/to-inputs.ts';
import type { Install } from '../../store/index.ts';
import { listen, type RunningHttp } from '../server.ts';
import { cardApiRouter } from './card-api.ts';
import { cardRequestUrl, signedRequest } from './testing/signed.ts';
import { hubspotWebhookRouter, WEBHOOK_PATH, webhookAnswers } from './webhook-route.ts';

/**
 * The card API and the webhook receiver over the real store, with two portals installed
 * whose seeded companies share ids: every request is signed as HubSpot signs it, and no
 * endpoint lets one portal see or touch the other's data.
 */
const SECRET = 'client-secret-for-tests';
const APP_ID = '4000001';
const NOW = Date.now();

forEachDatabase('HubSpot card API and webhook receiver', (db) => {
  let http: RunningHttp;
  let base: string;
  let a: Install;
  let b: Install;
  let events: WebhookEventStore;
  let ownerReads = 0;
  const scheduled: string[] = [];
  const health = new Map<string, Map<string, number | null>>();
  const owner = new Map<string, Map<string, string | null>>();

  beforeAll(async () => {
    const { store } = db;
    a = await createTestInstall(store, { accountId: '1001', authKind: 'oauth', appId: APP_ID });
    b = await createTestInstall(store, { accountId: '2002', authKind: 'oauth', appId: APP_ID });
    for (const [install, seed] of [
      [a, 11],
      [b, 12],
    ] as const) {
      const portal = generatePortal({ size: 'tiny', seed, now: NOW });
      const scored = scorePortfolio(seedToInputs(portal), defaultScoringConfig(), NOW);
      // The mirrored companies give each score its owner (hubspot_owner_id), as a sync does.
      await store.mirror.upsert(
        install.id,
        portal.companies.map((c) => ({
          type: 'company' as const,
          id: c.id,
          properties: c.properties,
          companyIds: [],
          modifiedAt: c.updatedAt,
          createdAt: c.createdAt,
        })),
      );
      owner.set(
        install.id,
        new Map(
          portal.companies.map((c) => [c.id, (c.properties['hubspot_owner_id'] as string | null) ?? null]),
        ),
      );
      const runId = await store.runs.start(install.id, 'full');
      await store.scores.save(
        install.id,
        scored.companies.map((c) => ({ score: c, tier: c.tier })),
        {
          configVersion: 1,
          cause: 'data',
          runId,
        },
      );
      health.set(install.id, new Map(scored.companies.map((c) => [c.companyId, c.health.score])));
    }
    // Portal B keeps its books in yen: the card shows its amounts in JPY, A's in dollars.
    await store.portalLocale.update(b.id, { currency: 'JPY' });
    // Only A's owners are cached (HubSpot's owners API on A's last full sync): B's card shows ids.
    const ownerIds = new Set([...(owner.get(a.id)?.values() ?? [])].filter((o) => o !== null));
    await store.owners.replaceAll(
      a.id,
      [...ownerIds].map((id, i) => ({ id, name: i === 0 ? 'Aiko Tanaka' : `Owner ${id}`, email: null })),
    );
    events = createWebhookEventStore(store.pool);
    // The public URL (which signatures cover) is known once listening: mount the routers then.
    const app = express();
    const mounted = express.Router();
    app.use(mounted);
    http = await listen(app, 0);
    base = http.url;
    const deps = {
      clientSecret: SECRET,
      appId: APP_ID,
      publicUrl: base,
      clock: { now: () => Date.now() },
      logger: silentLogger(),
      installs: store.installs,
    };
    mounted.use(
      cardApiRouter({
        ...deps,
        dashboardUrl: 'https://vigil.example.com',
        scores: store.scores,
        portalLocale: store.portalLocale,
        owners: {
          names: (installId, ids) => {
            ownerReads++;
            return store.owners.names(installId, ids);
          },
        },
        async requestRescore(installId, companyId) {
          await store.mirror.markDirty(installId, [companyId]);
        },
      }),
    );
    mounted.use(hubspotWebhookRouter({ ...deps, events, trigger: { schedule: (id) => scheduled.push(id) } }));
  });
  afterAll(async () => http?.close());
  beforeEach(() => {
    scheduled.length = 0;
  });

  const shared = () => {
    const ids = [...(health.get(a.id)?.keys() ?? [])].filter((id) => health.get(b.id)?.has(id));
    const id = ids.find((x) => health.get(a.id)?.get(x) !== health.get(b.id)?.get(x));
    if (id === undefined) throw new Error('the two seeds share no company id with different health');
    return id;
  };
  const cardGet = (
    companyId: string,
    portalId: string,
    opts: Parameters<typeof signedRequest>[3] = { secret: SECRET },
  ) =>
    signedRequest(cardRequestUrl(companyUrl(companyId, base), { portalId, appId: APP_ID }), 'GET', '', opts);

  it("answers a signed request with that portal's company and currency, and the other portal with its own", async () => {
    const id = shared();
    for (const [install, portal, currency] of [
      [a, '1001', 'USD'],
      [b, '2002', 'JPY'],
    ] as const) {
      const res = await cardGet(id, portal);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = cardResponseSchema.parse(await res.json());
      expect(body.currency).toBe(currency);
      if (body.state !== 'scored') throw new Error('expected a score');
      const expected = health.get(install.id)?.get(id) ?? null;
      expect(body.score.health).toBe(expected === null ? null : Math.round(expected * 10) / 10);
      // "Open in Vigil" lands on this portal's company page (after sign-in), not a hash route.
      expect(body.links.dashboard).toBe(`https://vigil.example.com/companies/${id}?portalId=${portal}`);
    }
  });

  it("names the company's owner from that portal's cached owners, and gives only the id when it has no name", async () => {
    const id = [...(owner.get(a.id)?.entries() ?? [])].find(
      ([c, o]) => o !== null && owner.get(b.id)?.has(c),
    )?.[0];
    if (id === undefined) throw new Error('the two seeds share no owned company');
    const names = await db.store.owners.names(a.id);
    for (const [install, portal] of [
      [a, '1001'],
      [b, '2002'],
    ] as const) {
      const body = cardResponseSchema.parse(await (await cardGet(id, portal)).json());
      if (body.state !== 'scored') throw new Error('expected a score');
      const ownerId = owner.get(install.id)?.get(id) ?? null;
      expect(body.score.ownerId).toBe(ownerId);
      // B has no cached names: A's never leak into its card.
      expect(body.score.ownerName).toBe(
        install === a && ownerId !== null ? (names.get(ownerId) ?? null) : null,
      );
    }
    const aikos = [...(owner.get(a.id)?.entries() ?? [])].find(
      ([, o]) => o !== null && names.get(o) === 'Aiko Tanaka',
    );
    if (aikos === undefined) throw new Error("no company of A's owner Aiko Tanaka");
    const body = cardResponseSchema.parse(await (await cardGet(aikos[0], '1001')).json());
    expect(body.state === 'scored' && body.score).toMatchObject({
      ownerId: aikos[1],
      ownerName: 'Aiko Tanaka',
    });
  });

  it("reads a portal's owner names once a minute, not at every card read", async () => {
    const ids = [...(owner.get(a.id)?.entries() ?? [])].filter(([, o]) => o !== null).map(([c]) => c);
    const before = ownerReads;
    for (const id of ids.slice(0, 3)) expect((await cardGet(id, '1001')).status).toBe(200);
    expect(ownerReads - before).toBeLessThanOrEqual(1);
  });

  it('says not scored for a company the portal does not have', async () => {
    const res = await cardGet('999999999', '1001');
    expect(cardResponseSchema.parse(await res.json())).toMatchObject({
      state: 'not_scored',
      companyId: '999999999',
    });
  });

  it('refuses forged, unsigned, stale and re-pointed requests with 401', async () => {
    const id = shared();
    expect((await cardGet(id, '1001', { secret: 'not-the-secret' })).status).toBe(401);
    expect((await cardGet(id, '1001', { secret: SECRET, signature: null })).status).toBe(401);
    expect((await cardGet(id, '1001', { secret: SECRET, timestamp: Date.now() - 6 * 60_000 })).status).toBe(
      401,
    );
    // Signed by HubSpot for portal 1001, then another portalId appended by someone else.
    const signedFor1001 = cardRequestUrl(companyUrl(id, base), { portalId: '1001', appId: APP_ID });
    const tampered = `${signedFor1001}&portalId=2002`;
    const forged = await signedRequest(tampered, 'GET', '', { secret: SECRET, signUri: signedFor1001 });
    expect(forged.status).toBe(401);
    // A request signed with both portal ids is ambiguous, and refused too.
    expect((await signedRequest(tampered, 'GET', '', { secret: SECRET })).status).toBe(401);
    // The portal must come from HubSpot's signed query; a path-only request has none.
    expect((await signedRequest(companyUrl(id, base), 'GET', '', { secret: SECRET })).status).toBe(401);
  });

  it("answers the dev proxy's request (local URL signed, no HubSpot query) only where a dev URL is configured", async () => {
    // `hs project dev` maps the public origin to the local server and signs the *mapped*
    // URL with CLIENT_SECRET, appending nothing (@hubspot/ui-extensions-dev-server,
    // dist/lib/proxy/AppProxyService.js mapToLocalUrl + proxy/signing.js getSignatureHeaders).
    const id = shared();
    // One local server; which router answers is switched, so the signed URL is the same.
    let current: express.Router = express.Router();
    const app = express();
    app.use((req, res, next) => current(req, res, next));
    const local = await listen(app, 0);
    const router = (devUrl: string | null) =>
      cardApiRouter({
        clientSecret: SECRET,
        appId: APP_ID,
        publicUrl: 'https://vigil.example.com',
        devUrl,
        dashboardUrl: 'https://vigil.example.com',
        installs: db.store.installs,
        scores: db.store.scores,
        requestRescore: async () => {},
        clock: { now: () => Date.now() },
        logger: silentLogger(),
      });
    try {
      const devRequest = () =>
        signedRequest(companyUrl(id, local.url, '1001'), 'GET', '', { secret: SECRET });
      current = router(null);
      expect((await devRequest()).status).toBe(401);
      current = router(local.url);
      const res = await devRequest();
      expect(res.status).toBe(200);
      const body = cardResponseSchema.parse(await res.json());
      if (body.state !== 'scored') throw new Error('expected a score');
      const expected = health.get(a.id)?.get(id) ?? null;
      expect(body.score.health).toBe(expected === null ? null : Math.round(expected * 10) / 10);
      // The production form still works on the same server (HubSpot signs the public URL).
      const sent = (signed: string) => `${local.url}${new URL(signed).pathname}${new URL(signed).search}`;
      const prod = cardRequestUrl(companyUrl(id, 'https://vigil.example.com', '1001'), {
        portalId: '1001',
        appId: APP_ID,
      });
      expect((await signedRequest(sent(prod), 'GET', '', { secret: SECRET, signUri: prod })).status).toBe(
        200,
      );
      // A card's portal that disagrees with HubSpot's is refused; the dev form needs a portal.
      const mismatch = cardRequestUrl(companyUrl(id, 'https://vigil.example.com', '2002'), {
        portalId: '1001',
        appId: APP_ID,
      });
      expect(
        (await signedRequest(sent(mismatch), 'GET', '', { secret: SECRET, signUri: mismatch })).status,
      ).toBe(401);
      expect((await signedRequest(companyUrl(id, local.url), 'GET', '', { secret: SECRET })).status).toBe(
        401,
      );
      // In production the card's own portal alone is not enough: HubSpot's portalId is required.
      const cardOnly = companyUrl(id, 'https://vigil.example.com', '1001');
      expect(
        (await signedRequest(sent(cardOnly), 'GET', '', { secret: SECRET, signUri: cardOnly })).status,
      ).toBe(401);
      // A dev-proxy rescore: the proxy sends JSON.stringify(requestBody) and signs that body.
      const rescore = await signedRequest(rescoreUrl(id, local.url, '1001'), 'POST', '{}', {
        secret: SECRET,
      });
      expect(rescore.status).toBe(202);
    } finally {
      await local.close();
    }
  });

  it('answers 404 for a portal without an install', async () => {
    expect((await cardGet(shared(), '3003')).status).toBe(404);
  });

  it("rescore marks only the calling portal's company", async () => {
    const id = shared();
    const url = cardRequestUrl(rescoreUrl(id, base), { portalId: '2002', appId: APP_ID });
    const res = await signedRequest(url, 'POST', '{}', { secret: SECRET });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ queued: true, companyId: id });
    const dirty = async (installId: string) =>
      (
        await db.store.pool.query('SELECT company_id FROM dirty_companies WHERE install_id = $1', [installId])
      ).rows.map((r: { company_id: string }) => r.company_id);
    expect(await dirty(b.id)).toContain(id);
    expect(await dirty(a.id)).not.toContain(id);
    expect(
      (await signedRequest(url, 'POST', '{"x":1}', { secret: SECRET, signUri: url, signature: 'AAAA' }))
        .status,
    ).toBe(401);
  });

  const event = (over: Record<string, unknown> = {}) => ({
    eventId: Math.floor(Math.random() * 1e12),
    subscriptionId: 1,
    portalId: 1001,
    appId: Number(APP_ID),
    occurredAt: Date.now(),
    subscriptionType: 'object.propertyChange',
    objectTypeId: '0-5',
    attemptNumber: 0,
    objectId: 77,
    propertyName: 'hs_ticket_priority',
    propertyValue: 'URGENT',
    changeSource: 'CRM_UI',
    ...over,
  });
  const post = (body: string, opts: Parameters<typeof signedRequest>[3] = { secret: SECRET }) =>
    signedRequest(`${base}${WEBHOOK_PATH}`, 'POST', body, opts);
  const stored = async (installId: string) => (await events.pending(installId, 1000)).map((e) => e.eventId);

  it('stores signed events under their portal, schedules it, and answers a redelivery 200 without storing twice', async () => {
    const e1 = event();
    const e2 = event({ portalId: 2002, objectId: 78 });
    const body = JSON.stringify([e1]);
    const res = await post(body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 1, stored: 1, duplicates: 0, skipped: 0, unknownPortal: 0 });
    expect(scheduled).toEqual([a.id]);
    expect(await stored(a.id)).toContain(String(e1.eventId));
    expect(await stored(b.id)).not.toContain(String(e1.eventId));
    expect((await post(JSON.stringify([e2]))).status).toBe(200);
    expect(await stored(b.id)).toContain(String(e2.eventId));
    scheduled.length = 0;
    // HubSpot retries any non-2xx and counts it against the delivery success rate (webhooks guide, "Retries").
    const replay = await post(body);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({
      received: 1,
      stored: 0,
      duplicates: 1,
      skipped: 0,
      unknownPortal: 0,
    });
    expect((await stored(a.id)).filter((id) => id === String(e1.eventId))).toHaveLength(1);
    expect(scheduled).toEqual([]);
    // Vigil's side of the delivery success rate, in /metrics.
    const answers = await webhookAnswers.get();
    const ok = answers.values.find((v) => v.labels['class'] === '2xx')?.value ?? 0;
    expect(ok).toBeGreaterThanOrEqual(3);
  });

  it("answers 200 for events of a portal without an install, and stores the other portals' events of the batch", async () => {
    const known = event();
    const res = await post(JSON.stringify([known, event({ portalId: 3003 })]));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: 2, stored: 1, unknownPortal: 1 });
    expect(await stored(a.id)).toContain(String(known.eventId));
    expect((await post(JSON.stringify([event({ portalId: 3003 })]))).status).toBe(200);
    scheduled.length = 0;
  });

  it("skips Vigil's own writes without storing them", async () => {
    const own = event({ changeSource: 'INTEGRATION', sourceId: APP_ID });
    const res = await post(JSON.stringify([own]));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ stored: 0, skipped: 1 });
    expect(await stored(a.id)).not.toContain(String(own.eventId));
    expect(scheduled).toEqual([]);
  });

  it('refuses bad input with a 4xx and stores and schedules nothing', async () => {
    const before = [...(await stored(a.id)), ...(await stored(b.id))].length;
    const e = event();
    const cases: Array<[string, Promise<Response>, number]> = [
      ['malformed JSON', post('[{"eventId":'), 400],
      ['not events', post(JSON.stringify([{ hello: 'world' }])), 400],
      ['wrong signature', post(JSON.stringify([e]), { secret: 'nope' }), 401],
      ['missing signature', post(JSON.stringify([e]), { secret: SECRET, signature: null }), 401],
      [
        'stale timestamp',
        post(JSON.stringify([e]), { secret: SECRET, timestamp: Date.now() - 5 * 60_000 - 1000 }),
        401,
      ],
      ['another app', post(JSON.stringify([event({ appId: 999 })])), 403],
      ['oversized body', post(`[${' '.repeat(MAX_BODY_BYTES)}]`), 413],
    ];
    for (const [name, response, status] of cases) {
      expect({ name, status: (await response).status }).toEqual({ name, status });
    }
    expect([...(await stored(a.id)), ...(await stored(b.id))].length).toBe(before);
    expect(scheduled).toEqual([]);
  });
});
