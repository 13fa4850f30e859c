import { DAY_MS, isoDate } from './format.ts';
import type { Rng } from './rng.ts';

// Dirty data as real portals hold it, so Vigil's data-quality handling is exercised: each kind hits a
// record with probability `rate`. Dirt is drawn from its own random stream, so a portal generated with
// rate 0 has exactly the same clean values as one with dirt, apart from the dirty cells.

export const DIRTY_KINDS = [
  'missingValue',
  'usersOverSeats',
  'badSeats',
  'futureLogin',
  'unknownOnboarding',
  'emptyAmount',
] as const;
export type DirtyKind = (typeof DIRTY_KINDS)[number];

export const DEFAULT_DIRTY_RATE = 0.02;

/** Properties a sync from the customer's product sometimes fails to fill. */
export const DROPPABLE_COMPANY_PROPERTIES = [
  'last_login_date',
  'active_users',
  'licensed_seats',
  'features_used',
  'sessions_last_30d',
  'sessions_prev_30d',
  'onboarding_status',
  'hubspot_owner_id',
] as const;

const UNKNOWN_ONBOARDING = ['done', 'Completed', 'onboarded', 'N/A'] as const;

export function dirtyCompany(
  rng: Rng,
  properties: Record<string, string | null>,
  rate: number,
  now: number,
): void {
  if (rate <= 0) return;
  const seats = properties['licensed_seats'];
  if (rng.chance(rate) && seats !== null && seats !== undefined) {
    properties['active_users'] = String(Number(seats) + rng.int(1, 5));
  }
  if (rng.chance(rate) && seats !== null && seats !== undefined) {
    const kind = rng.int(0, 2);
    properties['licensed_seats'] = kind === 0 ? 'n/a' : kind === 1 ? `${seats} seats` : `-${seats}`;
  }
  if (rng.chance(rate)) properties['last_login_date'] = isoDate(now + rng.int(1, 400) * DAY_MS);
  if (rng.chance(rate)) properties['onboarding_status'] = rng.pick(UNKNOWN_ONBOARDING);
  // Last, so a dropped value is not refilled by another kind.
  if (rng.chance(rate)) properties[rng.pick(DROPPABLE_COMPANY_PROPERTIES)] = null;
}

export function dirtyDeal(rng: Rng, properties: Record<string, string | null>, rate: number): void {
  // HubSpot returns "" for a number property a user cleared in some imports; readers must not treat it as 0.
  if (rate > 0 && rng.chance(rate)) properties['amount'] = '';
}
