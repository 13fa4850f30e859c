import type { OrgEntry, SfContext } from '../context.ts';
import { ApiUsage } from '../limits/usage.ts';
import type { OrgOption } from '../options.ts';
import { OrgState } from './org.ts';
import { generateOrg } from './seed-org.ts';

// Adding and reseeding orgs. Each org is seeded from the same generator as the HubSpot portals, with
// the clock's "today", and keeps its hidden truth.

export const DEFAULT_DAILY_API_LIMIT = 100_000;

let orgNumber = 0;

export function addOrg(ctx: SfContext, option: OrgOption): OrgEntry {
  orgNumber += 1;
  const org = new OrgState(option.orgNumber ?? orgNumber, () => ctx.clock.now());
  const seededAt = ctx.clock.now();
  const truth = generateOrg(org, option.size, option.seed, seededAt);
  const entry: OrgEntry = {
    org,
    usage: new ApiUsage(ctx.options.dailyApiLimit ?? DEFAULT_DAILY_API_LIMIT),
    truth,
    size: option.size,
    seed: option.seed,
    seededAt,
  };
  ctx.orgs.set(org.orgId, entry);
  return entry;
}

/** A fresh org in place of `entry` (a new org id: sessions of the old org stop working). */
export function reseedOrg(ctx: SfContext, entry: OrgEntry): OrgEntry {
  ctx.orgs.delete(entry.org.orgId);
  return addOrg(ctx, { size: entry.size, seed: entry.seed });
}
