import { EmptyState, Link, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { describe, expect, it } from 'vitest';
import { DASHBOARD_SETTINGS_URL, SettingsPage } from './Settings.tsx';

describe('SettingsPage', () => {
  it.each([
    ['en-US', 'Vigil customer health', 'Open scoring settings', "in Vigil's dashboard"],
    ['ja-JP', 'Vigil カスタマーヘルス', 'スコアリング設定を開く', 'Vigilのダッシュボードで設定します'],
    ['de-DE', 'Vigil customer health', 'Open scoring settings', "in Vigil's dashboard"],
  ])('speaks the HubSpot user locale %s', (locale, title, link, where) => {
    const r = createRenderer('settings');
    r.render(<SettingsPage locale={locale} />);
    expect(r.find(EmptyState).props.title).toBe(title);
    expect(r.findByTestId(Link, 'dashboard-settings').text).toBe(link);
    expect(r.findByTestId(Link, 'dashboard-settings').props.href).toBe(DASHBOARD_SETTINGS_URL);
    expect(
      r
        .findAll(Text)
        .map((t) => t.text)
        .join(' '),
    ).toContain(where);
  });
});
