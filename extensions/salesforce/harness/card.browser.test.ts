import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, SCREENSHOT_DIR } from '../../../test/browser/support/browser.ts';
import { buildHarness } from './build.ts';

// What a rep sees: vigilHealthCard compiled by LWC's compiler, run by LWC's engine with synthetic
// shadow (as in Lightning Experience) and the SLDS stylesheet, in Debian's Chromium. The lightning-*
// base components are small SLDS-markup stand-ins (harness/modules/lightning), since the real ones
// exist only inside Salesforce. Screenshots: test-artifacts/screenshots/salesforce-card-<state>.png.

let browser: Browser;
let page: string;
let buildMs = 0;
const out = mkdtempSync(join(tmpdir(), 'vigil-sf-harness-'));

beforeAll(async () => {
  const started = Date.now();
  page = await buildHarness(out);
  buildMs = Date.now() - started;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
});

async function render(state: string, lang: 'en' | 'ja' = 'en') {
  const { page: tab, problems } = await openPage(browser, lang === 'ja' ? { locale: 'ja-JP' } : {});
  await tab.setViewportSize({ width: 460, height: 720 });
  await tab.goto(`${pathToFileURL(page).href}?state=${state}&lang=${lang}`);
  const card = tab.locator('c-vigil-health-card');
  await card.locator('article.slds-card').waitFor();
  const file = join(SCREENSHOT_DIR, `salesforce-card-${lang === 'ja' ? 'ja-' : ''}${state}.png`);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await card.screenshot({ path: file });
  expect(statSync(file).size).toBeGreaterThan(5_000);
  return { tab, card, problems };
}

describe('vigilHealthCard in Chromium with SLDS', () => {
  it('builds the harness within a minute, even on a busy two-core machine', () => {
    expect(buildMs).toBeLessThan(60_000);
  });

  it('healthy: score 84 in a ring, green "Healthy" badge, +6.5 in 30 days, owner, tier and LTV', async () => {
    const { tab, card, problems } = await render('healthy');
    await expect(card.locator('[data-id="score"]').textContent()).resolves.toBe('84');
    await expect(card.locator('[role="progressbar"]').getAttribute('aria-valuenow')).resolves.toBe('84');
    const badge = card.locator('[data-id="status"]');
    await expect(badge.textContent()).resolves.toBe('Healthy');
    // SLDS themed it: the success theme's green, not the default grey badge.
    await expect(badge.evaluate('(el) => getComputedStyle(el).backgroundColor')).resolves.not.toBe(
      'rgb(243, 243, 243)',
    );
    await expect(card.locator('[data-id="change"]').textContent()).resolves.toBe('+6.5 in 30 days');
    await expect(card.locator('[data-id="owner"]').textContent()).resolves.toBe('Aiko Tanaka');
    await expect(card.locator('dt').first().textContent()).resolves.toBe('Owner');
    await expect(card.locator('[data-id="tier"]').textContent()).resolves.toBe('High touch');
    await expect(card.locator('[data-id="ltv"]').textContent()).resolves.toBe('$412,000');
    await expect(card.locator('[data-id="scored-at"]').textContent()).resolves.toBe('2 hours ago');
    await expect(card.locator('[data-id="low-confidence"]').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await tab.close();
  });

  it('at risk: red badge, critical risk with three reasons, and the thin-data warning', async () => {
    const { tab, card, problems } = await render('at-risk');
    await expect(card.locator('[data-id="status"]').textContent()).resolves.toBe('At risk');
    await expect(card.locator('[data-id="risk-level"]').textContent()).resolves.toBe('Critical churn risk');
    await expect(card.locator('[data-id="reasons"] li').allTextContents()).resolves.toEqual([
      'Nobody has logged in for 41 days.',
      '3 urgent tickets are open.',
      'Health fell 14 points in 30 days.',
    ]);
    await expect(card.locator('[data-id="low-confidence"]').textContent()).resolves.toContain('only 48%');
    expect(problems).toEqual([]);
    await tab.close();
  });

  it('not scored: says so, and shows no score', async () => {
    const { tab, card, problems } = await render('not-scored');
    await expect(card.locator('[data-id="not-scored"]').textContent()).resolves.toContain('Not scored yet');
    await expect(card.locator('[data-id="score"]').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await tab.close();
  });

  // A Japanese rep (ja-JP) in a yen org: the custom labels' Japanese translations, yen without
  // decimals, Japanese relative time, and the summary Vigil wrote in Japanese.
  it('healthy, in Japanese: 良好, 30日間で+6.5, 担当者 田中 愛子, ハイタッチ, ￥41,200,000, 2 時間前', async () => {
    const { tab, card, problems } = await render('healthy', 'ja');
    await expect(card.locator('.slds-card__header-title').textContent()).resolves.toContain(
      'カスタマーヘルス',
    );
    await expect(card.locator('[data-id="status"]').textContent()).resolves.toBe('良好');
    await expect(card.locator('[data-id="change"]').textContent()).resolves.toBe('30日間で+6.5');
    await expect(card.locator('[data-id="owner"]').textContent()).resolves.toBe('田中 愛子');
    await expect(card.locator('dt').first().textContent()).resolves.toBe('担当者');
    await expect(card.locator('[data-id="tier"]').textContent()).resolves.toBe('ハイタッチ');
    await expect(card.locator('[data-id="ltv"]').textContent()).resolves.toBe('￥41,200,000');
    await expect(card.locator('[data-id="scored-at"]').textContent()).resolves.toBe('2 時間前');
    await expect(card.locator('[data-id="score"]').getAttribute('aria-label')).resolves.toBe(
      'ヘルススコア 100点中84点',
    );
    expect(problems).toEqual([]);
    await tab.close();
  });

  it('at risk, in Japanese: 要注意, 解約リスク：重大, three Japanese reasons and the thin-data note', async () => {
    const { tab, card, problems } = await render('at-risk', 'ja');
    await expect(card.locator('[data-id="status"]').textContent()).resolves.toBe('要注意');
    await expect(card.locator('[data-id="risk-level"]').textContent()).resolves.toBe('解約リスク：重大');
    await expect(card.locator('[data-id="reasons"] li').allTextContents()).resolves.toEqual([
      '41日間ログインがありません。',
      '緊急のチケットが3件未解決です。',
      '30日間でヘルスが14ポイント低下しました。',
    ]);
    await expect(card.locator('[data-id="low-confidence"]').textContent()).resolves.toContain('48%');
    await expect(card.locator('[data-id="low-confidence"]').textContent()).resolves.toContain('データ不足');
    expect(problems).toEqual([]);
    await tab.close();
  });

  it('not scored, in Japanese', async () => {
    const { tab, card, problems } = await render('not-scored', 'ja');
    await expect(card.locator('[data-id="not-scored"]').textContent()).resolves.toContain(
      'まだスコアがありません',
    );
    expect(problems).toEqual([]);
    await tab.close();
  });
});
