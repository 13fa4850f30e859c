import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/hubspot/server.ts';
import { databaseKinds } from '../support/databases.ts';
import { runChild } from './support/child.ts';
import { appEvents, declareAppEventType, portalRef, vigilValues } from './support/harness.ts';
import { mutate, twinSandboxes } from './support/twins.ts';

const SEED = 21;
const SIZE = 'small';

/**
 * Crash safety (issue 4): a sync killed with SIGKILL mid-run and started again finishes
 * with the same CRM state as a run nobody killed, and sends no timeline entry twice. Each
 * sync runs in its own process against its own store; the reference portal and the
 * crashed one are seeded identically.
 */
for (const kind of databaseKinds()) {
  describe(`crash safety (${kind})`, () => {
    const t0 = Date.now();
    const asOf = t0 + 60_000;
    let sandboxes: RunningSandbox[];
    const dirs: string[] = [];

    async function childConfig(sandbox: RunningSandbox) {
      const dataDir = await mkdtemp(join(tmpdir(), 'vigil-crash-'));
      dirs.push(dataDir);
      const p = portalRef(sandbox);
      return {
        dataDir,
        encryptionKey: randomBytes(32).toString('base64'),
        ...(kind === 'postgres'
          ? { databaseUrl: process.env.DATABASE_URL, schema: `crash_${randomBytes(5).toString('hex')}` }
          : {}),
        baseUrl: p.baseUrl,
        portalId: p.portalId,
        token: p.token,
        asOf,
      };
    }

    beforeAll(async () => {
      sandboxes = await twinSandboxes(2, SIZE, SEED, t0);
      for (const s of sandboxes) await declareAppEventType(s.baseUrl);
    });

    afterAll(async () => {
      for (const s of sandboxes ?? []) await s.close();
      for (const d of dirs) await rm(d, { recursive: true, force: true });
    });

    it('a killed and restarted sync ends in the same CRM state, without duplicate timeline entries', async () => {
      const [reference, crashed] = sandboxes as [RunningSandbox, RunningSandbox];
      const ref = await childConfig(reference);
      const crash = await childConfig(crashed);

      // Reference: full sync, the UI edits, incremental sync — nobody interrupts.
      expect((await runChild({ ...ref, mode: 'full' })).summary?.status).toBe('succeeded');

      // Crashed: killed in the middle of writing back, then started again.
      const killed = await runChild(
        { ...crash, mode: 'full' },
        (p) => p.phase === 'writeback' && p.companiesWritten >= 100,
      );
      expect(killed.killed).toBe(true);
      expect(killed.summary).toBeNull();
      const resumed = await runChild({ ...crash, mode: 'full' });
      expect(resumed.summary?.status).toBe('succeeded');
      expect(resumed.summary?.resumed).toBe(true);
      expect(await vigilValues(portalRef(crashed))).toEqual(await vigilValues(portalRef(reference)));

      // The same edits on both portals; the crashed portal's incremental is killed mid-recompute.
      const edits = await mutate(portalRef(reference), SIZE, SEED, t0, 0.1);
      expect(await mutate(portalRef(crashed), SIZE, SEED, t0, 0.1)).toBe(edits);
      const refInc = await runChild({ ...ref, mode: 'incremental' });
      expect(refInc.summary?.status).toBe('succeeded');
      expect(refInc.summary?.timelineEntries).toBeGreaterThan(0);

      const killedInc = await runChild({ ...crash, mode: 'incremental' }, (p) => p.phase === 'recompute');
      expect(killedInc.killed).toBe(true);
      const resumedInc = await runChild({ ...crash, mode: 'incremental' });
      expect(resumedInc.summary?.status).toBe('succeeded');

      expect(await vigilValues(portalRef(crashed))).toEqual(await vigilValues(portalRef(reference)));
      // Entry ids include the install (each side has its own store), so compare what a rep sees.
      const seen = async (s: RunningSandbox) =>
        (await appEvents(portalRef(s))).map((e) => `${e.objectId} ${e.title}`).sort();
      const crashEvents = await seen(crashed);
      expect(crashEvents.length).toBeGreaterThan(0);
      expect(new Set(crashEvents).size).toBe(crashEvents.length);
      expect(crashEvents).toEqual(await seen(reference));
    }, 240_000);
  });
}
