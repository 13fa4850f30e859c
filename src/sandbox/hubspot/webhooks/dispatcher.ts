import { createRng } from '../../seed/rng.ts';
import type { WebhookSettings } from './config.ts';
import { type DeliveryAttempt, DeliveryLog } from './delivery-log.ts';
import { eventsFor, type PortalChange, type WebhookEvent } from './events.ts';
import { deliveryTimeoutMs, isDelivered, retryDelayMs } from './retry.ts';
import { signatureV1, signatureV3 } from './signature.ts';

/** A portal as the dispatcher needs it: its id and its change feed. */
export interface ChangeFeed {
  portalId: number;
  onChange(listener: (change: PortalChange) => void): () => void;
}

/** The part of the sandbox context the dispatcher reads. */
export interface WebhookContext {
  sandbox: {
    portals: Map<number, ChangeFeed>;
    /** Called for each portal added or replaced later (a reseed replaces the state). */
    onPortal?(listener: (portal: ChangeFeed) => void): () => void;
  };
  clock: { now(): number };
  options: { webhookTimeScale?: number };
}

/** HubSpot sends at most 100 events in one request ("Webhooks API", "Webhook payloads"). */
export const MAX_EVENTS_PER_REQUEST = 100;

interface Delivery {
  id: number;
  portalId: number;
  events: WebhookEvent[];
  attemptNumber: number;
}

const dispatchers = new WeakMap<object, WebhookDispatcher>();

/** The sandbox's dispatcher (the one the app started, or a new one). */
export function dispatcherFor(ctx: WebhookContext): WebhookDispatcher {
  return dispatchers.get(ctx) ?? new WebhookDispatcher(ctx);
}

/**
 * Delivers every portal's changes to the app's webhook subscriptions as HubSpot does:
 * events of one portal gather for a short window into JSON arrays of at most 100,
 * each request signed (v3 and v1 headers), at most `maxConcurrentRequests` in flight,
 * failures retried with backoff and a growing `attemptNumber`, every attempt logged.
 */
export class WebhookDispatcher {
  readonly log = new DeliveryLog();
  #ctx: WebhookContext;
  #settings: WebhookSettings | null = null;
  /** The feed each portal id is listened on, and how to stop listening. */
  #feeds = new Map<number, { feed: ChangeFeed; off: () => void }>();
  #offPortals: (() => void) | null = null;
  #pending = new Map<number, { events: WebhookEvent[]; timer: NodeJS.Timeout | null }>();
  #queue: Delivery[] = [];
  #active = new Set<AbortController>();
  #retryTimers = new Set<NodeJS.Timeout>();
  #nextEventId = 1;
  #nextDeliveryId = 1;
  #random = createRng(0x5eed).next;
  #idleWaiters: Array<() => void> = [];
  #started = false;

  constructor(ctx: WebhookContext) {
    this.#ctx = ctx;
    dispatchers.set(ctx, this);
  }

  get settings(): WebhookSettings | null {
    return this.#settings === null ? null : structuredClone(this.#settings);
  }

  /** Replaces the subscriptions (null = none); events already gathered are still sent. */
  configure(settings: WebhookSettings | null): void {
    this.#settings = settings;
  }

  /** Listens to every portal's changes, and to portals added or replaced later (idempotent). */
  start(): void {
    this.#started = true;
    for (const portal of this.#ctx.sandbox.portals.values()) this.#listen(portal);
    if (this.#offPortals === null && this.#ctx.sandbox.onPortal) {
      this.#offPortals = this.#ctx.sandbox.onPortal((portal) => this.#listen(portal));
    }
  }

  #listen(feed: ChangeFeed): void {
    const current = this.#feeds.get(feed.portalId);
    if (current?.feed === feed) return;
    current?.off();
    const off = feed.onChange((change) => this.#onChange(feed.portalId, change));
    this.#feeds.set(feed.portalId, { feed, off });
  }

  /** Stops listening, drops what is queued and aborts what is in flight. */
  async stop(): Promise<void> {
    this.#started = false;
    for (const { off } of this.#feeds.values()) off();
    this.#feeds.clear();
    this.#offPortals?.();
    this.#offPortals = null;
    for (const { timer } of this.#pending.values()) if (timer) clearTimeout(timer);
    this.#pending.clear();
    for (const timer of this.#retryTimers) clearTimeout(timer);
    this.#retryTimers.clear();
    this.#queue = [];
    for (const controller of this.#active) controller.abort();
    await this.idle();
  }

  /** Resolves when nothing is gathered, queued, in flight or waiting for a retry. */
  idle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #onChange(portalId: number, change: PortalChange): void {
    const settings = this.#settings;
    if (!this.#started || settings === null) return;
    const ids = { next: () => this.#nextEventId++ };
    const events = eventsFor(change, settings.subscriptions, portalId, settings.appId, ids);
    if (events.length === 0) return;
    let pending = this.#pending.get(portalId);
    if (!pending) {
      pending = { events: [], timer: null };
      this.#pending.set(portalId, pending);
    }
    pending.events.push(...events);
    if (pending.events.length >= MAX_EVENTS_PER_REQUEST) this.#flush(portalId);
    else if (pending.timer === null) {
      pending.timer = setTimeout(() => this.#flush(portalId), settings.batchWindowMs);
    }
  }

  #flush(portalId: number): void {
    const pending = this.#pending.get(portalId);
    if (!pending) return;
    if (pending.timer) clearTimeout(pending.timer);
    this.#pending.delete(portalId);
    for (let i = 0; i < pending.events.length; i += MAX_EVENTS_PER_REQUEST) {
      const events = pending.events.slice(i, i + MAX_EVENTS_PER_REQUEST);
      this.#queue.push({ id: this.#nextDeliveryId++, portalId, events, attemptNumber: 0 });
    }
    this.#pump();
  }

  #pump(): void {
    const limit = this.#settings?.maxConcurrentRequests ?? 10;
    while (this.#active.size < limit && this.#queue.length > 0) {
      const delivery = this.#queue.shift()!;
      const controller = new AbortController();
      this.#active.add(controller);
      void this.#attempt(delivery, controller).finally(() => {
        this.#active.delete(controller);
        this.#pump();
        this.#notifyIfIdle();
      });
    }
    this.#notifyIfIdle();
  }

  async #attempt(delivery: Delivery, controller: AbortController): Promise<void> {
    const settings = this.#settings;
    if (settings === null) return;
    const scale = this.#ctx.options.webhookTimeScale ?? 1;
    const body = JSON.stringify(
      delivery.events.map((e) => ({ ...e, attemptNumber: delivery.attemptNumber })),
    );
    const timestamp = this.#ctx.clock.now();
    const started = performance.now();
    const timeout = setTimeout(() => controller.abort(new Error('timeout')), deliveryTimeoutMs(scale));
    let status: number | null = null;
    let error: string | undefined;
    try {
      const res = await fetch(settings.targetUrl, {
        method: 'POST',
        body,
        headers: requestHeaders(settings, body, timestamp),
        signal: controller.signal,
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      error = controller.signal.aborted ? 'timeout' : errorMessage(err);
    } finally {
      clearTimeout(timeout);
    }
    const delivered = status !== null && isDelivered(status);
    const delay =
      delivered || !this.#started ? null : retryDelayMs(delivery.attemptNumber, scale, this.#random);
    this.log.add(
      attemptRecord(delivery, settings.targetUrl, timestamp, started, status, error, delivered, delay),
    );
    if (delay !== null)
      this.#scheduleRetry({ ...delivery, attemptNumber: delivery.attemptNumber + 1 }, delay);
  }

  #scheduleRetry(delivery: Delivery, delayMs: number): void {
    const timer = setTimeout(() => {
      this.#retryTimers.delete(timer);
      this.#queue.push(delivery);
      this.#pump();
    }, delayMs);
    this.#retryTimers.add(timer);
  }

  #isIdle(): boolean {
    return (
      this.#pending.size === 0 &&
      this.#queue.length === 0 &&
      this.#active.size === 0 &&
      this.#retryTimers.size === 0
    );
  }

  #notifyIfIdle(): void {
    if (!this.#isIdle()) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }
}

/** The headers HubSpot sends with a webhook request. */
function requestHeaders(settings: WebhookSettings, body: string, timestamp: number): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'User-Agent': 'HubSpot Connect 2.0 (vigil sandbox; namespace: webhooks)',
    'X-HubSpot-Request-Timestamp': String(timestamp),
    'X-HubSpot-Signature-v3': signatureV3(settings.clientSecret, 'POST', settings.targetUrl, body, timestamp),
    'X-HubSpot-Signature': signatureV1(settings.clientSecret, body),
    'X-HubSpot-Signature-Version': 'v1',
  };
}

function attemptRecord(
  delivery: Delivery,
  url: string,
  timestamp: number,
  started: number,
  status: number | null,
  error: string | undefined,
  delivered: boolean,
  retryDelay: number | null,
): DeliveryAttempt {
  const record: DeliveryAttempt = {
    deliveryId: delivery.id,
    portalId: delivery.portalId,
    url,
    attemptNumber: delivery.attemptNumber,
    startedAt: timestamp,
    durationMs: Math.round(performance.now() - started),
    status,
    eventIds: delivery.events.map((e) => e.eventId),
    outcome: delivered ? 'delivered' : retryDelay !== null ? 'retrying' : 'failed',
  };
  if (error !== undefined) record.error = error;
  return record;
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    return cause instanceof Error ? `${err.message}: ${cause.message}` : err.message;
  }
  return String(err);
}
