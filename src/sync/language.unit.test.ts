import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../domain/records.ts';
import type { Locale } from '../i18n/index.ts';
import type { SyncDeps } from './deps.ts';
import { runSync } from './engine.ts';
import { type MemoryCrm, memoryCrm } from './testing/memory-connector.ts';
import { memoryStore } from './testing/memory-store.ts';

const NOW = Date.UTC(2026, 5, 1);
const quiet = { info() {}, warn() {}, error() {} };
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

function setup() {
  const crm = memoryCrm({ seed: 7, now: NOW });
  const portal = { language: 'ja' as Locale, currency: 'JPY', timeZone: 'Asia/Tokyo' };
  const store = Object.assign(memoryStore(), { portalLocale: { get: async () => ({ ...portal }) } });
  const deps = (at: number): SyncDeps => ({
    store,
    connector: crm.connector,
    clock: { now: () => at },
    logger: quiet,
    batchSize: 7,
  });
  return { crm, portal, deps };
}

/** Makes a healthy company lose its users, a material change that queues one timeline entry. */
function breakHealthy(crm: MemoryCrm, at: number, skip: readonly string[] = []): string {
  const target = [...crm.companyProps.entries()].find(
    ([id, p]) => p['vigil_health_status'] === 'healthy' && !skip.includes(id),
  )![0];
  const stale = new Date(at - 200 * DAY_MS).toISOString().slice(0, 10);
  crm.edit('company', target, { last_login_date: stale, active_users: '0', nps_score: '0' }, at);
  return target;
}

describe('the portal language in what a sync writes', () => {
  it('writes Japanese summaries and timeline notes; a switch changes only entries written after it', async () => {
    const { crm, portal, deps } = setup();
    await runSync(deps(NOW), { installId: 'i1', mode: 'full' });
    const summaries = [...crm.companyProps.values()].map((p) => p['vigil_churn_summary']).filter((s) => s);
    expect(summaries.length).toBeGreaterThan(0);
    for (const s of summaries) {
      expect(s).toMatch(JAPANESE);
      expect(s).toMatch(/。$/);
    }
    // Reason codes stay the published English codes whatever the language.
    const codes = [...crm.companyProps.values()].map((p) => p['vigil_churn_reasons']).filter((c) => c);
    for (const c of codes) expect(c).toMatch(/^[a-z_;]+$/);

    const first = breakHealthy(crm, NOW + 1000);
    await runSync(deps(NOW + 2000), { installId: 'i1', mode: 'incremental' });
    const [jaEntry] = [...crm.timeline.values()];
    expect(jaEntry!.companyId).toBe(first);
    expect(jaEntry!.title).toMatch(/^ヘルススコアが\d+から\d+に低下しました/);
    expect(jaEntry!.body).toMatch(/チャーンリスク\d+（/);
    const jaTitle = jaEntry!.title;

    portal.language = 'en';
    const second = breakHealthy(crm, NOW + 3000, [first]);
    await runSync(deps(NOW + 4000), { installId: 'i1', mode: 'incremental' });
    const entries = [...crm.timeline.values()];
    expect(entries).toHaveLength(2);
    const enEntry = entries.find((e) => e.companyId === second)!;
    expect(enEntry.title).toMatch(/^Health fell from \d+ to \d+/);
    expect(enEntry.body).not.toMatch(JAPANESE);
    // The entry written before the switch keeps its Japanese text.
    expect(entries.find((e) => e.companyId === first)!.title).toBe(jaTitle);
  });
});
