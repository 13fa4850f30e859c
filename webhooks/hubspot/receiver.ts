import type { WebhookEventStore } from './event-store.ts';
import { isOwnWrite, normaliseEvent, type WebhookEvent, webhookBodySchema } from './events.ts';
import { verifySignatureV3 } from './signature.ts';

/**
 * The inbound side of HubSpot webhooks, independent of the HTTP framework: verify, parse,
 * normalise, drop Vigil's own writes, store durably (deduplicated by eventId), then hand
 * the install to the trigger — and only then answer 200. HubSpot waits 5 s for an answer
 * and retries otherwise ("Webhooks API", retries), so everything slow (CRM reads, scoring,
 * write-back) happens after the answer.
 *
 * Bad input gets a 4xx, stores and enqueues nothing, and is logged with the reason only —
 * never the signature, the secret or the body.
 *
 * Everything HubSpot itself sent is answered 2xx: HubSpot retries any 4xx/5xx up to 10
 * times over 24 hours and counts it against the app's delivery success rate (webhooks
 * guide, "Retries"; certification asks for > 95 %). So a redelivery of events already
 * stored is a 200 (the event store deduplicates by eventId), and events of a portal with
 * no active install are skipped inside a 200 — one such portal must not make HubSpot
 * retry the other portals' events of the batch.
 */
export const MAX_BODY_BYTES = 256 * 1024;

export interface ReceiverLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface ReceiverDeps {
  /** The app's client secret (HUBSPOT_CLIENT_SECRET, or the sandbox app's). */
  readonly clientSecret: string;
  /** The app's id: events for another app are refused, and our own writes recognised. */
  readonly appId: string;
  readonly installs: {
    findByAccount(crm: 'hubspot', accountId: string): Promise<{ id: string; status: string } | null>;
  };
  readonly events: Pick<WebhookEventStore, 'insert'>;
  readonly trigger: { schedule(installId: string): void };
  readonly clock: { now(): number };
  readonly logger: ReceiverLogger;
}

export interface InboundRequest {
  readonly method: string;
  /** The full URL HubSpot called (the public URL), as signed. */
  readonly uri: string;
  readonly rawBody: Buffer;
  readonly signature: string | undefined;
  readonly timestamp: string | undefined;
}

export type RejectCode =
  | 'too_large'
  | 'bad_signature'
  | 'malformed_json'
  | 'invalid_body'
  | 'wrong_app'
  | 'unknown_portal';

export type ReceiveResult =
  | {
      readonly status: 200;
      readonly body: {
        received: number;
        stored: number;
        duplicates: number;
        skipped: number;
        /** Events of portals without an active install (answered, not stored). */
        unknownPortal: number;
      };
    }
  | {
      readonly status: 400 | 401 | 403 | 413;
      readonly body: { error: RejectCode; message: string };
    };

const reject = (status: 400 | 401 | 403 | 413, error: RejectCode, message: string): ReceiveResult => ({
  status,
  body: { error, message },
});

export async function receiveWebhook(deps: ReceiverDeps, req: InboundRequest): Promise<ReceiveResult> {
  const log = (code: RejectCode, extra: object = {}) =>
    deps.logger.warn(
      { webhook: 'hubspot', rejected: code, bytes: req.rawBody.length, ...extra },
      'webhook refused',
    );
  if (req.rawBody.length > MAX_BODY_BYTES) {
    log('too_large');
    return reject(413, 'too_large', `The body is larger than ${MAX_BODY_BYTES} bytes`);
  }
  const body = req.rawBody.toString('utf8');
  const verified = verifySignatureV3({
    secret: deps.clientSecret,
    method: req.method,
    uri: req.uri,
    body,
    timestamp: req.timestamp,
    signature: req.signature,
    now: deps.clock.now(),
  });
  if (!verified.ok) {
    log('bad_signature', { reason: verified.reason });
    return reject(401, 'bad_signature', `The request signature is ${verified.reason}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    log('malformed_json');
    return reject(400, 'malformed_json', 'The body is not JSON');
  }
  const parsed = webhookBodySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    log('invalid_body', { path: issue?.path.join('.') });
    return reject(
      400,
      'invalid_body',
      `The body is not a list of HubSpot events (${issue?.path.join('.') ?? ''})`,
    );
  }
  const apiEvents = parsed.data;
  if (apiEvents.some((e) => e.appId !== null && e.appId !== undefined && e.appId !== deps.appId)) {
    log('wrong_app');
    return reject(403, 'wrong_app', 'The events are for another app');
  }

  const portals = [...new Set(apiEvents.map((e) => e.portalId))];
  const installs = new Map<string, string>();
  for (const portalId of portals) {
    const install = await deps.installs.findByAccount('hubspot', portalId);
    if (install === null || install.status !== 'active') log('unknown_portal', { portalId });
    else installs.set(portalId, install.id);
  }

  const followed: WebhookEvent[] = [];
  let skipped = 0;
  let unknownPortal = 0;
  for (const e of apiEvents) {
    if (!installs.has(e.portalId)) {
      unknownPortal++;
      continue;
    }
    const event = normaliseEvent(e);
    if (event === null || isOwnWrite(event, deps.appId)) skipped++;
    else followed.push(event);
  }

  let stored = 0;
  const touched: string[] = [];
  for (const [portalId, installId] of installs) {
    const mine = followed.filter((e) => e.portalId === portalId);
    const fresh = await deps.events.insert(installId, mine);
    stored += fresh.length;
    if (fresh.length > 0) touched.push(installId);
  }
  const duplicates = followed.length - stored;
  for (const installId of touched) deps.trigger.schedule(installId);
  deps.logger.info(
    {
      webhook: 'hubspot',
      received: apiEvents.length,
      stored,
      duplicates,
      skipped,
      unknownPortal,
      installs: touched.length,
    },
    'webhook events stored',
  );
  return { status: 200, body: { received: apiEvents.length, stored, duplicates, skipped, unknownPortal } };
}
