import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { toWebhookSettings, webhookSettingsSchema } from './config.ts';
import { type ChangeFeed, dispatcherFor, WebhookDispatcher } from './dispatcher.ts';
import type { PortalChange, WebhookEvent } from './events.ts';
import { MAX_ATTEMPTS } from './retry.ts';
import { verifySignatureV3 } from './signature.ts';

class FakePortal implements ChangeFeed {
  readonly portalId: number;
  #listeners = new Set<(c: PortalChange) => void>();
  constructor(portalId: number) {
    this.portalId = portalId;
  }
  onChange(listener: (c: PortalChange) => void) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  emit(change: Partial<PortalChange> & Pick<PortalChange, 'objectId' | 'kind'>) {
    const full: PortalChange = {
      objectType: 'companies',
      changeSource: 'CRM_UI',
      occurredAt: 1_700_000_000_000,
      ...change,
    };
    for (const l of this.#listeners) l(full);
  }
}

interface Received {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  events: WebhookEvent[];
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A receiver that answers each request with the next status from `statuses` (then 204). */
async function receiver(statuses: number[] = [], delayMs = 0) {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({
        url: req.url ?? '',
        headers: req.headers,
        body,
        events: JSON.parse(body) as WebhookEvent[],
      });
      const status = statuses.shift() ?? 204;
      setTimeout(() => res.writeHead(status).end(), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return { received, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const app = { appId: 4242, clientSecret: 'sandbox-client-secret' };
const now = 1_700_000_500_000;

function setup(
  targetUrl: string,
  subscriptions: unknown[],
  extra: Record<string, unknown> = {},
  timeScale = 600_000,
) {
  const portal = new FakePortal(101);
  const ctx = {
    sandbox: { portals: new Map<number, ChangeFeed>([[101, portal]]) },
    clock: { now: () => now },
    options: { webhookTimeScale: timeScale },
  };
  const dispatcher = new WebhookDispatcher(ctx);
  dispatcher.configure(
    toWebhookSettings(webhookSettingsSchema.parse({ targetUrl, subscriptions, ...extra }), app),
  );
  dispatcher.start();
  cleanups.push(() => dispatcher.stop());
  return { portal, dispatcher, ctx };
}

describe('WebhookDispatcher', () => {
  it('sends matching events with HubSpot fields, signed with a verifiable v3 signature', async () => {
    const { received, base } = await receiver();
    const url = `${base}/webhooks/hubspot?source=sandbox%3Atest`;
    const { portal, dispatcher } = setup(url, [
      { subscriptionType: 'company.creation' },
      { subscriptionType: 'company.propertyChange', propertyName: 'name' },
    ]);
    portal.emit({ objectId: '17', kind: 'creation', changeSource: 'INTEGRATION', sourceId: '4242' });
    portal.emit({ objectId: '17', kind: 'propertyChange', propertyName: 'name', propertyValue: 'Acme' });
    portal.emit({
      objectId: '17',
      kind: 'propertyChange',
      propertyName: 'domain',
      propertyValue: 'acme.test',
    });
    portal.emit({ objectType: 'deals', objectId: '5', kind: 'creation' });
    await dispatcher.idle();
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request!.events).toEqual([
      {
        eventId: 1,
        subscriptionId: 1,
        portalId: 101,
        appId: 4242,
        occurredAt: 1_700_000_000_000,
        subscriptionType: 'company.creation',
        attemptNumber: 0,
        objectId: 17,
        changeSource: 'INTEGRATION',
        sourceId: '4242',
      },
      {
        eventId: 2,
        subscriptionId: 2,
        portalId: 101,
        appId: 4242,
        occurredAt: 1_700_000_000_000,
        subscriptionType: 'company.propertyChange',
        attemptNumber: 0,
        objectId: 17,
        changeSource: 'CRM_UI',
        propertyName: 'name',
        propertyValue: 'Acme',
      },
    ]);
    const headers = request!.headers;
    expect(headers['x-hubspot-request-timestamp']).toBe(String(now));
    expect(headers['x-hubspot-signature-version']).toBe('v1');
    const verdict = verifySignatureV3({
      secret: app.clientSecret,
      method: 'POST',
      uri: url,
      body: request!.body,
      timestamp: headers['x-hubspot-request-timestamp'] as string,
      signature: headers['x-hubspot-signature-v3'] as string,
      now: now + 1000,
    });
    expect(verdict).toEqual({ ok: true });
    expect(dispatcher.log.list()).toMatchObject([
      { status: 204, outcome: 'delivered', eventIds: [1, 2], attemptNumber: 0 },
    ]);
  });

  it('batches at most 100 events per request', async () => {
    const { received, base } = await receiver();
    const { portal, dispatcher } = setup(`${base}/hook`, [{ subscriptionType: 'company.creation' }]);
    for (let i = 1; i <= 250; i += 1) portal.emit({ objectId: String(i), kind: 'creation' });
    await dispatcher.idle();
    expect(received.map((r) => r.events.length)).toEqual([100, 100, 50]);
    const ids = received.flatMap((r) => r.events.map((e) => e.objectId));
    expect(ids).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
  });

  it('retries a failing receiver with a growing attemptNumber until it answers 2xx', async () => {
    const { received, base } = await receiver([500, 503]);
    const { portal, dispatcher } = setup(`${base}/hook`, [{ subscriptionType: 'company.deletion' }]);
    portal.emit({ objectId: '9', kind: 'deletion' });
    await dispatcher.idle();
    expect(received.map((r) => r.events.map((e) => [e.eventId, e.attemptNumber]))).toEqual([
      [[1, 0]],
      [[1, 1]],
      [[1, 2]],
    ]);
    expect(dispatcher.log.list().map((a) => [a.attemptNumber, a.status, a.outcome])).toEqual([
      [0, 500, 'retrying'],
      [1, 503, 'retrying'],
      [2, 204, 'delivered'],
    ]);
  });

  it('gives up after 10 attempts, and treats a slow receiver as failed', async () => {
    const { received, base } = await receiver(Array(20).fill(429));
    const { portal, dispatcher } = setup(`${base}/hook`, [{ subscriptionType: 'company.restore' }]);
    portal.emit({ objectId: '3', kind: 'restore' });
    await dispatcher.idle();
    expect(received).toHaveLength(MAX_ATTEMPTS);
    expect(received.at(-1)!.events[0]!.attemptNumber).toBe(9);
    expect(dispatcher.log.list().at(-1)!.outcome).toBe('failed');

    const slow = await receiver([], 700);
    // time scale 100: the 5 s timeout becomes its 250 ms floor, the first retry 0.6 s
    const second = setup(`${slow.base}/hook`, [{ subscriptionType: 'company.restore' }], {}, 100);
    second.portal.emit({ objectId: '4', kind: 'restore' });
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(second.dispatcher.log.list()[0]).toMatchObject({
      status: null,
      error: 'timeout',
      outcome: 'retrying',
    });
  });

  it('fills merge and association fields', async () => {
    const { received, base } = await receiver();
    const { portal, dispatcher } = setup(`${base}/hook`, [
      { subscriptionType: 'company.merge' },
      { subscriptionType: 'object.associationChange', objectTypeId: '0-2' },
    ]);
    portal.emit({
      objectId: '10',
      kind: 'merge',
      primaryObjectId: '10',
      mergedObjectIds: ['11', '12'],
      newObjectId: '10',
    });
    portal.emit({
      objectId: '10',
      kind: 'associationChange',
      toObjectId: '55',
      toObjectType: 'deals',
      associationRemoved: true,
    });
    await dispatcher.idle();
    const [merge, association] = received[0]!.events;
    expect(merge).toMatchObject({
      subscriptionType: 'company.merge',
      primaryObjectId: 10,
      mergedObjectIds: [11, 12],
      newObjectId: 10,
    });
    expect(association).toMatchObject({
      subscriptionType: 'object.associationChange',
      objectTypeId: '0-2',
      associationType: 'COMPANY_TO_DEAL',
      fromObjectId: 10,
      toObjectId: 55,
      associationRemoved: true,
    });
  });

  it('follows portals added or replaced after start', async () => {
    const { received, base } = await receiver();
    const { ctx, dispatcher } = setup(`${base}/hook`, [{ subscriptionType: 'ticket.creation' }]);
    const added = new Set<(p: ChangeFeed) => void>();
    const sandbox = {
      ...ctx.sandbox,
      onPortal: (listener: (p: ChangeFeed) => void) => {
        added.add(listener);
        return () => added.delete(listener);
      },
    };
    const second = new WebhookDispatcher({ ...ctx, sandbox });
    second.configure(dispatcher.settings);
    second.start();
    cleanups.push(() => second.stop());
    const replacement = new FakePortal(101);
    for (const l of added) l(replacement);
    replacement.emit({ objectType: 'tickets', objectId: '8', kind: 'creation' });
    await second.idle();
    await dispatcher.idle();
    // the first dispatcher (no onPortal) never hears the replacement; the second hears it once
    expect(received.map((r) => r.events.map((e) => e.objectId))).toEqual([[8]]);
  });

  it('is found again through dispatcherFor', () => {
    const { ctx, dispatcher } = setup('http://127.0.0.1:1/hook', []);
    expect(dispatcherFor(ctx)).toBe(dispatcher);
  });
});

describe('webhook settings', () => {
  it('need a propertyName for propertyChange and an objectTypeId for object.* types', () => {
    const bad = webhookSettingsSchema.safeParse({
      targetUrl: 'http://x.test/h',
      subscriptions: [
        { subscriptionType: 'company.propertyChange' },
        { subscriptionType: 'object.creation' },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'subscriptions.0.propertyName',
      'subscriptions.1.objectTypeId',
    ]);
    expect(webhookSettingsSchema.safeParse({ targetUrl: 'ftp://x', subscriptions: [] }).success).toBe(false);
    expect(
      webhookSettingsSchema.safeParse({
        targetUrl: 'http://x.test',
        subscriptions: [{ subscriptionType: 'note.creation' }],
      }).success,
    ).toBe(false);
  });
});
