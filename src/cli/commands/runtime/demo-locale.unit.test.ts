import { describe, expect, it } from 'vitest';
import { resolveDemoLocale } from './demo-locale.ts';

describe('the demo portal currency of vigil start', () => {
  it('is USD in English when nothing is set', () => {
    expect(resolveDemoLocale(undefined, { LANG: 'en_US.UTF-8' })).toEqual({
      ok: true,
      demo: { currency: 'USD', language: 'en', source: 'default' },
    });
  });

  it('is JPY with a Japanese portal when the reader is Japanese (VIGIL_LANG or LANG)', () => {
    const expected = { ok: true, demo: { currency: 'JPY', language: 'ja', source: 'language' } };
    expect(resolveDemoLocale(undefined, { VIGIL_LANG: 'ja' })).toEqual(expected);
    expect(resolveDemoLocale(undefined, { LANG: 'ja_JP.UTF-8' })).toEqual(expected);
    // VIGIL_LANG wins over the system locale.
    expect(resolveDemoLocale(undefined, { VIGIL_LANG: 'en', LANG: 'ja_JP.UTF-8' })).toMatchObject({
      demo: { currency: 'USD', language: 'en' },
    });
  });

  it('takes --demo-currency over VIGIL_DEMO_CURRENCY, case-insensitively', () => {
    expect(resolveDemoLocale('jpy', { VIGIL_DEMO_CURRENCY: 'EUR' })).toEqual({
      ok: true,
      demo: { currency: 'JPY', language: 'en', source: 'flag' },
    });
    expect(resolveDemoLocale(undefined, { VIGIL_DEMO_CURRENCY: ' eur ' })).toEqual({
      ok: true,
      demo: { currency: 'EUR', language: 'en', source: 'env' },
    });
    // An explicit currency keeps the reader's language for the portal.
    expect(resolveDemoLocale('USD', { VIGIL_LANG: 'ja' })).toEqual({
      ok: true,
      demo: { currency: 'USD', language: 'ja', source: 'flag' },
    });
    // Empty counts as unset.
    expect(resolveDemoLocale('', { VIGIL_DEMO_CURRENCY: '', VIGIL_LANG: 'ja' })).toMatchObject({
      demo: { currency: 'JPY', source: 'language' },
    });
  });

  it('refuses a currency the seeds do not know, naming where it came from and what is allowed', () => {
    expect(resolveDemoLocale('GBP', {})).toEqual({
      ok: false,
      error:
        '--demo-currency: "GBP" is not a currency the demo portal can be seeded in; use one of USD, EUR, JPY',
    });
    // In the reader's language.
    expect(resolveDemoLocale('GBP', { VIGIL_LANG: 'ja' })).toEqual({
      ok: false,
      error:
        '--demo-currency: 「GBP」はデモ用ポータルを作成できる通貨ではありません。USD, EUR, JPY のいずれかを指定してください',
    });
    const fromEnv = resolveDemoLocale(undefined, { VIGIL_DEMO_CURRENCY: 'yen' });
    expect(fromEnv.ok).toBe(false);
    expect(!fromEnv.ok && fromEnv.error).toMatch(/^VIGIL_DEMO_CURRENCY: "yen" .* USD, EUR, JPY$/);
  });
});
