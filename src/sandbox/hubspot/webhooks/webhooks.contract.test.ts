import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Signature } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../server.ts';
import type { WebhookEvent } from './events.ts';

// End to end: a write through the real @hubspot/api-client and an edit "in the UI" (control
// API) reach a local receiver as HubSpot webhooks, whose v3 signature the client library's
// own validator (HubSpot's published algorithm) accepts.
let sandbox: RunningSandbox;
const received: Array<{ url: string; headers: Record<string, string | string[] | undefined>; body: string }> =
  [];
const statuses = [503];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    received.push({ url: req.url ?? '', headers: req.headers, body });
    res.writeHead(statuses.shift() ?? 200).end();
  });
});
let target = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/hubspot?via=sandbox`;
  sandbox = await startSandbox({ port: 0, portals: [{ size: 'tiny', seed: 5 }], webhookTimeScale: 600_000 });
});
afterAll(async () => {
  await sandbox.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

describe('webhook deliveries', () => {
  it('deliver signed batches, retried after a failure, with the app or the UI as source', async () => {
    const put = await fetch(`${sandbox.baseUrl}/__sandbox/webhooks`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        targetUrl: target,
        batchWindowMs: 20,
        subscriptions: [
          { subscriptionType: 'company.propertyChange', propertyName: 'name' },
          { subscriptionType: 'company.creation' },
        ],
      }),
    });
    expect(put.status).toBe(200);
    const portalId = sandbox.portals[0]!.portalId;
    const hubspot = new Client({
      accessToken: sandbox.portals[0]!.privateAppToken,
      basePath: sandbox.baseUrl,
    });
    const created = await hubspot.crm.companies.basicApi.create({
      properties: { name: 'Webhook Co' },
      associations: [],
    });
    await fetch(`${sandbox.baseUrl}/__sandbox/portals/${portalId}/objects/companies/${created.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { name: 'Renamed in the UI' } }),
    });
    const { dispatcherFor } = await import('./dispatcher.ts');
    await dispatcherFor(sandbox.context).idle();

    const events = received.flatMap((r) => JSON.parse(r.body) as WebhookEvent[]);
    expect(received[0]!.headers['x-hubspot-signature-version']).toBe('v1');
    for (const r of received) {
      const valid = Signature.isValid({
        signatureVersion: 'v3',
        method: 'POST',
        url: target,
        requestBody: r.body,
        clientSecret: sandbox.app.clientSecret,
        signature: String(r.headers['x-hubspot-signature-v3']),
        timestamp: Number(r.headers['x-hubspot-request-timestamp']),
      });
      expect(valid).toBe(true);
    }
    // the first request got 503, so the same events came again with attemptNumber 1
    expect(events[0]!.attemptNumber).toBe(0);
    expect(events.filter((e) => e.eventId === events[0]!.eventId).map((e) => e.attemptNumber)).toEqual([
      0, 1,
    ]);
    const finalById = new Map(events.map((e) => [e.eventId, e]));
    const byType = [...finalById.values()].map((e) => [
      e.subscriptionType,
      e.changeSource,
      e.propertyValue ?? null,
    ]);
    expect(byType).toEqual([
      ['company.creation', 'INTEGRATION', null],
      ['company.propertyChange', 'INTEGRATION', 'Webhook Co'],
      ['company.propertyChange', 'CRM_UI', 'Renamed in the UI'],
    ]);
    const log = (await (await fetch(`${sandbox.baseUrl}/__sandbox/webhooks/deliveries`)).json()) as {
      results: Array<{ status: number; outcome: string; attemptNumber: number }>;
    };
    expect(log.results[0]).toMatchObject({ status: 503, outcome: 'retrying', attemptNumber: 0 });
    expect(log.results.filter((a) => a.outcome === 'delivered').length).toBeGreaterThan(0);
  });
});
