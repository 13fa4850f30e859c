import { defaultScoringConfig } from '../config/parse.ts';
import type { ScoringConfig, ScoringMapping } from '../config/schema.ts';
import { type CompanyRecord, DAY_MS, type DealRecord, type TicketRecord } from '../records.ts';
import { addMonths, arrAt, buildArrTimeline, nextRenewalDate } from './commercial.ts';
import { classifyDeal } from './deals.ts';
import { note, readDate, readNumber, readString } from './parse.ts';
import { supportSignals } from './tickets.ts';
import {
  type CommercialSignals,
  type DataQualityNote,
  ONBOARDING_STATUSES,
  type OnboardingStatus,
  type Signals,
  type UsageSignals,
} from './types.ts';

const DEFAULT_CONTRACT: ScoringConfig['contract'] = defaultScoringConfig().contract;

/**
 * Turns one company's CRM records into the signals of DESIGN §1. Pure: `now` is the
 * as-of time. Unusable values become `null` with a note in `quality`; this never throws
 * on data.
 */
export function extractSignals(
  company: CompanyRecord,
  deals: readonly DealRecord[],
  tickets: readonly TicketRecord[],
  mapping: ScoringMapping,
  now: number,
  contract: ScoringConfig['contract'] = DEFAULT_CONTRACT,
): Signals {
  const notes: DataQualityNote[] = [];
  const m = mapping.company;
  const p = company.properties;
  const id = company.id;
  const num = (field: string, prop: string | null, min?: number, max?: number) =>
    prop === null ? null : readNumber(p[prop], { field, property: prop, recordId: id }, notes, { min, max });
  const daysSince = (field: string, prop: string | null) => {
    if (prop === null) return null;
    const t = readDate(p[prop], { field, property: prop, recordId: id }, notes, now);
    return t === null ? null : Math.max(0, Math.floor((now - t) / DAY_MS));
  };

  // --- usage
  const activeUsers = num('usage.activeUsers', m.activeUsers, 0);
  const licensedSeats = num('usage.licensedSeats', m.licensedSeats, 0);
  let seatUtilisation: number | null = null;
  if (activeUsers !== null && licensedSeats !== null && licensedSeats > 0) {
    if (activeUsers > licensedSeats) {
      note(
        notes,
        { field: 'usage.activeUsers', property: m.activeUsers!, recordId: id },
        p[m.activeUsers!],
        'inconsistent',
        `more active users (${activeUsers}) than licensed seats (${licensedSeats})`,
      );
    }
    seatUtilisation = Math.min(1, activeUsers / licensedSeats);
  }
  const usage: UsageSignals = {
    daysSinceLastLogin: daysSince('usage.daysSinceLastLogin', m.lastLogin),
    activeUsers,
    licensedSeats,
    seatUtilisation,
    featuresUsed: num('usage.featuresUsed', m.featuresUsed, 0),
    usageTrend: trend(
      num('usage.usageLast30d', m.usageLast30d, 0),
      num('usage.usagePrev30d', m.usagePrev30d, 0),
    ),
  };

  // --- engagement: the most recent of the mapped contact stamps
  let daysSinceLastContact: number | null = null;
  for (const prop of m.lastContact) {
    const d = daysSince('engagement.daysSinceLastContact', prop);
    if (d !== null && (daysSinceLastContact === null || d < daysSinceLastContact)) daysSinceLastContact = d;
  }

  // --- commercial
  const classified = deals.map((d) => classifyDeal(d, mapping.deal, notes, now));
  const timeline = buildArrTimeline(classified, contract, now);
  const hasWon = timeline.steps.length > 0;
  const arr = hasWon ? arrAt(timeline, now) : null;
  const renewalDate = nextRenewalDate(classified, timeline, contract, now);
  const yearAgo = addMonths(now, -12);
  let expansion = 0;
  for (const e of timeline.expansions) if (e.at > yearAgo) expansion += e.amount;
  let contraction = 0;
  for (const c of timeline.contractions) if (c.at > yearAgo) contraction += c.amount;
  const base = hasWon ? arrAt(timeline, yearAgo) || arr || 0 : 0;
  const churned = hasWon && arr === 0 && timeline.churnedAt !== null;
  const commercial: CommercialSignals = {
    arr,
    renewalDate,
    daysToRenewal: renewalDate === null ? null : Math.round((renewalDate - now) / DAY_MS),
    expansionArr12m: hasWon ? expansion : null,
    contractionArr12m: hasWon ? contraction : null,
    netArrChange12m: base > 0 ? (expansion - contraction) / base : null,
    churned,
    churnedAt: churned ? timeline.churnedAt : null,
    daysPaymentOverdue: num('commercial.daysPaymentOverdue', m.daysPaymentOverdue, 0),
    failedPayments: num('commercial.failedPayments', m.failedPayments, 0),
  };

  // --- lifecycle
  const createdAt =
    m.createdAt === null
      ? null
      : readDate(
          p[m.createdAt],
          { field: 'lifecycle.createdAt', property: m.createdAt, recordId: id },
          notes,
          now,
        );
  const customerSince = timeline.firstWonAt ?? createdAt;

  return {
    companyId: id,
    usage,
    support: supportSignals(tickets, mapping.ticket, notes, now),
    sentiment: { nps: num('sentiment.nps', m.nps, 0, 10), csat: num('sentiment.csat', m.csat, 1, 5) },
    engagement: { daysSinceLastContact },
    commercial,
    lifecycle: {
      customerSince,
      tenureDays: customerSince === null ? null : Math.max(0, Math.floor((now - customerSince) / DAY_MS)),
      onboarding: onboarding(company, mapping, notes),
    },
    arrTimeline: timeline,
    quality: notes,
  };
}

function trend(last: number | null, prev: number | null): number | null {
  if (last === null || prev === null) return null;
  if (prev === 0) return last === 0 ? 0 : 1;
  return last / prev - 1;
}

function onboarding(
  company: CompanyRecord,
  mapping: ScoringMapping,
  notes: DataQualityNote[],
): OnboardingStatus | null {
  const prop = mapping.company.onboardingStatus;
  if (prop === null) return null;
  const v = company.properties[prop];
  const s = readString(v);
  if (s === null) return null;
  for (const status of ONBOARDING_STATUSES) {
    if (mapping.company.onboardingValues[status].includes(s)) return status;
  }
  return note(
    notes,
    { field: 'lifecycle.onboarding', property: prop, recordId: company.id },
    v,
    'unknown_option',
    `"${prop}" has an unknown value (expected ${ONBOARDING_STATUSES.join(', ')})`,
  );
}
