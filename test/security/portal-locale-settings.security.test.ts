import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, sessionFor } from '../../src/http/auth/testing.ts';
import type { Store } from '../../src/store/index.ts';
import { openTestStore } from '../support/databases.ts';
import { type RunningVigil, startVigil } from './support/running-vigil.ts';

/**
 * The portal's language and currency lines in Settings (POST /dashboard/api/portal-locale):
 * a signed-in admin of the portal switches its language and confirms the currency's
 * suggested tier lines; without the session's CSRF token, or for another portal, nothing
 * changes.
 */
let vigil: RunningVigil;
let store: Store;
let dispose: () => Promise<void>;
let userA: Session;

const path = (installId: string) => `/dashboard/api/portal-locale?installId=${encodeURIComponent(installId)}`;
const post = (s: Session, installId: string, body: unknown, headers: Record<string, string> = {}) =>
  s.fetch(path(installId), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
interface View {
  language: string;
  currency: string;
  confirmedAt: string | null;
  tiers: { highMinLtv: number; techMaxLtv: number; grossMargin: number };
  suggested: { highMinLtv: number; techMaxLtv: number; grossMargin: number } | null;
  version?: number;
}

beforeAll(async () => {
  const opened = await openTestStore('pglite');
  dispose = opened.dispose;
  store = opened.store;
  vigil = await startVigil(store);
  userA = await sessionFor(vigil.http.url, store.sessions, 'aiko@a.example', [vigil.a.install.id]);
  await store.portalLocale.update(vigil.a.install.id, { currency: 'JPY', timeZone: 'Asia/Tokyo' });
}, 120_000);

afterAll(async () => {
  await vigil?.http.close();
  await dispose?.();
});

describe('portal language and currency settings', () => {
  it('offers a JPY portal yen-sized tier lines to confirm, and confirming saves them and rescores', async () => {
    const before = (await (await userA.fetch(path(vigil.a.install.id))).json()) as View;
    expect(before).toMatchObject({ currency: 'JPY', confirmedAt: null, language: 'en' });
    expect(before.suggested).toEqual({ highMinLtv: 30_000_000, techMaxLtv: 3_000_000, grossMargin: 0.8 });
    expect(before.tiers.highMinLtv).toBe(250_000); // the dollar default, not yet confirmed
    const page = await userA.fetch(`/settings?installId=${vigil.a.install.id}`, {
      headers: { 'accept-language': 'ja-JP,ja;q=0.9' },
    });
    const text = await page.text();
    expect(text).toContain('このポータルの言語と通貨');
    expect(text).toContain('ハイタッチの下限（期待LTV、JPY）');
    expect(text).toContain('value="30000000"');

    const res = await post(userA, vigil.a.install.id, { confirm: before.suggested });
    expect(res.status).toBe(200);
    const after = (await res.json()) as View;
    expect(after.confirmedAt).not.toBeNull();
    expect(after.suggested).toBeNull();
    expect(after.tiers).toEqual({ highMinLtv: 30_000_000, techMaxLtv: 3_000_000, grossMargin: 0.8 });
    expect(after.version).toBeGreaterThan(0);
    expect(vigil.rescores).toContain(vigil.a.install.id);
    expect((await store.configs.current(vigil.a.install.id)).config.tiers.absolute.highMinLtv).toBe(
      30_000_000,
    );
  });

  it('switches the portal language for what is written from now on', async () => {
    const res = await post(userA, vigil.a.install.id, { language: 'ja' });
    expect(res.status).toBe(200);
    expect((await store.portalLocale.get(vigil.a.install.id)).language).toBe('ja');
    const page = await (await userA.fetch(`/settings?installId=${vigil.a.install.id}`)).text();
    expect(page).toContain('<option value="ja" selected>');
    expect(page).toContain('Confirmed on');
    expect(page).toContain('high touch from ¥30,000,000');
  });

  it('refuses lines the scoring config would not accept, and saves nothing', async () => {
    const version = (await store.configs.current(vigil.a.install.id)).version;
    const res = await post(userA, vigil.a.install.id, {
      confirm: { highMinLtv: 1_000, techMaxLtv: 5_000, grossMargin: 0.8 },
    });
    expect([400, 422]).toContain(res.status);
    expect((await store.configs.current(vigil.a.install.id)).version).toBe(version);
    expect((await post(userA, vigil.a.install.id, { language: 'fr' })).status).toBe(400);
  });

  it('changes nothing without the CSRF token or for a portal the session cannot see', async () => {
    const forged = await post(userA, vigil.a.install.id, { language: 'en' }, { 'x-csrf-token': 'forged' });
    expect(forged.status).toBe(403);
    const other = await post(userA, vigil.b.install.id, { language: 'ja' });
    expect(other.status).toBe(404);
    expect((await store.portalLocale.get(vigil.a.install.id)).language).toBe('ja');
    expect((await store.portalLocale.get(vigil.b.install.id)).language).toBe('en');
  });
});

describe("the reader's language", () => {
  it('keeps the choice made with the switch over Accept-Language, for this reader only', async () => {
    const choose = await userA.fetch(`/at-risk?lang=ja&installId=${vigil.a.install.id}`);
    expect(choose.status).toBe(303);
    expect(choose.headers.get('location')).toBe(`/at-risk?installId=${vigil.a.install.id}`);
    const cookie = choose.headers.getSetCookie().find((c) => c.startsWith('vigil_lang=ja'));
    expect(cookie).toMatch(/HttpOnly/);
    const page = await fetch(`${vigil.http.url}/at-risk?installId=${vigil.a.install.id}`, {
      headers: { cookie: `${userA.cookie}; vigil_lang=ja`, 'accept-language': 'en-US' },
    });
    const text = await page.text();
    expect(text).toContain('<html lang="ja">');
    expect(text).toContain('リスクのある顧客');
    const plain = await (
      await userA.fetch(`/at-risk?installId=${vigil.a.install.id}`, {
        headers: { 'accept-language': 'en-US' },
      })
    ).text();
    expect(plain).toContain('<html lang="en">');
  });
});

describe('the company page', () => {
  it('explains an absolute-rule tier in the reader language and the portal currency', async () => {
    // The first company whose tier came from the absolute lines (not "no revenue" or a lift).
    const list = (await (
      await userA.fetch(`/api/companies?installId=${vigil.a.install.id}&limit=50`)
    ).json()) as { items: Array<{ id: string }> };
    let id: string | undefined;
    for (const item of list.items) {
      const detail = (await (
        await userA.fetch(`/api/companies/${item.id}?installId=${vigil.a.install.id}`)
      ).json()) as { tierDetail: { rule: string } };
      if (detail.tierDetail.rule === 'absolute') {
        id = item.id;
        break;
      }
    }
    if (id === undefined) throw new Error('the seed has no company tiered by the absolute lines');
    const text = await (
      await fetch(`${vigil.http.url}/companies/${id}?installId=${vigil.a.install.id}`, {
        headers: { cookie: `${userA.cookie}; vigil_lang=ja` },
      })
    ).text();
    const why = /<dd id="tier-why">([^<]*)<\/dd>/.exec(text)?.[1] ?? '';
    // The LTV with its basis (ARR × gross margin × lifetime), all in yen, then the rule.
    expect(why).toMatch(/^期待LTV ￥[\d,]+（ARR ￥[\d,]+ × 粗利率\d+% × [\d.]+年）は/);
    expect(why).not.toContain('$');
  });
});
