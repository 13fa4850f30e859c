import { z } from 'zod';

/**
 * The app's webhook settings, as a developer sets them in the app's "Webhooks" page
 * (or the webhooks v3 API): one target URL, a concurrency limit, and subscriptions to
 * CRM event types. In the sandbox they are set through `PUT /__sandbox/webhooks`.
 *
 * Subscription types follow HubSpot's webhooks API ("Webhooks API", developers.hubspot.com
 * /docs/api/webhooks): `{object}.{event}` for contacts, companies, deals and tickets,
 * and the newer generic `object.{event}` types, which need an `objectTypeId` (`0-2`).
 * A `propertyChange` subscription names the one property it watches.
 */
export const OBJECT_PREFIXES = ['contact', 'company', 'deal', 'ticket'] as const;
export const EVENT_NAMES = [
  'creation',
  'deletion',
  'propertyChange',
  'merge',
  'restore',
  'associationChange',
  'privacyDeletion',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

const SUBSCRIPTION_TYPE = new RegExp(
  `^(${[...OBJECT_PREFIXES, 'object'].join('|')})\\.(${EVENT_NAMES.join('|')})$`,
);

export const subscriptionSchema = z
  .object({
    subscriptionType: z
      .string()
      .regex(SUBSCRIPTION_TYPE, 'must be like company.creation, deal.propertyChange or object.creation'),
    propertyName: z.string().min(1).optional(),
    objectTypeId: z
      .string()
      .regex(/^\d+-\d+$/, 'must be an object type id like 0-2')
      .optional(),
    active: z.boolean().default(true),
  })
  .strict()
  .superRefine((sub, issue) => {
    if (sub.subscriptionType.endsWith('.propertyChange') && sub.propertyName === undefined) {
      issue.addIssue({
        code: 'custom',
        path: ['propertyName'],
        message: 'propertyChange subscriptions need a propertyName',
      });
    }
    if (sub.subscriptionType.startsWith('object.') && sub.objectTypeId === undefined) {
      issue.addIssue({
        code: 'custom',
        path: ['objectTypeId'],
        message: 'object.* subscriptions need an objectTypeId',
      });
    }
  });

export const webhookSettingsSchema = z
  .object({
    targetUrl: z.url({ protocol: /^https?$/ }),
    /** The app's client secret, which signs every request; defaults to the sandbox app's. */
    clientSecret: z.string().min(1).optional(),
    /** The app the subscriptions belong to; defaults to the sandbox app. */
    appId: z.number().int().positive().optional(),
    /** HubSpot's per-app concurrency limit for webhook requests (settable 5..100; default 10). */
    maxConcurrentRequests: z.number().int().min(1).max(100).default(10),
    /** How long events of one portal gather into a batch before it is sent (real ms). */
    batchWindowMs: z.number().int().min(0).max(60_000).default(50),
    subscriptions: z.array(subscriptionSchema).max(1000),
  })
  .strict();

export type WebhookSettingsInput = z.input<typeof webhookSettingsSchema>;
export type Subscription = z.output<typeof subscriptionSchema> & { id: number };
export interface WebhookSettings {
  targetUrl: string;
  clientSecret: string;
  appId: number;
  maxConcurrentRequests: number;
  batchWindowMs: number;
  subscriptions: Subscription[];
}

/**
 * Settings as the dispatcher uses them: the app and secret filled in from the sandbox's
 * app when the caller left them out, and ids given to the subscriptions in order.
 */
export function toWebhookSettings(
  input: z.output<typeof webhookSettingsSchema>,
  app: { appId: number; clientSecret: string },
  firstSubscriptionId = 1,
): WebhookSettings {
  return {
    targetUrl: input.targetUrl,
    clientSecret: input.clientSecret ?? app.clientSecret,
    appId: input.appId ?? app.appId,
    maxConcurrentRequests: input.maxConcurrentRequests,
    batchWindowMs: input.batchWindowMs,
    subscriptions: input.subscriptions.map((sub, i) => ({ ...sub, id: firstSubscriptionId + i })),
  };
}
