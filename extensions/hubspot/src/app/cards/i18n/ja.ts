import type { CardMessageKey } from './en.ts';

/** The card's Japanese messages: the same keys and arguments as en.ts. */
export const ja: Record<CardMessageKey, string> = {
  'card.loading': 'カスタマーヘルスを読み込み中',
  'card.error.title': 'カスタマーヘルスを表示できません',
  'card.error.retry': '再試行',
  'card.error.unreachable': 'Vigilに接続できませんでした',
  'card.error.status': 'Vigilがエラー{status}を返しました',
  'card.error.unreadable': 'Vigilの応答を読み取れませんでした',
  'card.error.shape': 'Vigilの応答がこのカードの想定と異なります',
  'card.error.not_installed':
    'VigilはこのHubSpotアカウントに接続されていません。管理者がVigilからインストールできます。',
  'card.error.bad_signature':
    'VigilがHubSpotの署名を受け付けませんでした。Vigilの設定でアプリのクライアントシークレットを確認してください。',
  'card.notScored.title': 'まだスコアがありません',
  'card.notScored.body':
    'この会社はまだVigilでスコアリングされていません。初回の同期後にスコアが表示されます。今すぐ再スコアすることもできます。',
  'card.noHealth': 'ヘルススコアがありません：どのシグナルにもデータがありません。',
  'card.status.healthy': '良好',
  'card.status.neutral': '普通',
  'card.status.at_risk': '要注意',
  'card.change':
    '{direction, select, up {30日間で+{points, number}} down {30日間で−{points, number}} other {30日間で変化なし}}',
  'card.thinData.title': 'データ不足',
  'card.thinData.body':
    'この会社でデータがあったのはスコアの重みの{share, number, percent}のみです。スコアは参考値としてご覧ください。',
  'card.tier.label': 'タッチモデル',
  'card.tier.high': 'ハイタッチ',
  'card.tier.low': 'ロータッチ',
  'card.tier.tech': 'テックタッチ',
  'card.ltv.label': '予測LTV',
  'card.ltv.unknown': '不明',
  'card.risk.label': '解約リスク',
  'card.risk.level': '{level, select, low {低} medium {中} high {高} other {重大}}（{risk, number}）',
  'card.owner.named': '担当者：{name}',
  'card.owner.unnamed': '担当者：不明（ID {id}）',
  'card.owner.none': '担当者なし',
  'card.reasons.none': '解約の兆候はありません。',
  'card.history.none': '次にスコアが変わるとトレンドが表示されます。',
  'card.history.date': '日付',
  'card.history.health': 'ヘルス',
  'card.scoredAt': '最終スコアリング：{ago}',
  'card.ago.now': 'たった今',
  'card.rescore.idle': '今すぐ再スコア',
  'card.rescore.sending': 'Vigilに依頼中…',
  'card.rescore.queued': '再スコア中…',
  'card.rescore.failed': '再スコアに失敗しました。もう一度お試しください',
  'card.link.dashboard': 'Vigilで開く',
  'card.link.settings': 'スコアリング設定',
};
