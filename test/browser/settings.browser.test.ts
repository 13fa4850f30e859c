import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Session, signInWithToken } from '../../src/http/auth/testing.ts';
import { portfolioSchema } from '../../src/http/schemas.ts';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';
import { type Stack, startStack } from './support/stack.ts';

/**
 * Settings in Debian's Chromium on the real stack (seeded sandbox portal, one full sync,
 * store on PGlite): an invalid setting shows parseScoringConfig's error next to its input
 * and saves nothing; a valid edit previews how many companies would change, and saving
 * it stores version 1, rescores through the sync engine with cause 'config' and moves
 * the scores exactly as the preview said.
 */
let stack: Stack;
let browser: Browser;
let page: Page;
let problems: string[];
/** The JSON API as the signed-in operator reads it. */
let session: Session;

const settingsSchema = z.object({ version: z.number(), config: z.record(z.string(), z.unknown()) });
const summarySchema = z.object({ changed: z.number(), byTransition: z.record(z.string(), z.number()) });
const previewSchema = z.object({
  companies: z.number(),
  status: summarySchema.extend({ examples: z.array(z.object({ companyId: z.string() })) }),
  tier: summarySchema,
  riskLevel: summarySchema,
});

async function getJson(path: string): Promise<unknown> {
  const res = await session.fetch(path);
  expect(res.status, path).toBe(200);
  return res.json();
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

describe('Settings', () => {
  it('shows an invalid setting’s error inline and saves nothing', async () => {
    await page.goto(`${stack.url}/settings`);
    expect(await text('#config-version')).toBe('version 0');
    await page.fill('#f-health-bands-healthy', '30');
    const error = page.locator('#f-health-bands-healthy-error');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toContain('the healthy band must start above the at-risk band');
    expect(await page.getAttribute('#f-health-bands-healthy', 'aria-invalid')).toBe('true');

    // A weight below 0 is named too, with the parser's hint.
    await page.fill('#f-health-weights-usage', '-5');
    await page.locator('#f-health-weights-usage-error').waitFor({ state: 'visible' });
    expect(await text('#f-health-weights-usage-error')).toMatch(/≥ 0/);

    await page.click('#save-button');
    await page.locator('#errors-summary').waitFor({ state: 'visible' });
    expect(await text('#status')).toContain('Nothing was saved');
    expect(await text('#errors-summary')).toContain('health.bands.healthy');
    await screenshot(page, 'settings-invalid');

    const settings = settingsSchema.parse(await getJson('/dashboard/api/settings'));
    expect(settings.version).toBe(0);
    expect(await stack.store.configs.list(stack.installId)).toEqual([]);
    expect(stack.rescores).toHaveLength(0);
    expect(problems).toEqual([]);
  });

  it('previews an edit, saves it as a new version and the scores move as previewed', async () => {
    const before = portfolioSchema.parse(await getJson('/api/portfolio'));
    const current = settingsSchema.parse(await getJson('/dashboard/api/settings'));
    const edited = structuredClone(current.config) as { health: { bands: { healthy: number } } };
    edited.health.bands.healthy = 85;

    await page.goto(`${stack.url}/settings`);
    await page.fill('#f-health-bands-healthy', '85');
    await page.click('#preview-button');
    await page.locator('#preview-status-count').waitFor();
    const shown = Number(await text('#preview-status-count'));
    expect(Number(await text('#preview-companies'))).toBe(before.counts.scored);

    // The page shows what the preview endpoint computes for the same config.
    const res = await session.fetch('/dashboard/api/settings/preview', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ config: edited }),
    });
    const preview = previewSchema.parse(await res.json());
    expect(shown).toBe(preview.status.changed);
    expect(shown).toBeGreaterThan(0);
    // Raising the healthy band only moves companies out of "healthy".
    expect(Object.keys(preview.status.byTransition)).toEqual(['healthy → neutral']);
    await page.locator('#preview-heading').scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-preview', false);

    await page.fill('#config-note', 'healthy from 85');
    // The page the save navigates to is awaited as a response, so a failure names its status and body.
    const savedPage = page.waitForResponse(
      (r) => r.url().includes('saved=1') && r.request().method() === 'GET',
    );
    await page.click('#save-button');
    const response = await savedPage;
    expect(response.status(), (await response.text()).slice(0, 500)).toBe(200);
    await page.waitForURL(/saved=1/);
    expect(await text('#saved-notice')).toContain('Saved as version 1');
    expect(stack.rescores).toHaveLength(1);
    const rescore = await stack.rescores[0]!;
    expect(rescore.status).toBe('succeeded');

    const after = portfolioSchema.parse(await getJson('/api/portfolio'));
    expect(after.health.statuses.healthy).toBe(before.health.statuses.healthy - shown);
    expect(after.health.statuses.neutral).toBe(before.health.statuses.neutral + shown);

    // History: version 1 is listed with the score changes it caused; a moved company shows them as config-caused.
    await page.reload();
    expect(await text('#config-version')).toBe('version 1');
    expect(await text('#config-history tr[data-version="1"]')).toContain('healthy from 85');
    const caused = Number(
      (await text('#config-history tr[data-version="1"] td:last-child')).replace(/,/g, ''),
    );
    // The rescore's history rows must carry cause 'config': the sync's recompute saves with the request's cause.
    expect(caused, "score changes recorded with cause 'config'").toBeGreaterThanOrEqual(shown);
    await screenshot(page, 'settings-saved');

    const moved = preview.status.examples[0]!.companyId;
    await page.goto(`${stack.url}/companies/${moved}`);
    const configRow = page.locator('#history-table tr[data-cause="config"]');
    expect(await configRow.count()).toBe(1);
    expect(await configRow.textContent()).toContain('Config v1');
    expect(await configRow.textContent()).toContain('Neutral');
    await screenshot(page, 'company-config-change');
    expect(problems).toEqual([]);
  });
});
