import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/domain/config/parse.ts';
import { fitPortalModel } from '../../src/learning/portal.ts';
import { seededCompaniesWithHistory } from '../../src/learning/seeded.ts';
import { generatePortal } from '../../src/sandbox/seed/generate.ts';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';
import { type Stack, startStack } from './support/stack.ts';

/**
 * The Model page in Debian's Chromium under the dashboard's CSP (no inline script): the
 * capture chart and calibration plot are drawn by model.js from their JSON blocks, and
 * adopting previews the risk-level moves, then saves a settings version with the model.
 */
let stack: Stack;
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  stack = await startStack({ size: 'small', seed: 7 });
  // A real fit (a seeded portal's history), recorded as the fit job records it.
  const now = Date.UTC(2026, 10, 1);
  const companies = seededCompaniesWithHistory(generatePortal({ size: 1200, seed: 2, now }));
  const fit = await fitPortalModel(
    {
      companyIds: async () => companies.map((c) => c.company.id),
      loadInputs: async (ids) => companies.filter((c) => ids.includes(c.company.id)),
      readHistory: async (ids) =>
        companies
          .filter((c) => ids.includes(c.company.id))
          .map((c) => ({ companyId: c.company.id, history: c.propertiesWithHistory })),
    },
    defaultScoringConfig(),
    { horizonDays: 180, now },
  );
  await stack.store.models.record(stack.installId, fit, 'first_sync');
  browser = await launchBrowser();
  ({ page, problems } = await openPage(browser, { signInLink: stack.signInLink }));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('Model page', () => {
  it('draws both charts, previews adopting and adopts', async () => {
    await page.goto(`${stack.url}/model`);
    await page.locator('[data-xy-chart="capture-data"][data-drawn="true"]').waitFor();
    await page.locator('[data-xy-chart="calibration-data"][data-drawn="true"]').waitFor();
    expect(await page.locator('.uplot').count()).toBe(2);
    await page.click('#preview-adopt');
    await page.locator('#model-preview').waitFor({ state: 'visible' });
    expect(Number(await page.locator('#preview-risk-count').textContent())).toBeGreaterThanOrEqual(0);
    await screenshot(page, 'model-preview');
    await page.click('#model-confirm');
    await page.locator('#model-status', { hasText: 'Saved as settings v1' }).waitFor();
    expect((await stack.store.configs.current(stack.installId)).config.churn.model.kind).toBe('fitted');
    expect(problems).toEqual([]);
  }, 120_000);
});
