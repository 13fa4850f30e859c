import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../domain/config/parse.ts';
import { scorePortfolio } from '../../domain/portfolio.ts';
import type { CompanyInput } from '../../domain/records.ts';
import { generatePortal } from '../../sandbox/seed/index.ts';
import { seedToInputs } from '../../sandbox/seed/to-inputs.ts';
import { type PreviewSource, previewConfig } from './preview.ts';

const NOW = Date.UTC(2026, 5, 15);

/** The mirror as the preview reads it: ids in order, pages of `limit`, inputs by id. */
function mirrorOf(inputs: readonly CompanyInput[]): PreviewSource & { pages: number } {
  const byId = new Map(inputs.map((i) => [i.company.id, i]));
  const ids = [...byId.keys()].sort();
  const source = {
    pages: 0,
    mirror: {
      async allCompanyIds(_installId: string, afterId: string | null, limit: number) {
        source.pages++;
        return ids.filter((id) => afterId === null || id > afterId).slice(0, limit);
      },
      async loadInputs(_installId: string, companyIds: readonly string[]) {
        return companyIds.map((id) => byId.get(id)!);
      },
    },
  };
  return source;
}

const inputs = seedToInputs(generatePortal({ size: 1200, seed: 3, now: NOW }));
const clock = { now: () => NOW };

describe('settings preview over the mirror', () => {
  it('finds no change when the edit changes nothing', async () => {
    const config = defaultScoringConfig();
    const source = mirrorOf(inputs);
    const r = await previewConfig(source, 'i', config, defaultScoringConfig(), clock);
    expect(r.companies).toBe(inputs.length);
    expect([r.status.changed, r.tier.changed, r.riskLevel.changed]).toEqual([0, 0, 0]);
    // Batches of 500, then the empty page that ends the walk.
    expect(source.pages).toBe(Math.ceil(inputs.length / 500) + 1);
  });

  it('counts exactly the moves scorePortfolio makes with each config, tiers included', async () => {
    const current = defaultScoringConfig();
    const edited = defaultScoringConfig();
    edited.health.bands.healthy = 85;
    edited.churn.levels.critical = 60;
    edited.tiers.absolute.highMinLtv = 100_000;
    const r = await previewConfig(mirrorOf(inputs), 'i', current, edited, clock);

    const a = new Map(scorePortfolio(inputs, current, NOW).companies.map((c) => [c.companyId, c]));
    const b = scorePortfolio(inputs, edited, NOW).companies;
    const moved = (pick: (c: (typeof b)[number]) => unknown) =>
      b.filter((c) => pick(c) !== pick(a.get(c.companyId)!)).length;
    expect(r.status.changed).toBe(moved((c) => c.health.status));
    expect(r.riskLevel.changed).toBe(moved((c) => c.risk.level));
    expect(r.tier.changed).toBe(moved((c) => c.tier.tier));
    expect(r.status.changed).toBeGreaterThan(0);
    expect(r.riskLevel.changed).toBeGreaterThan(0);
    expect(r.tier.changed).toBeGreaterThan(0);
    expect(Object.keys(r.riskLevel.byTransition)).toEqual(['high → critical']);
  });
});
