import { describe, expect, it } from 'vitest';
import { CrmAuthError, CrmRateLimitError } from '../connectors/types.ts';
import { DAY_MS } from '../domain/records.ts';
import type { SyncDeps } from './deps.ts';
import { runSync } from './engine.ts';
import { type MemoryCrm, memoryCrm } from './testing/memory-connector.ts';
import { memoryStore } from './testing/memory-store.ts';

const NOW = Date.UTC(2026, 5, 1);
const quiet = { info() {}, warn() {}, error() {} };

function setup(now = NOW) {
  const crm = memoryCrm({ seed: 7, now: NOW });
  const store = memoryStore();
  const deps = (at = now): SyncDeps => ({
    store,
    connector: crm.connector,
    clock: { now: () => at },
    logger: quiet,
    batchSize: 7,
  });
  return { crm, store, deps };
}

function snapshot(crm: MemoryCrm) {
  return JSON.stringify([...crm.companyProps.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

describe('runSync', () => {
  it('scores and writes every company on a full sync, then writes nothing when nothing changed', async () => {
    const { crm, store, deps } = setup();
    const first = await runSync(deps(), { installId: 'i1', mode: 'full' });
    expect(first.status).toBe('succeeded');
    expect(first.recordsRead.company).toBe(crm.records.company.size);
    expect(first.recordsRead.deal).toBe(crm.records.deal.size);
    expect(first.companiesScored).toBe(crm.records.company.size);
    expect(crm.companyProps.size).toBe(crm.records.company.size);
    for (const props of crm.companyProps.values()) {
      expect(props['vigil_touch_tier']).toMatch(/^(high|low|tech)$/);
      expect(props['vigil_scored_at']).toBe(new Date(NOW).toISOString());
    }
    expect(crm.writeCalls).toBe(Math.ceil(crm.records.company.size / 100));
    expect(first.timelineEntries).toBe(0);
    expect(store.state.kpis).toHaveLength(1);

    const writes = crm.writeCalls;
    const second = await runSync(deps(), { installId: 'i1', mode: 'full' });
    expect(second.status).toBe('succeeded');
    expect(second.companiesWritten).toBe(0);
    expect(crm.writeCalls).toBe(writes);
  });

  it('re-reads only what changed and rewrites only that company, with one timeline entry', async () => {
    const { crm, deps } = setup();
    await runSync(deps(), { installId: 'i1', mode: 'full' });
    const target = [...crm.companyProps.entries()].find(
      ([, p]) => p['vigil_health_status'] === 'healthy',
    )![0];
    crm.edit(
      'company',
      target,
      {
        last_login_date: new Date(NOW - 200 * DAY_MS).toISOString().slice(0, 10),
        active_users: '0',
        nps_score: '0',
      },
      NOW + 1000,
    );
    const inc = await runSync(deps(NOW + 2000), { installId: 'i1', mode: 'incremental' });
    expect(inc.status).toBe('succeeded');
    expect(inc.recordsChanged).toBe(1);
    expect(inc.companiesScored).toBe(1);
    expect(inc.companiesWritten).toBe(1);
    expect(inc.timelineEntries).toBe(1);
    const entry = [...crm.timeline.values()][0]!;
    expect(entry.companyId).toBe(target);
    expect(entry.title).toMatch(/^Health fell from \d+ to \d+/);
    expect(crm.companyProps.get(target)!['vigil_health_status']).not.toBe('healthy');
  });

  it('resumes a crashed run and ends in the same CRM state as an uninterrupted one', async () => {
    const clean = setup();
    await runSync(clean.deps(), { installId: 'i1', mode: 'full' });

    const kinds = Object.keys(clean.crm.connector.callStats().byEndpoint);
    expect(kinds).toContain('write:companies');
    for (const crashAt of [2, 3, 5, 'write:companies']) {
      const crashed = setup();
      crashed.crm.beforeCall = (n, kind) => {
        if (n === crashAt || kind === crashAt) throw new Error('process killed');
      };
      await expect(runSync(crashed.deps(), { installId: 'i1', mode: 'full' })).rejects.toThrow(
        'process killed',
      );
      crashed.crm.beforeCall = null;
      // The restarted process has another clock: the run keeps its as-of time.
      const resumed = await runSync(crashed.deps(NOW + 60_000), { installId: 'i1', mode: 'full' });
      expect(resumed.resumed).toBe(true);
      expect(resumed.status).toBe('succeeded');
      expect(snapshot(crashed.crm)).toBe(snapshot(clean.crm));
    }
  });

  it('ends as rescheduled on a CRM rate limit and picks up from the checkpoint', async () => {
    const { crm, deps } = setup();
    crm.beforeCall = (n) => {
      if (n === 2) throw new CrmRateLimitError('DAILY', 3_600_000);
    };
    const first = await runSync(deps(), { installId: 'i1', mode: 'full' });
    expect(first.status).toBe('rescheduled');
    expect(first.retryAfterMs).toBe(3_600_000);
    crm.beforeCall = null;
    const next = await runSync(deps(), { installId: 'i1', mode: 'full' });
    expect(next.resumed).toBe(true);
    expect(next.status).toBe('succeeded');
    expect(next.recordsRead.company).toBe(crm.records.company.size);
    expect(crm.companyProps.size).toBe(crm.records.company.size);
  });

  it('stops on an auth failure and finishes the run as failed', async () => {
    const { crm, store, deps } = setup();
    crm.beforeCall = () => {
      throw new CrmAuthError('uninstalled', 'refresh token revoked');
    };
    const r = await runSync(deps(), { installId: 'i1', mode: 'incremental' });
    expect(r.status).toBe('auth_failed');
    expect(await store.runs.resumable('i1')).toBeNull();
  });
});
