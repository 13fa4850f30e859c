/**
 * The settings page's words in English and Japanese. The page runs in HubSpot's sandboxed
 * iframe and bundles this file; messages.unit.test.ts (next to the card's catalogue)
 * checks both languages have the same keys and that every key is used.
 */
export const settingsEn = {
  'settings.title': 'Vigil customer health',
  'settings.what':
    'Vigil scores every customer company: health, touch tier and churn risk, written to the "Customer health (Vigil)" company properties and shown on the company record.',
  'settings.where':
    "Tune the scoring weights, tiers and renewal pipelines, and choose the portal's language and currency, in Vigil's dashboard.",
  'settings.open': 'Open scoring settings',
} as const;

export type SettingsMessageKey = keyof typeof settingsEn;

export const settingsJa: Record<SettingsMessageKey, string> = {
  'settings.title': 'Vigil カスタマーヘルス',
  'settings.what':
    'Vigilはすべての顧客企業をスコアリングします。ヘルススコア、タッチモデル、解約リスクを「Customer health (Vigil)」の会社プロパティに書き込み、会社レコードに表示します。',
  'settings.where':
    'スコアの重み、タッチモデルの閾値、更新パイプライン、ポータルの言語と通貨はVigilのダッシュボードで設定します。',
  'settings.open': 'スコアリング設定を開く',
};

/** The page's words for HubSpot's user locale ("ja-JP" → Japanese; anything else English). */
export function settingsMessages(locale: string | null | undefined): Record<SettingsMessageKey, string> {
  return (locale ?? '').trim().toLowerCase().split(/[-_]/)[0] === 'ja' ? settingsJa : settingsEn;
}
