import type { Logger } from 'pino';
import type { RunningSandbox } from '../../../sandbox/hubspot/server.ts';
import type { SeedCurrency } from '../../../sandbox/hubspot/state/account-details.ts';

/**
 * `vigil start` without HubSpot credentials runs against the local sandbox (DESIGN §3):
 * a seeded `small` portal on a free loopback port. The sandbox lives in memory, so each
 * start is a new demo portal with its own id — a portal id reused across starts would
 * let the store's write-back ledger believe values were already written to a portal
 * that has never seen them.
 */
export interface EmbeddedSandbox {
  running: RunningSandbox;
  baseUrl: string;
  portalId: string;
  privateAppToken: string;
  /** Companies + deals + tickets in the portal: what a full sync will read (for the ETA). */
  records: number;
}

/** A fresh portal id in the 9-digit range, from the clock (one start per second is plenty). */
export function demoPortalId(now: number): number {
  return 900_000_000 + (Math.floor(now / 1000) % 99_999_999);
}

export async function startEmbeddedSandbox(
  logger: Logger,
  options: { size?: 'tiny' | 'small' | 'mid'; seed?: number; now?: number; currency?: SeedCurrency } = {},
): Promise<EmbeddedSandbox> {
  const { startSandbox } = await import('../../../sandbox/hubspot/server.ts');
  const portalId = demoPortalId(options.now ?? Date.now());
  const running = await startSandbox({
    port: 0,
    portals: [
      {
        size: options.size ?? 'small',
        seed: options.seed ?? 1,
        portalId,
        ...(options.currency === undefined ? {} : { currency: options.currency }),
      },
    ],
    logger: logger.child({ component: 'sandbox' }),
  });
  const portal = running.portals.find((p) => p.portalId === portalId);
  if (!portal) {
    await running.close();
    throw new Error('the sandbox did not create the demo portal');
  }
  const state = running.sandbox.portals.get(portalId);
  const records =
    state === undefined
      ? 0
      : state.objects.companies.size + state.objects.deals.size + state.objects.tickets.size;
  logger.info(
    { baseUrl: running.baseUrl, portalId, records, currency: options.currency ?? 'USD' },
    'sandbox portal seeded',
  );
  return {
    running,
    baseUrl: running.baseUrl,
    portalId: String(portalId),
    privateAppToken: portal.privateAppToken,
    records,
  };
}
