import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './support/browser.ts';
import { type Stack, startStack } from './support/stack.ts';

/**
 * The dashboard for a Tokyo CS team: a sandbox portal whose company currency is JPY
 * (yen-sized deal amounts), a Japanese portal language, and Chromium in ja-JP (so the
 * browser asks for Japanese). Amounts show in yen without decimals, reasons in Japanese.
 * Screenshots under test-artifacts/screenshots/ja-*.png.
 */
let stack: Stack;
let browser: Browser;
let page: Page;
let problems: string[];

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const text = async (selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();

beforeAll(async () => {
  stack = await startStack({ size: 'small', seed: 7, currency: 'JPY', language: 'ja' });
  browser = await launchBrowser();
  ({ page, problems } = await openPage(browser, { signInLink: stack.signInLink, locale: 'ja-JP' }));
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the dashboard in Japanese for a yen portal', () => {
  it('reads the portal currency from HubSpot on the first sync', async () => {
    expect(stack.firstSync.status).toBe('succeeded');
    await expect(stack.store.portalLocale.get(stack.installId)).resolves.toMatchObject({
      currency: 'JPY',
      timeZone: 'Asia/Tokyo',
      language: 'ja',
    });
  });

  it('shows the portfolio in Japanese with the touch-tier lines in yen', async () => {
    await page.goto(`${stack.url}/`);
    expect(await text('h1')).toBe('ポートフォリオ');
    const lines = await text('#tier-lines');
    expect(lines).toContain('JPY');
    expect(lines).toMatch(/￥[\d,]+/);
    // Not confirmed yet: the yen book's worked examples are suggested, never $250k relabelled.
    const suggestion = await text('#tier-suggestion');
    expect(suggestion).toContain('￥30,000,000');
    expect(suggestion).toContain('￥3,000,000');
    await screenshot(page, 'ja-portfolio');
    expect(problems).toEqual([]);
  });

  it('lists at-risk customers with yen amounts and Japanese reasons', async () => {
    await page.goto(`${stack.url}/at-risk`);
    expect(await text('h1')).toBe('リスクのある顧客');
    const arr = await page.locator('td[data-col="arr"]').allTextContents();
    const amounts = arr.map((a) => a.trim()).filter((a) => a !== '–');
    expect(amounts.length).toBeGreaterThan(0);
    for (const a of amounts) expect(a).toMatch(/^￥[\d,]+$/);
    const reasons = (await page.locator('td[data-col="reason"]').allTextContents()).map((r) => r.trim());
    expect(reasons.some((r) => JAPANESE.test(r))).toBe(true);
    for (const r of reasons) expect(r).not.toMatch(/Nobody|licensed|tickets|Payment/);
    // Owners by name (HubSpot owners API, cached by the sync), and the owner filter by name.
    const owners = (await page.locator('td[data-col="owner"]').allTextContents()).map((o) => o.trim());
    expect(owners.filter((o) => /^\d+$/.test(o))).toEqual([]);
    expect(owners.some((o) => o === '佐藤 花子' || JAPANESE.test(o))).toBe(true);
    const labels = await page.locator('#owner option').allTextContents();
    expect(labels.some((l) => JAPANESE.test(l))).toBe(true);
    const owner = await page.locator('#owner option', { hasText: '佐藤 花子' }).getAttribute('value');
    await page.goto(`${stack.url}/at-risk?owner=${owner}`);
    const filtered = (await page.locator('td[data-col="owner"]').allTextContents()).map((o) => o.trim());
    expect(filtered.length).toBeGreaterThan(0);
    expect(new Set(filtered)).toEqual(new Set(['佐藤 花子']));
    await page.goto(`${stack.url}/at-risk`);
    await screenshot(page, 'ja-at-risk');
    expect(problems).toEqual([]);
  });

  it('shows a company page with its ARR in yen and its reasons in Japanese', async () => {
    await page.goto(`${stack.url}/at-risk`);
    const href = await page
      .locator('#at-risk-table tbody tr[data-company-id] th a')
      .first()
      .getAttribute('href');
    await page.goto(`${stack.url}${href}`);
    const reasons = await page.locator('#reasons li').allTextContents();
    for (const r of reasons) expect(r).toMatch(JAPANESE);
    expect(await page.content()).toMatch(/￥[\d,]+/);
    await screenshot(page, 'ja-company');
    expect(problems).toEqual([]);
  });
});
