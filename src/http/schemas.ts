import { z } from 'zod';
import { REASON_CODES } from '../domain/churn/codes.ts';
import { COMPONENTS, TIERS } from '../domain/config/schema.ts';
import { SCORE_CAUSES } from '../domain/score-cause.ts';

/**
 * The JSON API's shapes: query parameters parsed here (a bad one is a 400 naming it),
 * and every response body parsed before it is sent, so a field the store adds never
 * leaks out unannounced and the contract tests check the same schemas clients rely on.
 */

const tier = z.enum(TIERS);
/** TierFacts (src/domain/tiers/explain.ts) as the API sends them. */
const tierFactsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('no_revenue'), churned: z.boolean() }),
  z.object({
    kind: z.literal('ltv'),
    ltv: z.number(),
    arr: z.number(),
    grossMargin: z.number(),
    lifetimeYears: z.number(),
    base: tier,
    by: z.discriminatedUnion('rule', [
      z.object({ rule: z.literal('absolute'), highMinLtv: z.number(), techMaxLtv: z.number() }),
      z.object({
        rule: z.literal('percentile'),
        rank: z.number(),
        paying: z.number(),
        highTopPercent: z.number(),
        techBottomPercent: z.number(),
      }),
    ]),
    lift: z.object({ tenureDays: z.number(), minDays: z.number(), to: tier }).optional(),
    cap: z.object({ tenureDays: z.number(), maxDays: z.number(), from: tier, to: tier }).optional(),
  }),
]);

export const HEALTH_STATUSES = ['healthy', 'neutral', 'at_risk'] as const;
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export const COMPANY_SORTS = ['churn_risk', 'health', 'arr', 'name'] as const;
export type CompanySort = (typeof COMPANY_SORTS)[number];

/** The order a list is most useful in: riskiest, least healthy, largest first; names A–Z. */
export const DEFAULT_ORDER: Record<CompanySort, 'asc' | 'desc'> = {
  churn_risk: 'desc',
  health: 'asc',
  arr: 'desc',
  name: 'asc',
};

const installIdParam = z.string().min(1).max(100).optional();

export const companiesQuerySchema = z
  .strictObject({
    installId: installIdParam,
    sort: z.enum(COMPANY_SORTS).default('churn_risk'),
    order: z.enum(['asc', 'desc']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).max(512).optional(),
    tier: z.enum(TIERS).optional(),
    level: z.enum(RISK_LEVELS).optional(),
    reason: z.enum(REASON_CODES).optional(),
    owner: z
      .string()
      .regex(/^\d{1,20}$/, 'must be a HubSpot owner id (digits)')
      .optional(),
    /**
     * Owners whose name contains this text, any case ("sato" finds "Sato Hanako", "佐藤"
     * finds "佐藤 花子"); an owner the CRM gave no name is found by its id.
     */
    ownerName: z.string().trim().min(1, 'must not be empty').max(100).optional(),
    /** Churned customers are left out of the at-risk list unless asked for. */
    customers: z.enum(['active', 'churned', 'all']).default('active'),
  })
  .transform((q) => ({ ...q, order: q.order ?? DEFAULT_ORDER[q.sort] }));
export type CompaniesQuery = z.output<typeof companiesQuerySchema>;

export const installQuerySchema = z.strictObject({ installId: installIdParam });

export const runsQuerySchema = z.strictObject({
  installId: installIdParam,
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const companyIdParamSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a CRM record id');

const isoTime = z.iso.datetime();
const count = z.number().int().nonnegative();

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});

export const reasonSchema = z.object({
  code: z.enum(REASON_CODES),
  sentence: z.string(),
  contribution: z.number(),
  /** The numbers behind the sentence (absent for scores stored before they were kept). */
  values: z.record(z.string(), z.union([z.number(), z.string(), z.null()])).optional(),
});

export const runSchema = z.object({
  id: z.string(),
  kind: z.enum(['full', 'incremental']),
  status: z.string(),
  startedAt: isoTime,
  finishedAt: isoTime.nullable(),
  durationMs: z.number().nullable(),
  stats: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
});
export type RunBody = z.infer<typeof runSchema>;

export const portfolioSchema = z.object({
  install: z.object({ id: z.string(), crm: z.string(), accountId: z.string() }),
  counts: z.object({ companies: count, deals: count, tickets: count, scored: count }),
  health: z.object({
    average: z.number().nullable(),
    statuses: z.object({ healthy: count, neutral: count, at_risk: count, unscored: count }),
  }),
  risk: z.object({
    average: z.number().nullable(),
    levels: z.object({ low: count, medium: count, high: count, critical: count }),
  }),
  tiers: z.object({ high: count, low: count, tech: count }),
  lastScoredAt: isoTime.nullable(),
  kpis: z
    .object({ runId: z.string().nullable(), at: isoTime, values: z.record(z.string(), z.unknown()) })
    .nullable(),
  lastSync: runSchema.nullable(),
});
export type PortfolioBody = z.infer<typeof portfolioSchema>;

export const companySummarySchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  owner: z.string().nullable(),
  health: z.number().nullable(),
  status: z.enum(HEALTH_STATUSES).nullable(),
  confidence: z.number(),
  change30d: z.number().nullable(),
  churnRisk: z.number(),
  riskLevel: z.enum(RISK_LEVELS),
  /** The top reasons, as written to vigil_churn_reasons. */
  reasons: z.array(reasonSchema),
  tier: z.enum(TIERS),
  expectedLtv: z.number().nullable(),
  arr: z.number().nullable(),
  renewalDate: isoTime.nullable(),
  scoredAt: isoTime,
});
export type CompanySummary = z.infer<typeof companySummarySchema>;

export const companyListSchema = z.object({
  items: z.array(companySummarySchema),
  nextCursor: z.string().nullable(),
  sort: z.enum(COMPANY_SORTS),
  order: z.enum(['asc', 'desc']),
});

export const companyDetailSchema = companySummarySchema.extend({
  breakdown: z.array(
    z.object({
      component: z.enum(COMPONENTS),
      score: z.number().nullable(),
      weight: z.number(),
      effectiveWeight: z.number(),
      signals: z.array(
        z.object({
          signal: z.string(),
          value: z.number().nullable(),
          score: z.number().nullable(),
          weight: z.number(),
        }),
      ),
    }),
  ),
  riskModel: z.enum(['rules', 'fitted']),
  /** Every reason that fired, highest contribution first. */
  allReasons: z.array(reasonSchema),
  tierDetail: z.object({
    tier: z.enum(TIERS),
    expectedLtv: z.number().nullable(),
    lifetimeYears: z.number(),
    annualChurnRate: z.number(),
    rule: z.string(),
    explanation: z.string(),
    /** The numbers behind `explanation`, to say it in another language (absent on scores saved before). */
    facts: tierFactsSchema.optional(),
  }),
  /** The signal groups (usage, support, sentiment, engagement, commercial, lifecycle). */
  signals: z.record(z.string(), z.unknown()),
  dataQuality: z.array(
    z.object({
      field: z.string(),
      property: z.string(),
      recordId: z.string(),
      message: z.string(),
      /** What is wrong (not_a_number, negative, out_of_range, …) and the value, to say it in any language. */
      problem: z.string().optional(),
      value: z.string().optional(),
    }),
  ),
  history: z.array(
    z.object({
      at: isoTime,
      health: z.number().nullable(),
      status: z.enum(HEALTH_STATUSES).nullable(),
      churnRisk: z.number(),
      riskLevel: z.enum(RISK_LEVELS),
      tier: z.enum(TIERS).nullable(),
      /** Why the score moved: new CRM data, a settings edit, or a churn model adopted or reverted. */
      cause: z.enum(SCORE_CAUSES),
    }),
  ),
  timeline: z.array(
    z.object({
      id: z.string(),
      occurredAt: isoTime,
      title: z.string(),
      body: z.string(),
      status: z.enum(['pending', 'sent', 'failed']),
      via: z.string().nullable(),
    }),
  ),
});
export type CompanyDetail = z.infer<typeof companyDetailSchema>;

export const runsSchema = z.object({ items: z.array(runSchema) });

export const healthzSchema = z.object({ status: z.literal('ok') });

export const readyzSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(['ok', 'unreachable']),
  queue: z.enum(['ok', 'unreachable', 'none']),
});
