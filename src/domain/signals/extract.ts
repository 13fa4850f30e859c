import { defaultScoringConfig } from '../config/parse.ts';
import type { ScoringConfig, ScoringMapping } from '../config/schema.ts';
import {
  type CompanyRecord,
  DAY_MS,
  type DealRecord,
  type PropertyValue,
  type TicketRecord,
} from '../records.ts';
import { addMonthsUtc } from './civil.ts';
import { arrAt, buildArrTimeline, nextRenewalDate } from './commercial.ts';
import { type ClassifiedDeal, classifyDeal } from './deals.ts';
import { isOneOf, note, readDate, readNumber, readString } from './parse.ts';
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

  // Each mapped property is read at its own site (`p[m.x]` written out, not inside a
  // shared helper): a keyed load that only ever sees one property name stays a fast
  // monomorphic load, where one shared load site sees them all and goes megamorphic.
  // --- usage
  const activeUsersProp = m.activeUsers;
  const activeUsersRaw = activeUsersProp === null ? undefined : p[activeUsersProp];
  const activeUsers =
    activeUsersProp === null
      ? null
      : readNumber(activeUsersRaw, notes, id, 'usage.activeUsers', activeUsersProp, 0);
  const licensedSeats =
    m.licensedSeats === null
      ? null
      : readNumber(p[m.licensedSeats], notes, id, 'usage.licensedSeats', m.licensedSeats, 0);
  let seatUtilisation: number | null = null;
  if (activeUsers !== null && licensedSeats !== null && licensedSeats > 0) {
    if (activeUsers > licensedSeats) {
      // Seats shared or a stale seat count: the customer uses everything it bought, so
      // utilisation is full (not missing), and the inconsistency is reported.
      note(
        notes,
        { field: 'usage.activeUsers', property: activeUsersProp!, recordId: id },
        activeUsersRaw,
        'inconsistent',
        `more active users (${activeUsers}) than licensed seats (${licensedSeats})`,
      );
    }
    seatUtilisation = Math.min(1, activeUsers / licensedSeats);
  }
  const usage: UsageSignals = {
    daysSinceLastLogin:
      m.lastLogin === null
        ? null
        : daysSince(p[m.lastLogin], notes, id, 'usage.daysSinceLastLogin', m.lastLogin, now),
    activeUsers,
    licensedSeats,
    seatUtilisation,
    featuresUsed:
      m.featuresUsed === null
        ? null
        : readNumber(p[m.featuresUsed], notes, id, 'usage.featuresUsed', m.featuresUsed, 0),
    usageTrend: trend(
      m.usageLast30d === null
        ? null
        : readNumber(p[m.usageLast30d], notes, id, 'usage.usageLast30d', m.usageLast30d, 0),
      m.usagePrev30d === null
        ? null
        : readNumber(p[m.usagePrev30d], notes, id, 'usage.usagePrev30d', m.usagePrev30d, 0),
    ),
  };

  // --- engagement: the most recent of the mapped contact stamps
  let daysSinceLastContact: number | null = null;
  const lastContact = m.lastContact;
  for (let i = 0; i < lastContact.length; i++) {
    const prop = lastContact[i]!;
    const d = daysSince(p[prop], notes, id, 'engagement.daysSinceLastContact', prop, now);
    if (d !== null && (daysSinceLastContact === null || d < daysSinceLastContact)) daysSinceLastContact = d;
  }

  // --- commercial
  const classified: ClassifiedDeal[] = new Array(deals.length);
  for (let i = 0; i < deals.length; i++) classified[i] = classifyDeal(deals[i]!, mapping.deal, notes, now);
  const timeline = buildArrTimeline(classified, contract, now);
  const hasWon = timeline.steps.length > 0;
  const arr = hasWon ? arrAt(timeline, now) : null;
  const renewalDate = nextRenewalDate(classified, timeline, contract, now);
  const yearAgo = yearBefore(now);
  let expansion = 0;
  for (let i = 0; i < timeline.expansions.length; i++) {
    const e = timeline.expansions[i]!;
    if (e.at > yearAgo) expansion += e.amount;
  }
  let contraction = 0;
  for (let i = 0; i < timeline.contractions.length; i++) {
    const c = timeline.contractions[i]!;
    if (c.at > yearAgo) contraction += c.amount;
  }
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
    daysPaymentOverdue:
      m.daysPaymentOverdue === null
        ? null
        : readNumber(
            p[m.daysPaymentOverdue],
            notes,
            id,
            'commercial.daysPaymentOverdue',
            m.daysPaymentOverdue,
            0,
          ),
    failedPayments:
      m.failedPayments === null
        ? null
        : readNumber(p[m.failedPayments], notes, id, 'commercial.failedPayments', m.failedPayments, 0),
  };

  // --- lifecycle
  const createdAt =
    m.createdAt === null
      ? null
      : readDate(p[m.createdAt], notes, id, 'lifecycle.createdAt', m.createdAt, now);
  const customerSince = timeline.firstWonAt ?? createdAt;

  return {
    companyId: id,
    usage,
    support: supportSignals(tickets, mapping.ticket, notes, now),
    sentiment: {
      nps: m.nps === null ? null : readNumber(p[m.nps], notes, id, 'sentiment.nps', m.nps, 0, 10),
      csat: m.csat === null ? null : readNumber(p[m.csat], notes, id, 'sentiment.csat', m.csat, 1, 5),
    },
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

/**
 * now minus 12 calendar months, remembered for the last `now`: a book is scored for one
 * as-of time, so this is worked out once rather than per company.
 */
let lastNow = Number.NaN;
let lastYearAgo = Number.NaN;
function yearBefore(now: number): number {
  if (now !== lastNow) {
    lastYearAgo = addMonthsUtc(now, -12);
    lastNow = now;
  }
  return lastYearAgo;
}

/** Whole days from a company date to now (0 for dates up to a day ahead). */
function daysSince(
  v: PropertyValue,
  notes: DataQualityNote[],
  id: string,
  field: string,
  prop: string,
  now: number,
): number | null {
  const t = readDate(v, notes, id, field, prop, now);
  return t === null ? null : Math.max(0, Math.floor((now - t) / DAY_MS));
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
  // Written out in ONBOARDING_STATUSES order (first match wins), with named reads.
  const values = mapping.company.onboardingValues;
  if (isOneOf(values.not_started, s)) return 'not_started';
  if (isOneOf(values.in_progress, s)) return 'in_progress';
  if (isOneOf(values.completed, s)) return 'completed';
  return note(
    notes,
    { field: 'lifecycle.onboarding', property: prop, recordId: company.id },
    v,
    'unknown_option',
    `"${prop}" has an unknown value (expected ${ONBOARDING_STATUSES.join(', ')})`,
  );
}
