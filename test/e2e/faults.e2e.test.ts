import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubSpotConnector } from '../../src/connectors/hubspot/connector.ts';
import type { RunningSandbox } from '../../src/sandbox/hubspot/server.ts';
import { runSync } from '../../src/sync/engine.ts';
import type { SyncSummary } from '../../src/sync/summary.ts';
import { openTestStore } from '../support/databases.ts';
import {
  appEvents,
  declareAppEventType,
  depsFor,
  installFor,
  portalRef,
  quiet,
  vigilValues,
} from './support/harness.ts';
import { mutate, twinSandboxes } from './support/twins.ts';

const SEED = 31;
const SIZE = 'small';

/**
 * With 5 % of requests meeting a fault (429, 5xx, a response held past the client's
 * timeout, a dropped connection), a full and an incremental sync end in exactly the CRM
 * state of a fault-free run: retries absorb the faults, and a run the retry budget can't
 * save is picked up again from its checkpoint.
 */
describe('sync under injected faults', () => {
  const t0 = Date.now();
  const asOf = t0 + 60_000;
  let sandboxes: RunningSandbox[];
  const disposers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    sandboxes = await twinSandboxes(2, SIZE, SEED, t0, { faults: { rate: 0.05, seed: 7, slowMs: 1_500 } });
    for (const s of sandboxes) await declareAppEventType(s.baseUrl);
  });

  afterAll(async () => {
    for (const d of disposers) await d();
    for (const s of sandboxes ?? []) await s.close();
  });

  async function scenario(sandbox: RunningSandbox) {
    const db = await openTestStore('pglite');
    disposers.push(db.dispose);
    const portal = portalRef(sandbox);
    const installId = await installFor(db.store, portal);
    const connector = createHubSpotConnector({
      installId,
      accountId: String(portal.portalId),
      basePath: portal.baseUrl,
      auth: { kind: 'private', token: portal.token },
      logger: quiet,
      timeoutMs: 1_000,
    });
    await connector.provision();
    const deps = depsFor(db.store, connector, asOf);
    // Until done: a run that ends rescheduled (or throws after its retries) resumes next time.
    const until = async (mode: 'full' | 'incremental'): Promise<SyncSummary[]> => {
      const runs: SyncSummary[] = [];
      for (let attempt = 0; attempt < 10; attempt++) {
        const r = await runSync(deps, { installId, mode }).catch(() => null);
        if (r !== null) runs.push(r);
        if (r?.status === 'succeeded') return runs;
      }
      throw new Error(`${mode} sync did not finish in 10 attempts`);
    };
    const full = await until('full');
    await mutate(portal, SIZE, SEED, t0, 0.05);
    const inc = await until('incremental');
    return { full, inc, stats: connector.callStats() };
  }

  it('ends in the same CRM state as a fault-free run', async () => {
    const [clean, faulty] = sandboxes as [RunningSandbox, RunningSandbox];
    await scenario(clean);
    const disturbed = await scenario(faulty);
    // The faults really happened and were retried.
    expect(disturbed.stats.retries).toBeGreaterThan(0);
    const statuses = Object.keys(disturbed.stats.byStatus);
    expect(statuses.some((s) => s === '429' || s.startsWith('5') || s === 'timeout' || s === 'error')).toBe(
      true,
    );

    expect(await vigilValues(portalRef(faulty))).toEqual(await vigilValues(portalRef(clean)));
    const seen = async (s: RunningSandbox) =>
      (await appEvents(portalRef(s))).map((e) => `${e.objectId} ${e.title}`).sort();
    const events = await seen(faulty);
    expect(new Set(events).size).toBe(events.length);
    expect(events).toEqual(await seen(clean));
  }, 240_000);
});
