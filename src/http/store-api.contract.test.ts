import { afterAll, beforeAll, expect, it } from 'vitest';
import type { z } from 'zod';
import { createTestInstall, forEachDatabase } from '../../test/support/databases.ts';
import type { CrmRecord } from '../connectors/types.ts';
import { defaultScoringConfig } from '../domain/config/parse.ts';
import { type PortfolioScore, scorePortfolio } from '../domain/portfolio.ts';
import { silentLogger } from '../log/logger.ts';
import { generatePortal } from '../sandbox/seed/generate.ts';
import { seedToInputs } from '../sandbox/seed/to-inputs.ts';
import type { SeededPortal, SeedRecord } from '../sandbox/seed/types.ts';
import { createHttpApp } from './app.ts';
import { type Session, signInWithToken, testFrontDoor } from './auth/testing.ts';
import {
  companyDetailSchema,
  companyListSchema,
  errorBodySchema,
  healthzSchema,
  portfolioSchema,
  runsSchema,
} from './schemas.ts';
import { listen, type RunningHttp } from './server.ts';

/**
 * The JSON API over the real store, seeded through its repositories with a tiny seeded
 * portal scored by the domain core: every body is parsed with the API's own schemas and
 * its numbers checked against what was saved.
 */
const NOW = Date.now();

function records(portal: SeededPortal): CrmRecord[] {
  const owners = (pairs: Array<[string, string]>) => new Map(pairs);
  const dealCompany = owners(portal.dealCompany);
  const ticketCompany = owners(portal.ticketCompany);
  const toRecord = (type: CrmRecord['type'], r: SeedRecord, company: string | undefined): CrmRecord => ({
    type,
    id: r.id,
    properties: r.properties,
    companyIds: company === undefined ? [] : [company],
    modifiedAt: r.updatedAt,
    createdAt: r.createdAt,
  });
  return [
    ...portal.companies.map((r) => toRecord('company', r, undefined)),
    ...portal.deals.map((r) => toRecord('deal', r, dealCompany.get(r.id))),
    ...portal.tickets.map((r) => toRecord('ticket', r, ticketCompany.get(r.id))),
  ];
}

forEachDatabase('JSON API on the store', (db) => {
  let http: RunningHttp;
  let session: Session;
  let installId: string;
  let portal: SeededPortal;
  let scored: PortfolioScore;
  let runId: string;

  beforeAll(async () => {
    const { store } = db;
    portal = generatePortal({ size: 'tiny', seed: 11, now: NOW });
    scored = scorePortfolio(seedToInputs(portal), defaultScoringConfig(), NOW);
    installId = (await createTestInstall(store)).id;
    await store.mirror.upsert(installId, records(portal));
    runId = await store.runs.start(installId, 'full');
    await store.scores.save(
      installId,
      scored.companies.map((c) => ({ score: c, tier: c.tier })),
      { configVersion: 1, cause: 'data', runId },
    );
    const first = scored.companies[0];
    if (!first) throw new Error('seed has no companies');
    await store.timeline.enqueue(installId, [
      {
        id: 'entry-1',
        companyId: first.companyId,
        occurredAt: NOW,
        title: 'Health dropped',
        body: 'b',
        properties: {},
      },
    ]);
    await store.runs.finish(runId, { status: 'succeeded', stats: { pages: 3 } });
    http = await listen(
      createHttpApp({ store, logger: silentLogger(), frontDoor: testFrontDoor(store.sessions) }),
      0,
    );
    session = await signInWithToken(http.url);
  });
  afterAll(async () => http?.close());

  async function get<S extends z.ZodType>(path: string, schema: S, status = 200): Promise<z.output<S>> {
    const res = await session.fetch(path);
    const text = await res.text();
    expect(res.status, text).toBe(status);
    return schema.parse(JSON.parse(text));
  }

  it('GET /api/portfolio: counts, distributions that add up, the last sync', async () => {
    const body = await get('/api/portfolio', portfolioSchema);
    expect(body.install.id).toBe(installId);
    expect(body.counts).toEqual({
      companies: portal.companies.length,
      deals: portal.deals.length,
      tickets: portal.tickets.length,
      scored: scored.companies.length,
    });
    const { unscored, ...statuses } = body.health.statuses;
    expect(statuses).toEqual({
      healthy: scored.statusCounts.healthy,
      neutral: scored.statusCounts.neutral,
      at_risk: scored.statusCounts.at_risk,
    });
    expect(unscored).toBe(scored.statusCounts.unscored);
    expect(body.tiers).toEqual(scored.tierCounts);
    expect(Object.values(body.risk.levels).reduce((a, b) => a + b, 0)).toBe(scored.companies.length);
    expect(body.lastSync).toMatchObject({
      id: runId,
      kind: 'full',
      status: 'succeeded',
      stats: { pages: 3 },
    });
  });

  it('GET /api/companies: highest churn risk first, every active customer once across pages', async () => {
    const risks: number[] = [];
    const ids = new Set<string>();
    let cursor: string | null = null;
    do {
      const after: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const page = await get(`/api/companies?limit=15${after}`, companyListSchema);
      expect(page.items.length).toBeLessThanOrEqual(15);
      for (const item of page.items) {
        risks.push(item.churnRisk);
        ids.add(item.id);
      }
      cursor = page.nextCursor;
    } while (cursor !== null);
    const active = scored.companies.filter((c) => !c.signals.commercial.churned);
    expect(active.length).toBeLessThan(scored.companies.length);
    expect(ids.size).toBe(active.length);
    expect(risks).toEqual([...risks].sort((a, b) => b - a));
    expect(risks[0]).toBe(Math.max(...active.map((c) => c.risk.score)));
  });

  it('GET /api/companies leaves churned customers out unless asked', async () => {
    const churned = scored.companies.filter((c) => c.signals.commercial.churned).map((c) => c.companyId);
    const onlyChurned = await get('/api/companies?customers=churned&limit=200', companyListSchema);
    expect(onlyChurned.items.map((i) => i.id).sort()).toEqual([...churned].sort());
    const all = await get('/api/companies?customers=all&limit=200', companyListSchema);
    expect(all.items).toHaveLength(scored.companies.length);
  });

  it('GET /api/companies filters by tier, level and reason', async () => {
    const tech = await get('/api/companies?tier=tech&customers=all&limit=200', companyListSchema);
    expect(tech.items.length).toBe(scored.tierCounts.tech);
    expect(tech.items.every((i) => i.tier === 'tech')).toBe(true);
    const withReason = scored.companies.filter((c) => c.risk.reasons.some((r) => r.code === 'no_login'));
    const byReason = await get('/api/companies?reason=no_login&customers=all&limit=200', companyListSchema);
    expect(byReason.items.map((i) => i.id).sort()).toEqual(withReason.map((c) => c.companyId).sort());
    const healthiest = await get(
      '/api/companies?sort=health&order=desc&customers=all&limit=1',
      companyListSchema,
    );
    const best = Math.max(...scored.companies.map((c) => c.health.score ?? -1));
    expect(healthiest.items[0]?.health).toBe(best);
  });

  it('GET /api/companies/:id: breakdown, reasons, tier with LTV, history, timeline', async () => {
    const company = scored.companies[0];
    if (!company) throw new Error('seed has no companies');
    const body = await get(`/api/companies/${company.companyId}`, companyDetailSchema);
    expect(body.churnRisk).toBe(company.risk.score);
    expect(body.reasons.map((r) => r.code)).toEqual(company.risk.reasons.map((r) => r.code));
    expect(body.allReasons.map((r) => r.sentence)).toEqual(company.risk.allReasons.map((r) => r.sentence));
    expect(body.breakdown.map((c) => [c.component, c.score])).toEqual(
      company.health.components.map((c) => [c.component, c.score]),
    );
    expect(body.tierDetail).toMatchObject({
      tier: company.tier.tier,
      expectedLtv: company.tier.expectedLtv,
      explanation: company.tier.explanation,
    });
    expect(body.history).toHaveLength(1);
    expect(body.history[0]?.churnRisk).toBe(company.risk.score);
    expect(body.history[0]?.cause).toBe('data');
    expect(body.timeline).toEqual([expect.objectContaining({ id: 'entry-1', status: 'pending' })]);
    expect(body.name).toBe(
      portal.companies.find((c) => c.id === company.companyId)?.properties['name'] ?? null,
    );
  });

  it('GET /api/companies/:id 404s a company that is not in this install', async () => {
    const body = await get('/api/companies/123', errorBodySchema, 404);
    expect(body.error.code).toBe('company_not_found');
  });

  it('GET /api/sync/runs and /healthz', async () => {
    const runs = await get('/api/sync/runs', runsSchema);
    expect(runs.items.map((r) => r.id)).toEqual([runId]);
    expect(runs.items[0]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(await get('/healthz', healthzSchema)).toEqual({ status: 'ok' });
  });

  it('asks which install once a second portal is connected', async () => {
    const other = await createTestInstall(db.store);
    const body = await get('/api/companies', errorBodySchema, 400);
    expect(body.error.field).toBe('installId');
    const empty = await get(`/api/companies?installId=${other.id}`, companyListSchema);
    expect(empty.items).toEqual([]);
    await db.store.installs.markUninstalled(other.id);
    expect((await get('/api/companies?limit=1', companyListSchema)).items).toHaveLength(1);
  });
});
