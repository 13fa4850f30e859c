import express, { type ErrorRequestHandler, Router } from 'express';
import { Counter } from 'prom-client';
import { MAX_BODY_BYTES, type ReceiverDeps, receiveWebhook } from '../../../webhooks/hubspot/receiver.ts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../../webhooks/hubspot/signature.ts';
import { registry } from '../../metrics/registry.ts';
import { header, rawBody, signedUri } from './signed-request.ts';

/**
 * `POST /webhooks/hubspot` — HubSpot's webhook deliveries. The route only moves bytes:
 * verification, parsing, storage and scheduling are in webhooks/hubspot/receiver.ts.
 * The body is read raw (the signature covers the exact bytes) with a size cap one byte
 * above the receiver's, so an oversized body is refused by the receiver's own rule.
 */
export interface HubSpotWebhookRouterDeps extends ReceiverDeps {
  /** Vigil's public URL (the webhook target URL HubSpot signs is `${publicUrl}/webhooks/hubspot`). */
  readonly publicUrl: string;
}

export const WEBHOOK_PATH = '/webhooks/hubspot';

/**
 * Vigil's side of HubSpot's delivery success rate: every answer to a delivery by status
 * class. HubSpot retries anything but 2xx and certification asks for > 95 % delivered, so
 * `sum(rate(…{class="2xx"})) / sum(rate(…))` is the number to watch.
 */
export const webhookAnswers = new Counter({
  name: 'vigil_webhook_answers_total',
  help: 'Answers to HubSpot webhook deliveries, by status class (2xx, 4xx, 5xx)',
  labelNames: ['crm', 'class'] as const,
  registers: [registry],
});

function countAnswer(status: number): void {
  webhookAnswers.inc({ crm: 'hubspot', class: `${Math.floor(status / 100)}xx` });
}

export function hubspotWebhookRouter(deps: HubSpotWebhookRouterDeps): Router {
  const router = Router();
  router.post(
    WEBHOOK_PATH,
    express.raw({ type: () => true, limit: MAX_BODY_BYTES + 1 }),
    async (req, res) => {
      const result = await receiveWebhook(deps, {
        method: req.method,
        uri: signedUri(deps.publicUrl, req),
        rawBody: rawBody(req),
        signature: header(req, SIGNATURE_HEADER),
        timestamp: header(req, TIMESTAMP_HEADER),
      });
      countAnswer(result.status);
      res.status(result.status).json(result.body);
    },
  );
  // body-parser's own refusals (a body past the cap, a bad encoding) as the receiver's 4xx.
  const refused: ErrorRequestHandler = (error: unknown, _req, res, next) => {
    const status = (error as { status?: unknown }).status;
    if (typeof status !== 'number' || status < 400 || status >= 500) return next(error);
    deps.logger.warn(
      { webhook: 'hubspot', rejected: status === 413 ? 'too_large' : 'unreadable' },
      'webhook refused',
    );
    countAnswer(status);
    res.status(status).json({
      error: status === 413 ? 'too_large' : 'unreadable',
      message:
        status === 413 ? `The body is larger than ${MAX_BODY_BYTES} bytes` : 'The body could not be read',
    });
  };
  router.use(WEBHOOK_PATH, refused);
  return router;
}
