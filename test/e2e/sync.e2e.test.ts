import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmConnector } from '../../src/connectors/types.ts';
import { defaultScoringConfig } from '../../src/domain/config/parse.ts';
import { scoreCompany } from '../../src/domain/score.ts';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/hubspot/server.ts';
import { generatePortal } from '../../src/sandbox/seed/index.ts';
import { seedToInputs } from '../../src/sandbox/seed/to-inputs.ts';
import type { Store } from '../../src/store/index.ts';
import { runSync } from '../../src/sync/engine.ts';
import { isMaterialChange, scoreState } from '../../src/sync/materiality.ts';
import { scoreValues } from '../../src/sync/writeback/properties.ts';
import { databaseKinds, openTestStore } from '../support/databases.ts';
import {
  appEvents,
  connectorFor,
  control,
  declareAppEventType,
  depsFor,
  editAsUser,
  installFor,
  type PortalRef,
  portalRef,
  VIGIL_NAMES,
  vigilValues,
} from './support/harness.ts';

const SEED = 11;
const WRITE = 'POST /crm/v3/objects/companies/batch/update';

/**
 * A ticket whose change (made urgent and reopened) is a material change for its company
 * — found by scoring the seeded portal the way the sync will, so the test knows which
 * company must get the one timeline entry.
 */
function materialTicket(seedNow: number, asOf: number): { companyId: string; ticketId: string } {
  const config = defaultScoringConfig();
  const tier = {
    companyId: '',
    tier: 'low' as const,
    expectedLtv: 0,
    lifetimeYears: 1,
    annualChurnRate: 0.1,
    rule: 'absolute' as const,
    explanation: '',
  };
  const state = (input: Parameters<typeof scoreCompany>[0]) =>
    scoreState(scoreValues(scoreCompany(input, config, asOf), tier));
  for (const input of seedToInputs(generatePortal({ size: 'tiny', seed: SEED, now: seedNow }))) {
    const before = state(input);
    for (const t of input.tickets) {
      const tickets = input.tickets.map((x) =>
        x.id === t.id ? { ...x, properties: { ...x.properties, ...URGENT, closed_date: null } } : x,
      );
      const after = state({ ...input, tickets });
      const margin = before.status !== after.status || before.riskLevel !== after.riskLevel;
      if (margin && isMaterialChange(before, after, config.materialHealthChange)) {
        return { companyId: input.company.id, ticketId: t.id };
      }
    }
  }
  throw new Error('no ticket in the seeded portal makes a material change');
}

function diff(now: Readonly<Record<string, number>>, before: Readonly<Record<string, number>>) {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(now)) if (v - (before[k] ?? 0) > 0) out[k] = v - (before[k] ?? 0);
  return out;
}

const URGENT = { hs_ticket_priority: 'URGENT', hs_pipeline_stage: '1' };

for (const kind of databaseKinds()) {
  describe(`sync end to end on the sandbox (${kind})`, () => {
    let sandbox: RunningSandbox;
    let db: Awaited<ReturnType<typeof openTestStore>>;
    let store: Store;
    let portal: PortalRef;
    let installId: string;
    let connector: CrmConnector;
    let asOf: number;

    beforeAll(async () => {
      sandbox = await startSandbox({ port: 0, portals: [{ size: 'tiny', seed: SEED }] });
      await declareAppEventType(sandbox.baseUrl);
      db = await openTestStore(kind);
      store = db.store;
      portal = portalRef(sandbox);
      installId = await installFor(store, portal);
      connector = connectorFor(installId, portal);
      asOf = Date.now();
    });

    afterAll(async () => {
      await db?.dispose();
      await sandbox?.close();
    });

    it('provisions, syncs, re-reads only a changed ticket and rewrites only its company', async () => {
      const report = await connector.provision();
      expect(report.timeline).toBe('app_event');
      expect([...report.created, ...report.unchanged, ...report.updated]).toEqual(
        expect.arrayContaining(['vigil_health_score', 'vigil_churn_reasons']),
      );

      // Full sync: every company gets its vigil_* properties, read back through the API.
      const full = await runSync(depsFor(store, connector, asOf), { installId, mode: 'full' });
      expect(full.status).toBe('succeeded');
      const companies = sandbox.sandbox.portals.get(portal.portalId)!.objects.companies.size;
      expect(full.recordsRead.company).toBe(companies);
      expect(full.companiesWritten).toBe(companies);
      const written = await vigilValues(portal);
      expect(written.size).toBe(companies);
      for (const values of written.values()) {
        for (const name of [
          'vigil_health_status',
          'vigil_touch_tier',
          'vigil_churn_risk',
          'vigil_scored_at',
        ]) {
          expect(values[name], name).toBeDefined();
        }
        expect(Object.keys(values).every((k) => VIGIL_NAMES.includes(k))).toBe(true);
      }
      expect(await appEvents(portal)).toHaveLength(0);

      // Our own writes bumped every company's hs_lastmodifieddate: the next search sees them
      // once (⌈written / 200⌉ calls), finds their scoring inputs unchanged, and stops there.
      const echo = await runSync(depsFor(store, connector, asOf), { installId, mode: 'incremental' });
      expect(echo.recordsRead.company).toBeLessThanOrEqual(companies);
      expect(echo.recordsChanged).toBe(0);
      expect(echo.companiesScored).toBe(0);
      expect(echo.companiesWritten).toBe(0);

      // A rep makes one ticket urgent and reopens it in the HubSpot UI.
      const truth = (await control(sandbox.baseUrl, 'GET', `/portals/${portal.portalId}/truth`)) as {
        now: number;
      };
      const { companyId, ticketId } = materialTicket(truth.now, asOf);
      await editAsUser(portal, 'tickets', ticketId, { ...URGENT, closed_date: '' });
      const before = written.get(companyId)!;

      const callsBefore = connector.callStats().byEndpoint[WRITE] ?? 0;
      const endpointsBefore = { ...connector.callStats().byEndpoint };
      const inc = await runSync(depsFor(store, connector, asOf), { installId, mode: 'incremental' });
      expect(inc.status).toBe('succeeded');
      expect(inc.recordsChanged).toBe(1);
      // The search overlaps at the high-water mark (>=): a record stamped exactly there comes again.
      expect(inc.recordsRead.ticket).toBeGreaterThanOrEqual(1);
      expect(inc.recordsRead.ticket).toBeLessThanOrEqual(2);
      // Companies stamped in the same millisecond as the mark (one of our batch writes) come
      // again in the same search page — never a recompute, their content is unchanged. Per type
      // one search for changes; deals and tickets one association read; one batch write and one
      // app event. No removal reads: within the hour of the last check an incremental run skips them.
      const calls = diff(connector.callStats().byEndpoint, endpointsBefore);
      for (const type of ['companies', 'deals', 'tickets']) {
        expect(calls[`POST /crm/v3/objects/${type}/search`] ?? 0, type).toBe(1);
      }
      expect(Object.values(calls).reduce((a, b) => a + b, 0)).toBe(7);
      expect(inc.companiesScored).toBe(1);
      expect(inc.companiesWritten).toBe(1);
      expect((connector.callStats().byEndpoint[WRITE] ?? 0) - callsBefore).toBe(1);
      const after = await vigilValues(portal);
      expect(after.get(companyId)).not.toEqual(before);
      for (const [id, values] of written) if (id !== companyId) expect(after.get(id)).toEqual(values);

      const events = await appEvents(portal);
      expect(events).toHaveLength(1);
      expect(events[0]!.objectId).toBe(companyId);
      expect(inc.timelineEntries).toBe(1);
    });

    it('writes nothing on a second full sync when nothing changed', async () => {
      const writesBefore = connector.callStats().byEndpoint[WRITE] ?? 0;
      const again = await runSync(depsFor(store, connector, asOf), { installId, mode: 'full' });
      expect(again.status).toBe('succeeded');
      expect(again.recordsChanged).toBe(0);
      expect(again.companiesWritten).toBe(0);
      expect((connector.callStats().byEndpoint[WRITE] ?? 0) - writesBefore).toBe(0);
      expect(await appEvents(portal)).toHaveLength(1);
    });
  });
}
