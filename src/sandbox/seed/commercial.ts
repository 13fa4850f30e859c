import { DAY_MS, isoDateTime, numberString, YEAR_MS } from './format.ts';
import { churnProbability } from './health.ts';
import { DEAL_STAGE, OPEN_SALES_STAGES } from './pipelines.ts';
import type { DealType } from './properties.ts';
import { clamp, type Rng } from './rng.ts';
import type { SeedRecord } from './types.ts';

// The commercial history of one customer, as deals (contract "Seed output", deal semantics): a won
// newbusiness deal starts a 12-month term whose amount is the ARR; each anniversary a renewal deal is
// won (new term) or lost (= churned at its closedate); won existingbusiness deals add ARR, won
// downgrade deals remove it; active customers carry an open renewal for their next anniversary.

export interface CommercialInput {
  companyName: string;
  ownerId: string | null;
  trueHealth: number;
  customerSince: number;
  now: number;
}

export interface CommercialOutcome {
  /** ARR now (or when the customer churned). */
  arr: number;
  seats: number;
  churnedAt: number | null;
}

/** Log-normal ARR: median $12k, σ = 1.15 (p90 ≈ $52k, p99 ≈ $175k, a few accounts past $1M in `large`). */
export function drawArr(rng: Rng): number {
  return Math.max(600, Math.round((12_000 * Math.exp(1.15 * rng.normal())) / 10) * 10);
}

interface DealDraft {
  name: string;
  amount: number;
  stage: string;
  pipeline: 'default' | 'renewals';
  type: DealType;
  createdAt: number;
  closeAt: number;
}

export function dealHistory(rng: Rng, input: CommercialInput, out: SeedRecord[]): CommercialOutcome {
  const { companyName, trueHealth, customerSince, now } = input;
  const h = trueHealth / 100;
  const drafts: DealDraft[] = [];
  let arr = drawArr(rng);
  const seatPrice = 600 * Math.exp(0.35 * rng.normal());
  let seats = Math.max(1, Math.round(arr / seatPrice));
  const deal = (draft: DealDraft) => drafts.push(draft);

  const salesCycle = (10 + rng.exponential(45)) * DAY_MS;
  const lostAttemptAt = customerSince - salesCycle - rng.int(60, 300) * DAY_MS;
  if (rng.chance(0.12) && lostAttemptAt > now - 2 * YEAR_MS) {
    // An earlier attempt, lost, before the customer finally bought (kept within the 24-month history).
    const closeAt = lostAttemptAt;
    const amount = Math.round((arr * (0.8 + 0.4 * rng.next())) / 10) * 10;
    deal(sale(companyName, 'New business', amount, DEAL_STAGE.closedlost, 'newbusiness', closeAt, rng));
  }
  deal({
    name: `${companyName} – New business`,
    amount: arr,
    stage: DEAL_STAGE.closedwon,
    pipeline: 'default',
    type: 'newbusiness',
    createdAt: customerSince - salesCycle,
    closeAt: customerSince,
  });

  let churnedAt: number | null = null;
  let termStart = customerSince;
  for (;;) {
    const anniversary = termStart + YEAR_MS;
    const termEnd = Math.min(anniversary, now);
    // Upsells follow health, contractions its absence; both happen inside the term, in time order.
    const share = (termEnd - termStart) / YEAR_MS;
    const changes: Array<{ at: number; up: boolean }> = [];
    for (let k = rng.poisson(0.5 * h ** 2 * share); k > 0; k--) changes.push({ at: 0, up: true });
    for (let k = rng.poisson(0.4 * (1 - h) ** 2 * share); k > 0; k--) changes.push({ at: 0, up: false });
    for (const change of changes)
      change.at = termStart + 30 * DAY_MS + rng.next() * (termEnd - termStart - 30 * DAY_MS);
    changes.sort((a, b) => a.at - b.at);
    for (const change of changes) {
      if (change.at <= termStart || change.at > termEnd) continue;
      const amount = Math.max(
        100,
        Math.round((arr * (change.up ? 0.1 + 0.4 * rng.next() : 0.1 + 0.25 * rng.next())) / 10) * 10,
      );
      if (!change.up && amount >= arr) continue;
      const stage = DEAL_STAGE.closedwon;
      const seatDelta = Math.max(1, Math.round(amount / seatPrice));
      if (change.up) {
        arr += amount;
        seats += seatDelta;
        deal(
          sale(
            companyName,
            `Upsell (+${seatDelta} seats)`,
            amount,
            stage,
            'existingbusiness',
            change.at,
            rng,
          ),
        );
      } else {
        arr -= amount;
        seats = Math.max(1, seats - seatDelta);
        deal(
          sale(companyName, `Downgrade (−${seatDelta} seats)`, amount, stage, 'downgrade', change.at, rng),
        );
      }
    }

    const year = new Date(anniversary).getUTCFullYear();
    const renewalCreated = Math.max(termStart + DAY_MS, anniversary - 120 * DAY_MS);
    if (anniversary > now) {
      deal({
        name: `${companyName} – Renewal ${year}`,
        amount: arr,
        stage: DEAL_STAGE.renewalOpen,
        pipeline: 'renewals',
        type: 'renewal',
        createdAt: Math.min(renewalCreated, now - rng.next() * DAY_MS),
        closeAt: anniversary,
      });
      break;
    }
    if (rng.chance(churnProbability(trueHealth))) {
      const closeAt = Math.round(Math.min(now - DAY_MS, anniversary + rng.normal() * 5 * DAY_MS));
      deal({
        name: `${companyName} – Renewal ${year}`,
        amount: arr,
        stage: DEAL_STAGE.renewalLost,
        pipeline: 'renewals',
        type: 'renewal',
        createdAt: Math.min(renewalCreated, closeAt - DAY_MS),
        closeAt,
      });
      churnedAt = closeAt;
      break;
    }
    // Healthy customers accept a price increase; shaky ones negotiate a discount.
    const uplift = h > 0.6 ? 0.07 * rng.next() : -0.08 + 0.1 * rng.next();
    arr = Math.max(600, Math.round((arr * (1 + uplift)) / 10) * 10);
    deal({
      name: `${companyName} – Renewal ${year}`,
      amount: arr,
      stage: DEAL_STAGE.renewalWon,
      pipeline: 'renewals',
      type: 'renewal',
      createdAt: renewalCreated,
      closeAt: anniversary - rng.int(0, 20) * DAY_MS,
    });
    termStart = anniversary;
  }

  const lifeEnd = churnedAt ?? now;
  if (rng.chance(0.15) && lifeEnd - customerSince > 60 * DAY_MS) {
    const closeAt = customerSince + 30 * DAY_MS + rng.next() * (lifeEnd - customerSince - 30 * DAY_MS);
    const amount = Math.round((arr * (0.1 + 0.4 * rng.next())) / 10) * 10;
    deal(sale(companyName, 'Expansion', amount, DEAL_STAGE.closedlost, 'existingbusiness', closeAt, rng));
  }
  if (churnedAt === null && rng.chance(0.1 + 0.2 * h)) {
    const amount = Math.round((arr * (0.1 + 0.5 * rng.next())) / 10) * 10;
    const createdAt = Math.max(customerSince, now - rng.int(3, 60) * DAY_MS);
    deal({
      name: `${companyName} – Expansion`,
      amount,
      stage: rng.pick(OPEN_SALES_STAGES),
      pipeline: 'default',
      type: 'existingbusiness',
      createdAt,
      closeAt: now + rng.int(10, 90) * DAY_MS,
    });
  }

  for (const draft of drafts) out.push(toRecord(draft, input.ownerId, now, rng));
  return { arr, seats, churnedAt };
}

function sale(
  company: string,
  what: string,
  amount: number,
  stage: string,
  type: DealType,
  closeAt: number,
  rng: Rng,
) {
  const cycle = (7 + rng.exponential(30)) * DAY_MS;
  return {
    name: `${company} – ${what}`,
    amount,
    stage,
    pipeline: 'default' as const,
    type,
    createdAt: closeAt - cycle,
    closeAt,
  };
}

function toRecord(draft: DealDraft, ownerId: string | null, now: number, rng: Rng): SeedRecord {
  // Whole milliseconds, so `createdAt` and the ISO `createdate` agree exactly.
  const createdAt = Math.round(draft.createdAt);
  const closeAt = Math.round(draft.closeAt);
  const closed = draft.closeAt <= now && draft.stage !== DEAL_STAGE.renewalOpen && !isOpenSale(draft.stage);
  const updatedAt = closed
    ? clamp(Math.round(closeAt + rng.next() * 3 * DAY_MS), createdAt, now)
    : clamp(Math.round(now - rng.next() * 20 * DAY_MS), createdAt, now);
  return {
    id: '',
    properties: {
      dealname: draft.name,
      amount: numberString(draft.amount),
      dealstage: draft.stage,
      pipeline: draft.pipeline,
      dealtype: draft.type,
      closedate: isoDateTime(closeAt),
      createdate: isoDateTime(createdAt),
      hs_lastmodifieddate: isoDateTime(updatedAt),
      hubspot_owner_id: ownerId,
    },
    createdAt,
    updatedAt,
  };
}

function isOpenSale(stage: string): boolean {
  return (OPEN_SALES_STAGES as readonly string[]).includes(stage);
}
