import { generatePortal } from '../../seed/generate.ts';
import type { SeedSize, SeedTruth } from '../../seed/types.ts';
import { type SeedCurrency, seedInCurrency, setAccountCurrency } from '../state/account-details.ts';
import type { Sandbox } from '../state/sandbox.ts';
import { loadSeededPortal } from '../state/seed-loader.ts';

/**
 * Seeded portals of one sandbox, with what made them (size, seed, the clock's "today")
 * and the seed's hidden truth, so the control API can list them, reseed them on reset
 * and expose the truth that scoring quality is measured against.
 */
export interface SeedRecordOfPortal {
  size: SeedSize | number;
  seed: number;
  now: number;
  truth: SeedTruth[];
  currency?: SeedCurrency;
}

export interface SeedingContext {
  sandbox: Pick<Sandbox, 'portals' | 'addPortal' | 'replacePortal' | 'privateAppTokens'>;
  clock: { now(): number };
}

const registries = new WeakMap<object, Map<number, SeedRecordOfPortal>>();

export function seedsFor(ctx: object): Map<number, SeedRecordOfPortal> {
  let registry = registries.get(ctx);
  if (!registry) {
    registry = new Map();
    registries.set(ctx, registry);
  }
  return registry;
}

/**
 * Adds a portal seeded from `size` and `seed` (or reseeds an existing id in place, its
 * tokens kept) and records its truth. Seeding emits no change events, as an import.
 */
export function seedPortal(
  ctx: SeedingContext,
  option: { size: SeedSize | number; seed: number; portalId?: number; currency?: SeedCurrency | undefined },
): { portalId: number; privateAppToken: string } {
  const now = ctx.clock.now();
  const currency = option.currency ?? 'USD';
  const seeded = seedInCurrency(generatePortal({ size: option.size, seed: option.seed, now }), currency);
  const existing = option.portalId !== undefined && ctx.sandbox.portals.has(option.portalId);
  const portal = existing
    ? ctx.sandbox.replacePortal(option.portalId!)
    : ctx.sandbox.addPortal(option.portalId).portal;
  loadSeededPortal(portal, seeded);
  setAccountCurrency(portal, currency);
  seedsFor(ctx).set(portal.portalId, {
    size: option.size,
    seed: option.seed,
    now,
    truth: seeded.truth,
    currency,
  });
  return {
    portalId: portal.portalId,
    privateAppToken: ctx.sandbox.privateAppTokens.get(portal.portalId) ?? '',
  };
}

/** Reseeds every recorded portal as it was first seeded (same size, seed and "today"). */
export function reseedAll(ctx: SeedingContext): number[] {
  const reseeded: number[] = [];
  for (const [portalId, record] of seedsFor(ctx)) {
    if (!ctx.sandbox.portals.has(portalId)) continue;
    const portal = ctx.sandbox.replacePortal(portalId);
    const currency = record.currency ?? 'USD';
    loadSeededPortal(
      portal,
      seedInCurrency(generatePortal({ size: record.size, seed: record.seed, now: record.now }), currency),
    );
    setAccountCurrency(portal, currency);
    reseeded.push(portalId);
  }
  return reseeded;
}
