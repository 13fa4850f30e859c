// The card for a user whose language is Japanese (ja-JP, an org in yen). The churn summary is
// written by Vigil's sync in the portal's language, so it arrives in Japanese too.
const { mockLocale, cardSuite } = require('./cardSuite');

const user = { locale: 'ja-JP', lang: 'ja', currency: 'JPY' };
mockLocale(user);

cardSuite({
  ...user,
  spot: {
    title: 'カスタマーヘルス',
    scoreLabel: 'ヘルススコア 100点中82点',
    healthy: '良好',
    changeUp: '30日間で+6.5',
    ownerName: '田中 愛子',
    ownerLabel: '担当者',
    highTouch: 'ハイタッチ',
    critical: '解約リスク：重大',
    open: 'Vigilで開く',
    notScored:
      'まだスコアがありません。次回の同期（通常15分以内）の後にVigilがこの取引先をスコアリングします。',
    summary:
      '41日間ログインがありません。緊急のチケットが3件未解決です。30日間でヘルスが14ポイント低下しました。NPSの回答は批判者でした。',
    summarySentences: [
      '41日間ログインがありません。',
      '緊急のチケットが3件未解決です。',
      '30日間でヘルスが14ポイント低下しました。',
    ],
    hidden:
      '参照できない項目：予測LTV、解約理由、解約サマリー。Salesforce管理者にVigil viewer権限セットの割り当てを依頼してください。',
    loadFailed: 'カスタマーヘルスを読み込めませんでした：You do not have access to this record.',
  },
});
