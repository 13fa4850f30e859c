import { dealHistory } from './commercial.ts';
import { DEFAULT_DIRTY_RATE, dirtyCompany, dirtyDeal } from './dirty.ts';
import { DAY_MS, isoDate, isoDateTime, numberString } from './format.ts';
import { drawTrueHealth, onboardingStatus, usageSignals } from './health.ts';
import { type HistoryFacts, historyFacts } from './history.ts';
import { assignIds, ID_BASE } from './ids.ts';
import { createNameRegistry, OWNER_IDS, salesforceAccountId } from './names.ts';
import { dealPipelines, ticketPipelines } from './pipelines.ts';
import { customPropertyDefinitions } from './properties.ts';
import { createRng, mixSeed } from './rng.ts';
import { companyTickets, ticketWeight } from './tickets.ts';
import { SEED_SIZES, type SeededPortal, type SeedOptions, type SeedRecord, type SeedTruth } from './types.ts';

// Generates a whole portal, deterministic by seed. Each company draws from its own random streams
// (clean values, dirt, tickets), so a change to one part of the model does not reshuffle the rest.

/** Customers started within the 24 months before `now` (at least a week ago). */
const HISTORY_DAYS = 730;
const TICKETS_PER_COMPANY = 5;
const SALESFORCE_SHARE = 0.35;

const STREAM = { clean: 1, dirt: 2, tickets: 3, salesforce: 4 } as const;

export function companyCount(size: SeedOptions['size']): number {
  const count = typeof size === 'number' ? size : SEED_SIZES[size];
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`invalid seed size: ${String(size)}`);
  return count;
}

interface CompanyFacts {
  trueHealth: number;
  seats: number;
  customerSince: number;
  churnedAt: number | null;
}

export function generatePortal(options: SeedOptions): SeededPortal {
  const n = companyCount(options.size);
  const now = Math.round(options.now);
  const { seed } = options;
  const dirtyRate = options.dirtyRate ?? DEFAULT_DIRTY_RATE;
  if (!(dirtyRate >= 0 && dirtyRate <= 1))
    throw new RangeError(`dirtyRate must be within 0..1, got ${dirtyRate}`);

  const names = createNameRegistry();
  const salesforceBase = mixSeed(seed, STREAM.salesforce) % 1_000_000_000;
  const companies: SeedRecord[] = [];
  const deals: SeedRecord[] = [];
  const dealOwner: number[] = [];
  const facts: CompanyFacts[] = [];
  const truth: SeedTruth[] = [];
  const history: HistoryFacts[] = [];

  for (let i = 0; i < n; i++) {
    const rng = createRng(mixSeed(seed, i, STREAM.clean));
    const dirt = createRng(mixSeed(seed, i, STREAM.dirt));
    const trueHealth = drawTrueHealth(rng);
    const { name, domain } = names(rng);
    const ownerId = rng.chance(0.03) ? null : rng.pick(OWNER_IDS);
    const customerSince = Math.round(now - (7 + (HISTORY_DAYS - 7) * rng.next()) * DAY_MS);

    const firstDeal = deals.length;
    const outcome = dealHistory(rng, { companyName: name, ownerId, trueHealth, customerSince, now }, deals);
    let earliest = customerSince;
    for (let d = firstDeal; d < deals.length; d++) {
      const deal = deals[d]!;
      dealOwner.push(i);
      earliest = Math.min(earliest, deal.createdAt);
      dirtyDeal(dirt, deal.properties, dirtyRate);
    }
    // The company existed in the CRM (as a prospect) a while before its first deal.
    const createdAt = Math.round(earliest - rng.next() * 60 * DAY_MS);
    const { seats, churnedAt } = outcome;
    const signals = usageSignals(rng, { trueHealth, seats, customerSince, churnedAt, now });
    const onboarding = rng.chance(0.05)
      ? null
      : onboardingStatus(rng, trueHealth, (now - customerSince) / DAY_MS);
    const salesforceId = rng.chance(SALESFORCE_SHARE) ? salesforceAccountId(salesforceBase + i) : null;
    const updatedAt = Math.min(now, Math.max(createdAt, Math.round(signals.lastActivityAt)));

    const properties: Record<string, string | null> = {
      name,
      domain,
      createdate: isoDateTime(createdAt),
      hs_lastmodifieddate: isoDateTime(updatedAt),
      hubspot_owner_id: ownerId,
      lifecyclestage: 'customer',
      last_login_date: signals.lastLoginAt === null ? null : isoDate(signals.lastLoginAt),
      active_users: numberString(signals.activeUsers),
      licensed_seats: numberString(seats),
      features_used: numberString(signals.featuresUsed),
      sessions_last_30d: numberString(signals.sessionsLast30d),
      sessions_prev_30d: numberString(signals.sessionsPrev30d),
      nps_score: signals.npsScore === null ? null : numberString(signals.npsScore),
      csat_score: signals.csatScore === null ? null : numberString(signals.csatScore),
      onboarding_status: onboarding,
      days_payment_overdue:
        signals.daysPaymentOverdue === null ? null : numberString(signals.daysPaymentOverdue),
      notes_last_contacted: signals.lastContactedAt === null ? null : isoDateTime(signals.lastContactedAt),
      hs_last_sales_activity_timestamp:
        signals.lastSalesActivityAt === null ? null : isoDateTime(signals.lastSalesActivityAt),
      salesforceaccountid: salesforceId,
    };
    dirtyCompany(dirt, properties, dirtyRate, now);
    companies.push({ id: '', properties, createdAt, updatedAt });
    facts.push({ trueHealth, seats, customerSince, churnedAt });
    history.push(
      historyFacts(seed, i, { trueHealth, seats, customerSince, churnedAt, currentAt: updatedAt }, now),
    );
    truth.push({
      companyId: '',
      trueHealth,
      churned: churnedAt !== null,
      churnedAt,
      arr: outcome.arr,
      customerSince,
    });
  }

  const { tickets, ticketOwner } = generateTickets(seed, facts, now);
  // Ids are handed out in creation order, per type, as HubSpot's grow.
  const companyIds = assignIds(companies, ID_BASE.companies);
  companies.forEach((company, i) => {
    truth[i]!.companyId = company.id;
  });
  const dealIds = assignIds(deals, ID_BASE.deals);
  const ticketIds = assignIds(tickets, ID_BASE.tickets);
  return {
    companies: companyIds.records,
    deals: dealIds.records,
    tickets: ticketIds.records,
    dealCompany: pairs(dealIds, dealOwner, companies),
    ticketCompany: pairs(ticketIds, ticketOwner, companies),
    customProperties: customPropertyDefinitions(),
    pipelines: { deals: dealPipelines(), tickets: ticketPipelines() },
    truth: companyIds.order.map((index) => truth[index]!),
    history: companyIds.order.map((index) => history[index]!),
  };
}

/** [recordId, companyId] per record, in id order; `owners[i]` = generation index of the i-th generated record's company. */
function pairs(
  ids: { records: SeedRecord[]; order: number[] },
  owners: number[],
  companies: SeedRecord[],
): Array<[string, string]> {
  return ids.records.map((record, position) => [record.id, companies[owners[ids.order[position]!]!]!.id]);
}

/** Ticket counts are Poisson around each company's weight, scaled so the portal averages ~5 per company. */
function generateTickets(seed: number, facts: CompanyFacts[], now: number) {
  const weights = facts.map((f) => ticketWeight({ ...f, now }));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const scale = total > 0 ? (TICKETS_PER_COMPANY * facts.length) / total : 0;
  const tickets: SeedRecord[] = [];
  const ticketOwner: number[] = [];
  facts.forEach((f, i) => {
    const rng = createRng(mixSeed(seed, i, STREAM.tickets));
    const before = tickets.length;
    companyTickets(rng, { ...f, now }, rng.poisson(weights[i]! * scale), tickets);
    for (let t = before; t < tickets.length; t++) ticketOwner.push(i);
  });
  return { tickets, ticketOwner };
}
