import type { CompanyInput, DealRecord, TicketRecord } from '../../src/domain/records.ts';

/**
 * Synthetic companies for the scoring bench, shaped like what the HubSpot connector
 * hands the core: every property value a string as HubSpot's API returns it (numbers
 * as "25", date properties as "2025-11-03", datetimes as "2025-11-03T14:05:09.120Z",
 * empty properties as null), about 3 deals and 5 tickets per company, and ~2 % dirty
 * values of the kinds real portals hold ("n/a", "12 seats", negative seats, logins in
 * the future, unknown enumeration options, more active users than seats, negative
 * downgrade amounts). Deterministic: the same seed gives the same companies.
 */

const DAY_MS = 86_400_000;
const PAST_DAYS = 2_000;
const FUTURE_DAYS = 400;
const DIRTY = 0.02;

/** mulberry32: tiny, fast, good enough for bench data. */
export function createPrng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticSource {
  /** The next `count` companies. */
  chunk(count: number): CompanyInput[];
}

export function syntheticCompanies(seed: number, now: number): SyntheticSource {
  const rnd = createPrng(seed);
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const chance = (p: number) => rnd() < p;
  // Date strings per day offset, built once: formatting is not what the bench measures.
  const dates: string[] = [];
  const datetimes: string[] = [];
  const base = Math.floor(now / DAY_MS) * DAY_MS;
  for (let d = -FUTURE_DAYS; d <= PAST_DAYS; d++) {
    const iso = new Date(base - d * DAY_MS + ((d * 7_919_000) % DAY_MS)).toISOString();
    dates.push(iso.slice(0, 10));
    datetimes.push(iso);
  }
  const date = (daysAgo: number) => dates[daysAgo + FUTURE_DAYS]!;
  const datetime = (daysAgo: number) => datetimes[daysAgo + FUTURE_DAYS]!;
  let nextId = 1_000_000_000;

  // Most of a book is healthy; about a quarter shows the signals that precede churn.
  function company(): CompanyInput {
    const id = String(nextId++);
    const atRisk = chance(0.25);
    const sinceDays = int(30, 1_500);
    const seats = int(1, 200);
    let seatsText: string | null = String(seats);
    if (chance(DIRTY)) seatsText = ['n/a', `${seats} seats`, `-${seats}`][int(0, 2)]!;
    const active = chance(DIRTY)
      ? seats + int(1, 5)
      : atRisk
        ? int(0, seats)
        : int(Math.floor(seats / 2), seats);
    const loginDaysAgo = atRisk ? int(0, 120) : Math.min(PAST_DAYS, Math.floor(-4 * Math.log(1 - rnd())));
    const contactDaysAgo = atRisk ? int(0, 150) : Math.min(PAST_DAYS, Math.floor(-12 * Math.log(1 - rnd())));
    const prevSessions = int(20, 900);
    const lastSessions = Math.round(prevSessions * (atRisk ? 0.2 + rnd() : 0.8 + rnd() / 2));
    const properties: Record<string, string | null> = {
      name: `Company ${id}`,
      domain: `c${id}.example.com`,
      createdate: datetime(sinceDays + int(0, 60)),
      hubspot_owner_id: chance(0.03) ? null : String(int(100, 140)),
      lifecyclestage: 'customer',
      last_login_date: chance(0.05) ? null : chance(DIRTY) ? date(-int(1, 300)) : date(loginDaysAgo),
      active_users: chance(0.05) ? null : String(active),
      licensed_seats: seatsText,
      features_used: chance(0.05) ? null : String(atRisk ? int(0, 6) : int(3, 12)),
      sessions_last_30d: String(lastSessions),
      sessions_prev_30d: String(prevSessions),
      nps_score: chance(0.4) ? null : chance(DIRTY) ? 'n/a' : String(atRisk ? int(0, 8) : int(6, 10)),
      csat_score: chance(0.6) ? null : String(atRisk ? int(1, 4) : int(3, 5)),
      onboarding_status: chance(DIRTY)
        ? 'done'
        : ['not_started', 'in_progress', 'completed', 'completed'][int(0, 3)]!,
      days_payment_overdue: chance(atRisk ? 0.6 : 0.9) ? '0' : String(int(1, 120)),
      notes_last_contacted: chance(0.1) ? null : datetime(contactDaysAgo),
      hs_last_sales_activity_timestamp: chance(0.3) ? null : datetime(contactDaysAgo + int(0, 30)),
    };
    return { company: { id, properties }, deals: deals(id, sinceDays), tickets: tickets(id, atRisk) };
  }

  function deal(
    id: string,
    amount: string | null,
    stage: string,
    daysAgo: number,
    type: string,
    pipeline: string,
  ) {
    const properties = {
      dealname: `Deal ${id}`,
      amount,
      dealstage: stage,
      closedate: datetime(daysAgo),
      dealtype: type,
      pipeline,
    };
    return { id, properties } satisfies DealRecord;
  }

  function deals(companyId: string, sinceDays: number): DealRecord[] {
    const out: DealRecord[] = [];
    const arr = int(2, 200) * 1_000;
    out.push(
      deal(
        `${companyId}1`,
        chance(DIRTY) ? '' : String(arr),
        'closedwon',
        sinceDays,
        'newbusiness',
        'default',
      ),
    );
    let k = 2;
    for (let term = sinceDays - 365; term > 0; term -= 365) {
      const lost = chance(0.04);
      out.push(
        deal(
          `${companyId}${k++}`,
          String(arr),
          lost ? 'renewal_lost' : 'renewal_won',
          term,
          'renewal',
          'renewals',
        ),
      );
      if (lost) return out;
    }
    if (chance(0.3)) {
      const upsell = String(int(1, 40) * 1_000);
      out.push(
        deal(`${companyId}${k++}`, upsell, 'closedwon', int(1, sinceDays), 'existingbusiness', 'default'),
      );
    }
    if (chance(0.1)) {
      const down = int(1, 20) * 1_000;
      const amount = chance(0.3) ? String(-down) : String(down);
      out.push(deal(`${companyId}${k++}`, amount, 'closedwon', int(1, sinceDays), 'downgrade', 'default'));
    }
    if (chance(0.6)) {
      const inDays = 365 - (sinceDays % 365);
      out.push(deal(`${companyId}${k++}`, String(arr), 'renewal_open', -inDays, 'renewal', 'renewals'));
    }
    return out;
  }

  function tickets(companyId: string, atRisk: boolean): TicketRecord[] {
    const n = atRisk ? int(2, 12) : int(0, 9);
    const out: TicketRecord[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const createdDaysAgo = int(0, 200);
      const closed = createdDaysAgo > 3 && chance(0.75);
      const closedDaysAgo = closed ? int(0, createdDaysAgo) : 0;
      out[i] = {
        id: `${companyId}${i}`,
        properties: {
          subject: 'Help',
          hs_pipeline: '0',
          hs_pipeline_stage: closed ? '4' : String(int(1, 3)),
          hs_ticket_priority: chance(DIRTY)
            ? 'P1'
            : ['LOW', 'LOW', 'MEDIUM', 'MEDIUM', 'HIGH', 'URGENT'][int(0, 5)]!,
          createdate: datetime(createdDaysAgo),
          closed_date: closed ? datetime(closedDaysAgo) : null,
        },
      };
    }
    return out;
  }

  return {
    chunk(count: number): CompanyInput[] {
      const out: CompanyInput[] = new Array(count);
      for (let i = 0; i < count; i++) out[i] = company();
      return out;
    },
  };
}
