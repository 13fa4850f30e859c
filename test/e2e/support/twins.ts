import { type RunningSandbox, startSandbox } from '../../../src/sandbox/hubspot/server.ts';
import type { SeedSize } from '../../../src/sandbox/seed/index.ts';
import { generatePortal, mutatePortal } from '../../../src/sandbox/seed/index.ts';
import { editAsUser, type PortalRef } from './harness.ts';

/**
 * Sandboxes seeded with the same portal at the same instant `t0` (the clock holds still
 * while seeding, then runs), so two runs of a scenario — one disturbed by faults or a
 * kill, one not — start from identical CRM data and can be compared value for value.
 */
export async function twinSandboxes(
  count: number,
  size: SeedSize,
  seed: number,
  t0: number,
  extra: { faults?: { rate: number; seed: number; slowMs?: number } } = {},
): Promise<RunningSandbox[]> {
  const out: RunningSandbox[] = [];
  for (let i = 0; i < count; i++) {
    let frozen = true;
    const started = Date.now();
    const sandbox = await startSandbox({
      port: 0,
      portals: [{ size, seed }],
      now: () => (frozen ? t0 : t0 + (Date.now() - started)),
      ...(i === 0 || extra.faults === undefined ? {} : { faults: extra.faults }),
    });
    frozen = false;
    out.push(sandbox);
  }
  return out;
}

/** The seed's deterministic edits (a share of every object type), made as a user in the UI. */
export async function mutate(portal: PortalRef, size: SeedSize, seed: number, t0: number, fraction: number) {
  const changes = mutatePortal(generatePortal({ size, seed, now: t0 }), {
    fraction,
    seed: seed + 1,
    now: t0,
  });
  for (const c of changes) await editAsUser(portal, c.objectType, c.id, c.properties);
  return changes.length;
}
