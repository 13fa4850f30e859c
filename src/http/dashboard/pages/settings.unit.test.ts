import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../../domain/config/parse.ts';
import { translator } from '../../../i18n/index.ts';
import { FIELD_GROUPS } from '../settings-fields.ts';
import { settingsPage } from './settings.ts';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

function render(locale: 'en' | 'ja'): string {
  return settingsPage({
    version: 2,
    config: defaultScoringConfig(),
    history: [{ version: 2, note: '', createdAt: Date.UTC(2026, 2, 5, 9, 30), changes: 3 }],
    tr: translator(locale, { timeZone: 'Asia/Tokyo' }),
  });
}

/** Each field's label text, by field path. */
function labels(page: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of page.matchAll(
    /<div class="field" data-field="([^"]+)"><label for="[^"]+">(.*?)<\/label>/gs,
  ))
    out.set(m[1]!, m[2]!.replace(/<[^>]+>/g, '').trim());
  return out;
}

describe('settings page in the reader language', () => {
  it('labels every field and group of the scoring form in Japanese', () => {
    const page = render('ja');
    const ja = labels(page);
    const paths = FIELD_GROUPS.flatMap((g) => g.fields.map((f) => f.path));
    expect([...ja.keys()].sort()).toEqual([...paths].sort());
    const english = [...ja].filter(([, text]) => !JAPANESE.test(text));
    expect(english).toEqual([]);
    for (const legend of page.matchAll(/<legend>(.*?)<\/legend>/g)) expect(legend[1]).toMatch(JAPANESE);
    expect(page).toContain('変更をプレビュー');
    expect(page).toContain('スコアリング設定の<strong id="config-version">バージョン2</strong>。');
    expect(page).not.toMatch(/Preview changes|Save and rescore|Config history|Health weights/);
    // Saved times in the portal's zone, named.
    expect(page).toContain('2026/03/05 18:30 JST');
  });

  it('keeps the English labels for an English reader', () => {
    const en = labels(render('en'));
    expect(en.get('health.bands.healthy')).toContain('Healthy from');
    expect(en.get('health.weights.usage')).toBe('Usage');
    expect(en.get('churn.weights.no_login')).toBe('No recent login');
    expect(render('en')).toContain('Scoring config <strong id="config-version">version 2</strong>.');
  });

  it('hands settings.js its words, with placeholders the script fills', () => {
    const block = /<script type="application\/json" id="ui-text">(.*?)<\/script>/s.exec(render('ja'))?.[1];
    const ui = JSON.parse(block ?? '{}') as {
      locale: string;
      timeZone: string;
      texts: Record<string, string>;
    };
    expect(ui.locale).toBe('ja');
    expect(ui.timeZone).toBe('Asia/Tokyo');
    expect(ui.texts['issuesMany']).toBe('プレビューや保存の前に直す設定が{count}件あります：');
    expect(ui.texts['saved']).toContain('{version}');
    expect(ui.texts['level_critical']).toBe('危険');
  });
});
