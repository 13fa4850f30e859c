import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, signInWithToken } from '../../src/http/auth/testing.ts';
import { decimal, percent } from '../../src/http/dashboard/format.ts';
import { kpiValuesSchema } from '../../src/http/dashboard/kpi-view.ts';
import { monthKey } from '../../src/http/dashboard/period.ts';
import {
  companyDetailSchema,
  companyListSchema,
  portfolioSchema,
  runsSchema,
} from '../../src/http/schemas.ts';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';
import { type Stack, startStack } from './support/stack.ts';

/**
 * The dashboard in Debian's Chromium against the real stack: a seeded `small` sandbox
 * portal, one full sync through the HubSpot connector into the store on PGlite, and the
 * HTTP app with the dashboard router. Every number checked on a page is compared with
 * what the JSON API returns for it.
 */
let stack: Stack;
let browser: Browser;
let page: Page;
let problems: string[];
/** The JSON API as the signed-in operator reads it. */
let session: Session;

async function api<T>(path: string, parse: (v: unknown) => T): Promise<T> {
  const res = await session.fetch(path);
  expect(res.status, path).toBe(200);
  return parse(await res.json());
}

/** The company ids of the at-risk table's rows, in order. */
async function rowIds(): Promise<Array<string | null>> {
  const rows = page.locator('#at-risk-table tbody tr[data-company-id]');
  const ids: Array<string | null> = [];
  for (let i = 0; i < (await rows.count()); i++) ids.push(await rows.nth(i).getAttribute('data-company-id'));
  return ids;
}

const text = async (selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();

beforeAll(async () => {
  stack = await startStack({ size: 'small', seed: 7 });
  browser = await launchBrowser();
  ({ page, problems } = await openPage(browser, { signInLink: stack.signInLink }));
  session = await signInWithToken(stack.url);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the dashboard on the seeded sandbox portal', () => {
  it('Portfolio shows the API’s KPIs, distributions and drawn trend charts', async () => {
    const portfolio = await api('/api/portfolio', (v) => portfolioSchema.parse(v));
    const kpis = kpiValuesSchema.parse(portfolio.kpis?.values);
    await page.goto(`${stack.url}/`);
    expect(await page.locator('h1').textContent()).toBe('Portfolio');
    expect(await text('[data-kpi="customerChurnRate"] .value')).toBe(percent(kpis.customerChurnRate));
    expect(await text('[data-kpi="revenueChurnRate"] .value')).toBe(percent(kpis.revenueChurnRate));
    expect(await text('[data-kpi="retentionRate"] .value')).toBe(percent(kpis.retentionRate));
    expect(await text('[data-kpi="grossRevenueRetention"] .value')).toBe(percent(kpis.grossRevenueRetention));
    expect(await text('[data-kpi="netRevenueRetention"] .value')).toBe(percent(kpis.netRevenueRetention));
    expect(await text('[data-kpi="nps"] .value')).toBe(decimal(kpis.nps));
    expect(await text('[data-kpi="onboardingCompletionRate"] .value')).toBe(
      percent(kpis.onboardingCompletionRate),
    );
    expect(await text('[data-kpi="upsellRate"] .value')).toBe(percent(kpis.upsellRate));
    expect(await text('[data-kpi="averageHealth"] .value')).toBe(decimal(portfolio.health.average));
    // Real content, not placeholders: the seeded book has customers and answers.
    expect(kpis.customersAtStart).toBeGreaterThan(0);
    expect(await text('[data-kpi="customerChurnRate"] .value')).toMatch(/^\d+\.\d %$/);
    for (const [key, n] of Object.entries(portfolio.health.statuses)) {
      expect(await text(`.dist li[data-key="${key}"] .n`)).toMatch(
        new RegExp(`^${n.toLocaleString('en-US')} \\(`),
      );
    }
    for (const [key, n] of Object.entries(portfolio.tiers)) {
      expect(await text(`.dist li[data-key="${key}"] .n`)).toMatch(
        new RegExp(`^${n.toLocaleString('en-US')} \\(`),
      );
    }
    await page.waitForSelector('[data-chart][data-drawn="true"]');
    expect(await page.locator('[data-chart][data-drawn="true"]').count()).toBe(4);
    await screenshot(page, 'portfolio');

    // A calendar month: the tiles show what the dashboard's KPI endpoint computes for it.
    const month = monthKey(Date.now() - 40 * 86_400_000);
    const computed = await api(`/dashboard/api/kpis?period=${month}`, (v) =>
      kpiValuesSchema.parse((v as { kpis: unknown }).kpis),
    );
    await page.selectOption('#period', month);
    await page.click('form.filters button[type="submit"]');
    await page.waitForURL(/period=/);
    expect(await text('[data-kpi="customerChurnRate"] .value')).toBe(percent(computed.customerChurnRate));
    expect(await text('[data-kpi="netRevenueRetention"] .value')).toBe(percent(computed.netRevenueRetention));
    expect(problems).toEqual([]);
  });

  it('At risk lists by churn risk like the API, filters, pages, exports and clicks through to the company', async () => {
    const first = await api('/api/companies?limit=50', (v) => companyListSchema.parse(v));
    await page.goto(`${stack.url}/at-risk`);
    const ids = await rowIds();
    expect(ids).toEqual(first.items.map((i) => i.id));
    const top = first.items[0]!;
    const row = page.locator(`tr[data-company-id="${top.id}"]`);
    expect((await row.locator('[data-col="risk"]').textContent())?.trim()).toContain(decimal(top.churnRisk));
    expect((await row.locator('[data-col="reason"]').textContent())?.trim()).toBe(
      top.reasons[0]?.sentence ?? 'none',
    );
    await screenshot(page, 'at-risk');

    // Filter by the most common risk level, 25 a page; page 2 continues where page 1 stopped.
    const portfolio = await api('/api/portfolio', (v) => portfolioSchema.parse(v));
    const [level, inLevel] = Object.entries(portfolio.risk.levels).sort((a, b) => b[1] - a[1])[0]!;
    expect(inLevel).toBeGreaterThan(25);
    await page.selectOption('#level', level);
    await page.selectOption('#limit', '25');
    await page.click('form.filters button[type="submit"]');
    await page.waitForURL(new RegExp(`level=${level}`));
    const filtered = await api(`/api/companies?level=${level}&limit=25`, (v) => companyListSchema.parse(v));
    expect(await rowIds()).toEqual(filtered.items.map((i) => i.id));
    expect(await page.locator(`#at-risk-table .badge.${level}`).count()).toBe(25);
    expect(filtered.nextCursor).not.toBeNull();
    await page.click('a[rel="next"]');
    await page.waitForURL(/page=2/);
    const second = await api(
      `/api/companies?level=${level}&limit=25&cursor=${encodeURIComponent(filtered.nextCursor!)}`,
      (v) => companyListSchema.parse(v),
    );
    expect(await rowIds()).toEqual(second.items.map((i) => i.id));
    expect(second.items.every((i) => i.riskLevel === level)).toBe(true);

    // CSV export: every company of the book (several API pages), one line each, in the API's order.
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const p = await api(`/api/companies?limit=200${q}`, (v) => companyListSchema.parse(v));
      all.push(...p.items.map((i) => i.id));
      cursor = p.nextCursor;
    } while (cursor !== null);
    expect(all.length).toBeGreaterThan(200);
    const csv = await (await session.fetch('/at-risk.csv')).text();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/^company_id,name,owner,health,status,churn_risk,risk_level,top_reason/);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(all);
    const levelCsv = await (await session.fetch(`/at-risk.csv?level=${level}`)).text();
    expect(levelCsv.trim().split('\r\n')).toHaveLength(inLevel + 1);

    // Click-through from the list to the company.
    await page.goto(`${stack.url}/at-risk`);
    await page.locator(`tr[data-company-id="${top.id}"] th a`).click();
    await page.waitForURL(new RegExp(`/companies/${top.id}$`));
    const detail = await api(`/api/companies/${top.id}`, (v) => companyDetailSchema.parse(v));
    expect(await text('h1')).toBe(detail.name ?? `Company ${detail.id}`);
    expect(await text('[data-kpi="churnRisk"] .value')).toBe(decimal(detail.churnRisk));
    expect(await text('[data-kpi="health"] .value')).toBe(decimal(detail.health));
    expect(await page.locator('#breakdown tr.component').count()).toBe(detail.breakdown.length);
    expect(await page.locator('#reasons li').count()).toBe(detail.allReasons.length);
    expect(await text('#tier-detail')).toContain(detail.tierDetail.explanation);
    const crm = await page.locator('a[target="_blank"]').getAttribute('href');
    expect(crm).toBe(
      `https://app.hubspot.com/contacts/${stack.sandbox.portals[0]!.portalId}/record/0-2/${top.id}`,
    );
    await page.waitForSelector('[data-chart="company-history-data"][data-drawn="true"]');
    await screenshot(page, 'company');
    expect(problems).toEqual([]);
  });

  it('Sync shows the runs with their API calls against the portal limit', async () => {
    const runs = await api('/api/sync/runs', (v) => runsSchema.parse(v));
    await page.goto(`${stack.url}/sync`);
    const run = runs.items[0]!;
    const calls = (run.stats['apiCalls'] as { total: number }).total;
    expect(calls).toBeGreaterThan(0);
    expect(await text(`tr[data-run-id="${run.id}"] [data-col="api-calls"]`)).toBe(
      calls.toLocaleString('en-US'),
    );
    expect(await text('#limits')).toContain('100 requests per 10 seconds');
    await screenshot(page, 'sync');
    expect(problems).toEqual([]);
  });
});
