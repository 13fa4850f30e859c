import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core (never a downloaded browser). Screenshots
 * go to test-artifacts/screenshots/ (gitignored; CI keeps them as artifacts).
 */
export const SCREENSHOT_DIR = join(process.cwd(), 'test-artifacts', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/**
/**
 * A page that records uncaught script errors, Content-Security-Policy violations and failed
 * requests, so a test can insist on none. With `signInLink` (the link Vigil prints at start)
 * it signs in first, as the operator does, and checks the token left the address bar.
 * `locale` ("ja-JP") sets the browser's language and so its Accept-Language header.
 */
export async function openPage(
  browser: Browser,
  options: { signInLink?: string; locale?: string } = {},
): Promise<{ page: Page; problems: string[] }> {
  const { signInLink, locale } = options;
  const page = await browser.newPage({
    viewport: { width: 1366, height: 900 },
    ...(locale === undefined ? {} : { locale }),
  });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 500) problems.push(`${r.status()} ${r.url()}`);
  });
  if (signInLink !== undefined) {
    await page.goto(signInLink);
    if (page.url().includes('token=') || new URL(page.url()).pathname !== '/')
      throw new Error(`signing in through the printed link ended at ${page.url()}`);
  }
  return { page, problems };
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage });
}
