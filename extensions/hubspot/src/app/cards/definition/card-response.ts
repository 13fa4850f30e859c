import { z } from 'zod';

/**
 * What the card API answers (`GET /hubspot/card/companies/:companyId`), shared by the
 * card and the server (src/http/hubspot/card-view.ts builds it, and checks with
 * `satisfies` that these unions are exactly the scoring core's). The card parses every
 * answer with this schema: a server of another version shows the error state, never
 * half a card.
 */
export const HEALTH_STATUSES = ['healthy', 'neutral', 'at_risk'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];
export const TIERS = ['high', 'low', 'tech'] as const;
export type Tier = (typeof TIERS)[number];
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Below this share of the scoring weight with data, the card says the score is thin. */
export const LOW_CONFIDENCE = 0.6;
/** The card shows at most this many churn reasons. */
export const MAX_REASONS = 3;

export interface CardReason {
  code: string;
  sentence: string;
}

export interface CardHistoryPoint {
  /** Epoch ms. */
  at: number;
  health: number | null;
}

export interface CardScore {
  health: number | null;
  status: HealthStatus | null;
  change30d: number | null;
  /** Share (0–1) of the scoring weight that had data. */
  confidence: number;
  lowConfidence: boolean;
  tier: Tier;
  expectedLtv: number | null;
  arr: number | null;
  risk: number;
  riskLevel: RiskLevel;
  reasons: CardReason[];
  history: CardHistoryPoint[];
  /** Epoch ms. */
  scoredAt: number;
  /** The company's owner in the CRM (HubSpot owner id); null when nobody owns it. */
  ownerId: string | null;
  /** That owner's name, from Vigil's cache of the CRM's owners; null when not known. */
  ownerName: string | null;
}

export interface CardLinks {
  dashboard: string;
  settings: string;
}

/** `currency`: ISO 4217 code of the portal's company currency; the card shows amounts in it. */
export type CardResponse =
  | { state: 'scored'; companyId: string; currency: string; score: CardScore; links: CardLinks }
  | { state: 'not_scored'; companyId: string; currency: string; links: CardLinks };

export interface RescoreResponse {
  queued: boolean;
  companyId: string;
}

const statusSchema = z.enum(HEALTH_STATUSES);
const tierSchema = z.enum(TIERS);
const levelSchema = z.enum(RISK_LEVELS);
/** An ISO 4217 code Intl knows (an unknown one would be printed as-is next to the amount). */
const currencySchema = z
  .string()
  .refine((c) => /^[A-Z]{3}$/.test(c) && Intl.supportedValuesOf('currency').includes(c));
const linksSchema = z.object({ dashboard: z.url(), settings: z.url() }) satisfies z.ZodType<CardLinks>;

export const cardScoreSchema = z.object({
  health: z.number().min(0).max(100).nullable(),
  status: statusSchema.nullable(),
  change30d: z.number().nullable(),
  confidence: z.number().min(0).max(1),
  lowConfidence: z.boolean(),
  tier: tierSchema,
  expectedLtv: z.number().nullable(),
  arr: z.number().nullable(),
  risk: z.number().min(0).max(100),
  riskLevel: levelSchema,
  reasons: z.array(z.object({ code: z.string(), sentence: z.string() })).max(MAX_REASONS),
  history: z.array(z.object({ at: z.number(), health: z.number().nullable() })),
  scoredAt: z.number(),
  ownerId: z.string().min(1).nullable(),
  ownerName: z.string().min(1).nullable(),
}) satisfies z.ZodType<CardScore>;

export const cardResponseSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('scored'),
    companyId: z.string(),
    currency: currencySchema,
    score: cardScoreSchema,
    links: linksSchema,
  }),
  z.object({
    state: z.literal('not_scored'),
    companyId: z.string(),
    currency: currencySchema,
    links: linksSchema,
  }),
]) satisfies z.ZodType<CardResponse>;

export const rescoreResponseSchema = z.object({
  queued: z.boolean(),
  companyId: z.string(),
}) satisfies z.ZodType<RescoreResponse>;
