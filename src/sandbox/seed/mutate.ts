import { DAY_MS, isoDate, isoDateTime } from './format.ts';
import { OWNER_IDS } from './names.ts';
import { DEAL_STAGE, OPEN_SALES_STAGES, TICKET_STAGE } from './pipelines.ts';
import { TICKET_PRIORITIES } from './properties.ts';
import { createRng, mixSeed, type Rng } from './rng.ts';
import type { SeedChange, SeededPortal, SeedRecord } from './types.ts';

// Deterministic edits of a seeded portal, for benches and tests of incremental sync ("1 % of records
// change"). It only reads the portal: the caller applies the changes, e.g. as batch updates through the
// sandbox's API, so they travel the same path (and raise the same webhooks) as real edits.
// Only writable properties change: HubSpot computes notes_last_contacted, hs_last_sales_activity_timestamp
// and hs_lastmodifieddate itself, and every value is valid, so no batch update fails for the seed's sake.

export interface MutateOptions {
  /** Share of each object type's records to change (0..1). */
  fraction: number;
  seed: number;
  /** Epoch ms of the edits. */
  now: number;
}

export function mutatePortal(portal: SeededPortal, options: MutateOptions): SeedChange[] {
  const { fraction, seed, now } = options;
  if (!(fraction >= 0 && fraction <= 1))
    throw new RangeError(`fraction must be within 0..1, got ${fraction}`);
  const changes: SeedChange[] = [];
  const rng = createRng(mixSeed(seed, 0x3a7e));
  for (const record of sample(rng, portal.companies, fraction)) {
    changes.push({ objectType: 'companies', id: record.id, properties: companyChange(rng, record, now) });
  }
  for (const record of sample(rng, portal.deals, fraction)) {
    changes.push({ objectType: 'deals', id: record.id, properties: dealChange(rng, record) });
  }
  for (const record of sample(rng, portal.tickets, fraction)) {
    changes.push({ objectType: 'tickets', id: record.id, properties: ticketChange(rng, record, now) });
  }
  return changes;
}

/** round(fraction × n) distinct records, in id order (partial Fisher–Yates over indexes). */
function sample(rng: Rng, records: SeedRecord[], fraction: number): SeedRecord[] {
  const k = Math.round(fraction * records.length);
  const indexes = Array.from(records, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = rng.int(i, indexes.length - 1);
    [indexes[i], indexes[j]] = [indexes[j]!, indexes[i]!];
  }
  return indexes
    .slice(0, k)
    .sort((a, b) => a - b)
    .map((i) => records[i]!);
}

function wholeNumber(value: string | null | undefined): number | null {
  return value != null && /^\d+$/.test(value) ? Number(value) : null;
}

function companyChange(rng: Rng, record: SeedRecord, now: number): Record<string, string> {
  const p = record.properties;
  const kind = rng.int(0, 3);
  if (kind === 1) return { nps_score: String(rng.int(0, 10)) };
  if (kind === 2) return { days_payment_overdue: String(rng.chance(0.7) ? 0 : rng.int(1, 60)) };
  if (kind === 3) return { onboarding_status: rng.pick(['in_progress', 'completed'] as const) };
  // The customer's product reporting fresh usage.
  const seats = wholeNumber(p['licensed_seats']) ?? 1;
  const users = Math.min(seats, Math.max(0, (wholeNumber(p['active_users']) ?? 0) + rng.int(-2, 2)));
  const sessions = wholeNumber(p['sessions_last_30d']) ?? 0;
  return {
    last_login_date: isoDate(now - rng.int(0, 2) * DAY_MS),
    active_users: String(users),
    sessions_last_30d: String(Math.round(sessions * (0.8 + 0.4 * rng.next()))),
  };
}

function dealChange(rng: Rng, record: SeedRecord): Record<string, string> {
  const stage = record.properties['dealstage'] ?? '';
  const openIndex = (OPEN_SALES_STAGES as readonly string[]).indexOf(stage);
  if (openIndex >= 0) {
    return { dealstage: OPEN_SALES_STAGES[openIndex + 1] ?? DEAL_STAGE.closedwon };
  }
  const amount = wholeNumber(record.properties['amount']);
  if (stage === DEAL_STAGE.renewalOpen && amount !== null) {
    return { amount: String(Math.round((amount * (0.95 + 0.1 * rng.next())) / 10) * 10) };
  }
  return { hubspot_owner_id: rng.pick(OWNER_IDS) };
}

function ticketChange(rng: Rng, record: SeedRecord, now: number): Record<string, string> {
  const stage = record.properties['hs_pipeline_stage'];
  if (stage === TICKET_STAGE.closed) return { hs_ticket_priority: rng.pick(TICKET_PRIORITIES) };
  const next =
    stage === TICKET_STAGE.new
      ? rng.pick([TICKET_STAGE.waitingOnUs, TICKET_STAGE.closed])
      : TICKET_STAGE.closed;
  return next === TICKET_STAGE.closed
    ? { hs_pipeline_stage: next, closed_date: isoDateTime(now) }
    : { hs_pipeline_stage: next };
}
