import { z } from 'zod';
import { REASON_CODES } from '../churn/codes.ts';
import { curveSchema } from './curve.ts';
import {
  DEFAULT_SIGNAL_CURVES as C,
  DEFAULT_CHURN_THRESHOLDS,
  DEFAULT_COMPONENT_WEIGHTS,
  DEFAULT_REASON_WEIGHTS,
} from './defaults.ts';

/**
 * The one scoring configuration. Every field has a default, so `{}` is a valid
 * config; objects are strict, so a misspelt key is an error rather than silently
 * ignored. Parse it with `parseScoringConfig` (config/parse.ts).
 */
export const COMPONENTS = ['usage', 'support', 'sentiment', 'engagement', 'commercial'] as const;
export type Component = (typeof COMPONENTS)[number];

const weight = z.number().finite().min(0).max(1000);
const propertyName = z.string().min(1).max(100);
const optionalProperty = propertyName.nullable();

const signalSetting = (d: { weight: number; curve: ReadonlyArray<readonly [number, number]> }) =>
  z
    .strictObject({
      weight: weight.default(d.weight),
      curve: curveSchema.default(d.curve.map((p) => [p[0], p[1]])),
    })
    .prefault({});

const healthSchema = z
  .strictObject({
    weights: z
      .strictObject({
        usage: weight.default(DEFAULT_COMPONENT_WEIGHTS.usage),
        support: weight.default(DEFAULT_COMPONENT_WEIGHTS.support),
        sentiment: weight.default(DEFAULT_COMPONENT_WEIGHTS.sentiment),
        engagement: weight.default(DEFAULT_COMPONENT_WEIGHTS.engagement),
        commercial: weight.default(DEFAULT_COMPONENT_WEIGHTS.commercial),
      })
      .prefault({})
      .refine((w) => Object.values(w).some((v) => v > 0), {
        message: 'at least one component weight must be above 0',
        params: { rule: 'weights_above_zero' },
      }),
    bands: z
      .strictObject({
        healthy: z.number().min(0).max(100).default(70),
        atRisk: z.number().min(0).max(100).default(40),
      })
      .prefault({})
      .refine((b) => b.healthy > b.atRisk, {
        message: 'the healthy band must start above the at-risk band',
        params: { rule: 'bands_order' },
        path: ['healthy'],
      }),
    signals: z
      .strictObject({
        usage: z
          .strictObject({
            daysSinceLastLogin: signalSetting(C.usage.daysSinceLastLogin),
            seatUtilisation: signalSetting(C.usage.seatUtilisation),
            featuresUsed: signalSetting(C.usage.featuresUsed),
            usageTrend: signalSetting(C.usage.usageTrend),
          })
          .prefault({}),
        support: z
          .strictObject({
            openUrgentTickets: signalSetting(C.support.openUrgentTickets),
            openTickets: signalSetting(C.support.openTickets),
            ticketSpikeRatio: signalSetting(C.support.ticketSpikeRatio),
            medianDaysToClose: signalSetting(C.support.medianDaysToClose),
            escalations: signalSetting(C.support.escalations),
          })
          .prefault({}),
        sentiment: z
          .strictObject({ nps: signalSetting(C.sentiment.nps), csat: signalSetting(C.sentiment.csat) })
          .prefault({}),
        engagement: z
          .strictObject({ daysSinceLastContact: signalSetting(C.engagement.daysSinceLastContact) })
          .prefault({}),
        commercial: z
          .strictObject({
            daysPaymentOverdue: signalSetting(C.commercial.daysPaymentOverdue),
            netArrChange12m: signalSetting(C.commercial.netArrChange12m),
            failedPayments: signalSetting(C.commercial.failedPayments),
          })
          .prefault({}),
      })
      .prefault({}),
  })
  .prefault({});

const thresholdsShape = {} as Record<keyof typeof DEFAULT_CHURN_THRESHOLDS, z.ZodDefault<z.ZodNumber>>;
for (const [k, v] of Object.entries(DEFAULT_CHURN_THRESHOLDS)) {
  thresholdsShape[k as keyof typeof DEFAULT_CHURN_THRESHOLDS] = z.number().finite().min(0).default(v);
}
const reasonWeightsShape = {} as Record<(typeof REASON_CODES)[number], z.ZodDefault<z.ZodNumber>>;
for (const code of REASON_CODES)
  reasonWeightsShape[code] = z.number().min(0).max(100).default(DEFAULT_REASON_WEIGHTS[code]);

/** A churn model fitted to one portal's own churn history (stats/fit.ts). */
export const fittedModelSchema = z.strictObject({
  kind: z.literal('fitted'),
  intercept: z.number().finite(),
  /** Coefficient per feature: each reason code's severity, and `health_gap` = (100 − health) / 100. */
  coefficients: z.record(z.string(), z.number().finite()),
  fittedAt: z.number().int(),
  samples: z.number().int().min(0),
  churned: z.number().int().min(0),
  aucFitted: z.number().min(0).max(1),
  aucRules: z.number().min(0).max(1).nullable(),
  /**
   * The training customers' mean of each feature: a reason's contribution is measured
   * against an average customer of the portal (absent in older models: against 0).
   */
  baseline: z.record(z.string(), z.number().finite()).optional(),
});

const churnSchema = z
  .strictObject({
    thresholds: z.strictObject(thresholdsShape).prefault({}),
    /**
     * Graded severities: a reason's severity rises from a soft threshold to the hard one
     * (churn/reasons.ts softThreshold) instead of jumping from 0 at it; false restores the cliff.
     */
    graded: z.boolean().default(true),
    weights: z.strictObject(reasonWeightsShape).prefault({}),
    /** How much low health alone raises risk, percent at health 0. */
    healthBaseline: z.number().min(0).max(100).default(35),
    levels: z
      .strictObject({
        medium: z.number().min(0).max(100).default(25),
        high: z.number().min(0).max(100).default(50),
        critical: z.number().min(0).max(100).default(75),
      })
      .prefault({})
      .refine((l) => l.medium < l.high && l.high < l.critical, {
        message: 'levels must rise: medium < high < critical',
        params: { rule: 'levels_rise' },
      }),
    model: z
      .union([z.strictObject({ kind: z.literal('rules') }), fittedModelSchema])
      .default({ kind: 'rules' }),
    /**
     * When enough new outcomes arrived, the model is fitted again before its weekly fit:
     * once the churns and decided renewals recorded since the last fit reach the larger of
     * `newOutcomesAtLeast` and `shareOfExamples` × the last fit's examples (learning/refit.ts).
     */
    refit: z
      .strictObject({
        newOutcomesAtLeast: z.number().int().min(1).max(100_000).default(20),
        shareOfExamples: z.number().min(0).max(1).default(0.1),
      })
      .prefault({}),
  })
  .prefault({});

export const TIERS = ['high', 'low', 'tech'] as const;
export type Tier = (typeof TIERS)[number];

const tiersSchema = z
  .strictObject({
    mode: z.enum(['absolute', 'percentile']).default('absolute'),
    grossMargin: z.number().gt(0).max(1).default(0.8),
    /** Annual churn rate for expected lifetime; null = the portfolio's own. */
    annualChurnRate: z.number().gt(0).max(1).nullable().default(null),
    /** Used when the portfolio's own rate can't be measured (too few customers a year ago). */
    fallbackAnnualChurnRate: z.number().gt(0).max(1).default(0.12),
    /** Caps expected lifetime when churn is tiny, so LTV stays believable. */
    maxLifetimeYears: z.number().gt(0).max(100).default(10),
    absolute: z
      .strictObject({
        highMinLtv: z.number().min(0).default(250_000),
        techMaxLtv: z.number().min(0).default(25_000),
      })
      .prefault({})
      .refine((a) => a.highMinLtv > a.techMaxLtv, {
        message: 'highMinLtv must be above techMaxLtv',
        params: { rule: 'ltv_order' },
        path: ['highMinLtv'],
      }),
    percentile: z
      .strictObject({
        highTopPercent: z.number().min(0).max(100).default(10),
        techBottomPercent: z.number().min(0).max(100).default(50),
      })
      .prefault({})
      .refine((p) => p.highTopPercent + p.techBottomPercent <= 100, {
        message: 'highTopPercent + techBottomPercent must not exceed 100',
        params: { rule: 'percent_sum' },
        path: ['highTopPercent'],
      }),
    tenureLift: z
      .strictObject({ minDays: z.number().int().min(0).default(1095), enabled: z.boolean().default(true) })
      .prefault({}),
    newCustomerCap: z
      .strictObject({
        maxDays: z.number().int().min(0).default(90),
        maxTier: z.enum(TIERS).default('low'),
      })
      .prefault({}),
  })
  .prefault({});

const contractSchema = z
  .strictObject({
    termMonths: z.number().int().min(1).max(120).default(12),
    /**
     * With autoRenew, a term with no recorded renewal outcome rolls over at the same
     * ARR: many portals never log renewal deals, and Vigil never calls a customer
     * churned without evidence (a lost renewal).
     */
    autoRenew: z.boolean().default(true),
    graceDays: z.number().int().min(0).max(365).default(60),
  })
  .prefault({});

const dealKind = z
  .strictObject({ pipelines: z.array(z.string()).default([]), dealTypes: z.array(z.string()).default([]) })
  .prefault({});

const mappingSchema = z
  .strictObject({
    company: z
      .strictObject({
        name: propertyName.default('name'),
        domain: optionalProperty.default('domain'),
        owner: optionalProperty.default('hubspot_owner_id'),
        createdAt: optionalProperty.default('createdate'),
        lastLogin: optionalProperty.default('last_login_date'),
        activeUsers: optionalProperty.default('active_users'),
        licensedSeats: optionalProperty.default('licensed_seats'),
        featuresUsed: optionalProperty.default('features_used'),
        usageLast30d: optionalProperty.default('sessions_last_30d'),
        usagePrev30d: optionalProperty.default('sessions_prev_30d'),
        nps: optionalProperty.default('nps_score'),
        csat: optionalProperty.default('csat_score'),
        lastContact: z
          .array(propertyName)
          .default(['notes_last_contacted', 'hs_last_sales_activity_timestamp']),
        daysPaymentOverdue: optionalProperty.default('days_payment_overdue'),
        failedPayments: optionalProperty.default(null),
        onboardingStatus: optionalProperty.default('onboarding_status'),
        /** CRM option value(s) meaning each onboarding state. */
        onboardingValues: z
          .strictObject({
            not_started: z.array(z.string()).default(['not_started']),
            in_progress: z.array(z.string()).default(['in_progress']),
            completed: z.array(z.string()).default(['completed']),
          })
          .prefault({}),
      })
      .prefault({}),
    deal: z
      .strictObject({
        amount: propertyName.default('amount'),
        stage: propertyName.default('dealstage'),
        closeDate: propertyName.default('closedate'),
        dealType: optionalProperty.default('dealtype'),
        pipeline: optionalProperty.default('pipeline'),
        /** Boolean won/closed fields (Salesforce IsWon / IsClosed) take precedence over stages. */
        isWon: optionalProperty.default(null),
        isClosed: optionalProperty.default(null),
        wonStages: z.array(z.string()).default(['closedwon', 'renewal_won']),
        lostStages: z.array(z.string()).default(['closedlost', 'renewal_lost']),
        renewal: dealKind.default({ pipelines: ['renewals'], dealTypes: ['renewal'] }),
        expansion: dealKind.default({
          pipelines: [],
          dealTypes: ['existingbusiness', 'upsell', 'cross_sell'],
        }),
        contraction: dealKind.default({ pipelines: [], dealTypes: ['downgrade', 'contraction'] }),
      })
      .prefault({}),
    ticket: z
      .strictObject({
        priority: optionalProperty.default('hs_ticket_priority'),
        stage: optionalProperty.default('hs_pipeline_stage'),
        createdAt: propertyName.default('createdate'),
        closedAt: optionalProperty.default('closed_date'),
        isClosed: optionalProperty.default(null),
        escalated: optionalProperty.default(null),
        closedStages: z.array(z.string()).default(['4']),
        priorities: z.array(z.string()).default(['LOW', 'MEDIUM', 'HIGH', 'URGENT']),
        urgentPriorities: z.array(z.string()).default(['HIGH', 'URGENT']),
      })
      .prefault({}),
  })
  .prefault({});

export const scoringConfigSchema = z.strictObject({
  health: healthSchema,
  churn: churnSchema,
  tiers: tiersSchema,
  contract: contractSchema,
  /** A change of status or risk level, or health moving by at least this much, is "material". */
  materialHealthChange: z.number().min(1).max(100).default(10),
  mapping: mappingSchema,
});

export type ScoringConfig = z.output<typeof scoringConfigSchema>;
export type ScoringConfigInput = z.input<typeof scoringConfigSchema>;
export type FittedChurnModel = z.output<typeof fittedModelSchema>;
export type ScoringMapping = ScoringConfig['mapping'];
