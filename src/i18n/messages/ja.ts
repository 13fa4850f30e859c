import type { MessageKey } from './en.ts';

/**
 * Japanese messages: the same keys as en.ts (the type makes a missing key a compile
 * error; catalogue.unit.test.ts also rejects extra keys and differing arguments).
 * Japanese has no plural forms, so counts are plain numbers with counters (日, 件, 席).
 */
export const ja: Record<MessageKey, string> = {
  'churn.percent': '{tiny, select, yes {1%未満} other {{pct, number}%}}',
  'churn.reason.no_login': '{days, number}日間、誰もログインしていません',
  'churn.reason.low_seat_utilisation':
    '{variant, select, share {契約席のうち利用中は{pct}のみです} none {契約席{seats, number}席がすべて未使用です} other {契約席{seats, number}席のうち利用中は{active, number}席のみです（{pct}）}}',
  'churn.reason.low_adoption':
    '{features, plural, =0 {機能を使っていません} other {使っている機能は#個のみです}}',
  'churn.reason.usage_decline': '直近30日で利用が{pct}減少しました',
  'churn.reason.health_drop': '30日間でヘルススコアが{points, number}ポイント低下しました',
  'churn.reason.renewal_at_risk':
    '{when, select, future {更新まであと{days, number}日、ヘルススコアは{health, number}です} today {本日更新、ヘルススコアは{health, number}です} other {更新期限を{days, number}日過ぎています。ヘルススコアは{health, number}です}}',
  'churn.reason.detractor_nps': '直近のNPS回答は{nps, number}（批判者）でした',
  'churn.reason.urgent_tickets': '緊急チケットが{open, number}件未解決です',
  'churn.reason.ticket_spike':
    '直近30日のチケットは{recent, number}件、{hasBaseline, select, yes {通常の{times, number}倍です} other {その前の90日間は0件でした}}',
  'churn.reason.contraction': '過去12か月にダウングレードでARRが{amount, number, money}減少しました',
  'churn.reason.payment_overdue': '支払いが{days, number}日遅延しています',
  'churn.reason.no_contact': '{days, number}日間、顧客との接触がありません',

  'status.healthy': '健全',
  'status.neutral': '普通',
  'status.at_risk': 'リスクあり',
  'risk.low': '低',
  'risk.medium': '中',
  'risk.high': '高',
  'risk.critical': '危険',

  'timeline.health_moved':
    'ヘルススコアが{from, number}から{to, number}に{direction, select, fell {低下しました} other {上昇しました}}{status, select, none {} other {（{statusLabel}）}}',
  'timeline.health_unscorable': 'ヘルススコアを算出できなくなりました',
  'timeline.health_first':
    'ヘルススコアは{to, number}です{status, select, none {} other {（{statusLabel}）}}',
  'timeline.risk_moved':
    'チャーンリスクが{from}から{to}に{direction, select, rose {上がりました} other {下がりました}}',
  'timeline.title': '{head}：{reason}',
  'timeline.reason_line': '{reason}。',
  'timeline.risk_line': 'チャーンリスク{risk, number}（{level}）、以前は{before, number}（{beforeLevel}）。',

  'dashboard.portfolio.title': 'ポートフォリオ',
  'dashboard.at_risk.title': 'リスクのある顧客',
  'dashboard.reason.none': 'なし',
  'dashboard.tier.explain_absolute':
    '{tier, select, high {期待LTV {ltv}はハイタッチの下限{high}以上です。} tech {期待LTV {ltv}はテックタッチの上限{tech}以下です。} other {期待LTV {ltv}はテックタッチの上限{tech}とハイタッチの下限{high}の間です。}}',
  'dashboard.tiers.thresholds':
    'タッチモデル（{currency}）：期待LTVが{high}以上はハイタッチ、{tech}未満はテックタッチです。',
  'dashboard.tiers.unconfirmed':
    '{currency}でのしきい値はまだ確認されていません。{currency}の推奨値はハイタッチ{high}以上、テックタッチ{tech}未満です。設定で確認してください。',

  'settings.portal.heading': 'このポータルの言語と通貨',
  'settings.portal.language': 'タイムラインのメモ、タスク、CRMに書き込む解約サマリーの言語',
  'settings.portal.language_help':
    '切り替えはこれからVigilが書き込む内容に適用されます。書き込み済みの内容はそのままです。',
  'settings.portal.save_language': '言語を保存',
  'settings.portal.confirm_intro':
    'このポータルの通貨は{currency}です。{currency}でのタッチモデルのしきい値と粗利率を確認して確定してください。確定するまではドルの既定値が使われます。',
  'settings.portal.high_min': 'ハイタッチの下限（期待LTV、{currency}）',
  'settings.portal.tech_max': 'テックタッチの上限（期待LTV、{currency}）',
  'settings.portal.gross_margin': '粗利率（0〜1）',
  'settings.portal.confirm': '確定して再スコア',
  'settings.portal.confirmed':
    '{date}に確定済み：ハイタッチ{high}以上、テックタッチ{tech}未満、粗利率{margin, number, percent}。',
  'nav.label': 'ダッシュボード',
  'nav.portfolio': 'ポートフォリオ',
  'nav.at_risk': 'リスクのある顧客',
  'nav.settings': '設定',
  'nav.model': '解約モデル',
  'nav.sync': '同期',
  'nav.skip': '本文へ移動',
  'nav.sign_out': 'サインアウト',
  'nav.language': '言語',
  'cli.summary.succeeded':
    '{mode}同期が{duration}で完了しました{resumed, select, yes {（中断された実行を再開）} other {}}',
  'cli.summary.rescheduled':
    'CRMのレート制限により{mode}同期を一時停止しました：{wait}後に再実行してください',
  'cli.summary.auth_failed': '{mode}同期を中止しました：CRMがVigilの認証情報を拒否しました（{error}）',
  'cli.summary.records_read': '読み込んだレコード',
  'cli.summary.records_read_value':
    '会社{companies, number}件、取引{deals, number}件、チケット{tickets, number}件（変更{changed, number}件、削除{removed, number}件）',
  'cli.summary.companies_scored': 'スコアリングした会社',
  'cli.summary.companies_scored_value':
    '{scored, number}社{moved, plural, =0 {} other {（#社のティアまたはLTVが変化）}}',
  'cli.summary.properties_written': '書き込んだプロパティ',
  'cli.summary.properties_written_value':
    '{properties, number}件（{companies, number}社）{failed, plural, =0 {} other {（#件失敗）}}',
  'cli.summary.timeline_entries': 'タイムライン',
  'cli.summary.count_failed': '{count, number}件{failed, plural, =0 {} other {（#件失敗）}}',
  'cli.summary.api_calls': 'API呼び出し',
  'cli.summary.api_calls_value': '{total, number}回 — {calls}{retries, plural, =0 {} other {（#回再試行）}}',
  'cli.summary.duration': '所要時間',
  'cli.summary.run': '実行ID',
  'csv.company_id': '会社ID',
  'csv.name': '会社名',
  'csv.owner': '担当者ID',
  'csv.owner_name': '担当者',
  'csv.health': 'ヘルススコア',
  'csv.status': 'ヘルス状態',
  'csv.churn_risk': 'チャーンリスク',
  'csv.risk_level': 'リスクレベル',
  'csv.top_reason': '主な理由コード',
  'csv.top_reason_sentence': '主な理由',
  'csv.reasons': '理由コード',
  'csv.tier': 'タッチモデル',
  'csv.expected_ltv': '期待LTV',
  'csv.arr': 'ARR',
  'csv.renewal_date': '更新日',
  'csv.scored_at': 'スコア算出日時',
  // Touch-tier explanations, one per rule (the reader's language, the portal's currency).
  'tier.tenure': '{unit, select, days {{n, number}日} other {{n, number}年}}',
  'tier.explain.no_revenue':
    '{churned, select, yes {解約済みで継続収益が残っていないため、テックタッチです。} other {継続収益の記録がないため、テックタッチです。}}',
  'tier.explain.absolute':
    '期待LTV {ltv}（ARR {arr} × 粗利率{margin, number}% × {years, number}年）は{tier, select, high {ハイタッチの下限{high}以上です。} tech {テックタッチの上限{tech}以下です。} other {テックタッチの上限{tech}とハイタッチの下限{high}の間です。}}',
  'tier.explain.percentile':
    '期待LTV {ltv}（ARR {arr} × 粗利率{margin, number}% × {years, number}年）は有料顧客{paying, number}社中{rank, number}位で、{tier, select, high {上位{top, number}%に入ります。} tech {下位{bottom, number}%に入ります。} other {上位{top, number}%と下位{bottom, number}%の間です。}}',
  'tier.explain.tenure_lift':
    '継続期間{tenure}（{minDays}以上で引き上げ）により{base, select, high {ハイタッチ} low {ロータッチ} other {テックタッチ}}から{to, select, high {ハイタッチ} low {ロータッチ} other {テックタッチ}}に引き上げました。期待LTV {ltv}（ARR {arr} × 粗利率{margin, number}% × {years, number}年）だけでは{base, select, high {ハイタッチ} low {ロータッチ} other {テックタッチ}}でした。',
  'tier.explain.new_customer_cap':
    '契約から{tenure}の新規顧客のため{to, select, high {ハイタッチ} low {ロータッチ} other {テックタッチ}}までに制限しました（{maxDays}未満が対象）。期待LTV {ltv}（ARR {arr} × 粗利率{margin, number}% × {years, number}年）だけでは{from, select, high {ハイタッチ} low {ロータッチ} other {テックタッチ}}でした。',
  // Reasons a fitted model found (no rule fired): the signal's value as it is.
  'churn.fitted.no_login':
    '{known, select, yes {最終ログインは{days, number}日前です} other {ログインの記録がありません}}',
  'churn.fitted.low_seat_utilisation':
    '{known, select, yes {契約席の{pct}が利用中です} other {席の利用状況は不明です}}',
  'churn.fitted.low_adoption':
    '{known, select, yes {使っている機能は{features, number}個です} other {機能の利用状況は不明です}}',
  'churn.fitted.usage_decline':
    '{trend, select, fell {直近30日で利用が{pct}減少しました} grew {直近30日の利用の伸びは{pct}にとどまります} other {利用の推移は不明です}}',
  'churn.fitted.health_drop':
    '{direction, select, up {30日間でヘルススコアが{points, number}ポイント上がりました} down {30日間でヘルススコアが{points, number}ポイント下がりました} flat {30日間でヘルススコアは変わっていません} other {比較できるヘルススコアの履歴がありません}}',
  'churn.fitted.renewal_at_risk':
    '{when, select, future {更新まであと{days, number}日です} past {更新期限を{days, number}日過ぎています} other {更新日の記録がありません}}',
  'churn.fitted.detractor_nps':
    '{known, select, yes {直近のNPS回答は{nps, number}です} other {NPSの回答がありません}}',
  'churn.fitted.urgent_tickets': '緊急チケットが{open, number}件未解決です',
  'churn.fitted.ticket_spike': '未解決のチケットが{open, number}件、直近30日では{recent, number}件です',
  'churn.fitted.contraction':
    '{direction, select, down {過去12か月でARRが{pct}減少しました} up {過去12か月でARRが{pct}増加しました} other {過去12か月のARRの変化は不明です}}',
  'churn.fitted.payment_overdue':
    '{state, select, late {支払いが{days, number}日遅延しています} on_time {支払いは期日どおりです} other {支払い状況は不明です}}',
  'churn.fitted.no_contact':
    '{known, select, yes {最後の接触は{days, number}日前です} other {接触の記録がありません}}',
  // The fitted model's coefficients in words (Model page, `vigil model`): each feature's step and name.
  'model.feature.days_since_login.step': 'ログインのない日が10日増える',
  'model.feature.days_since_login.name': '最終ログインからの日数',
  'model.feature.seat_utilisation.step': '席の利用率が10ポイント上がる',
  'model.feature.seat_utilisation.name': '席の利用率',
  'model.feature.features_used.step': '使う機能が1つ増える',
  'model.feature.features_used.name': '利用機能数',
  'model.feature.usage_trend.step': '利用の伸びが10%増える',
  'model.feature.usage_trend.name': '利用の推移',
  'model.feature.health_change_30d.step': '30日間のヘルススコアの上昇が10ポイント増える',
  'model.feature.health_change_30d.name': '30日間のヘルススコアの変化',
  'model.feature.days_to_renewal.step': '更新までの日数が30日増える',
  'model.feature.days_to_renewal.name': '更新までの日数',
  'model.feature.nps.step': 'NPSが1ポイント上がる',
  'model.feature.nps.name': 'NPS',
  'model.feature.urgent_tickets.step': '未解決の緊急チケットが1件増える',
  'model.feature.urgent_tickets.name': '緊急チケット数',
  'model.feature.ticket_spike_ratio.step': 'チケット数が通常の1倍分増える',
  'model.feature.ticket_spike_ratio.name': 'チケット急増の倍率',
  'model.feature.open_tickets.step': '未解決のチケットが1件増える',
  'model.feature.open_tickets.name': '未解決チケット数',
  'model.feature.net_arr_change_12m.step': '12か月のARRの伸びが10%増える',
  'model.feature.net_arr_change_12m.name': '12か月のARRの変化',
  'model.feature.days_payment_overdue.step': '支払い遅延が10日増える',
  'model.feature.days_payment_overdue.name': '支払い遅延日数',
  'model.feature.days_since_contact.step': '接触のない日が10日増える',
  'model.feature.days_since_contact.name': '最後の接触からの日数',
  'model.feature.csat.step': 'CSATが1ポイント上がる',
  'model.feature.csat.name': 'CSAT',
  'model.feature.log_arr.step': 'ARRが2倍になる',
  'model.feature.log_arr.name': 'ARRの規模',
  'model.feature.tenure_years.step': '契約年数が1年増える',
  'model.feature.tenure_years.name': '契約年数',
  'model.feature.health.step': 'ヘルススコアが10ポイント上がる',
  'model.feature.health.name': 'ヘルススコア',
  'model.coefficient':
    '{kind, select, step {{what}と} missing {{what}が不明だと} rule {ルール「{what}」が最大の強さで発動すると} gap {ヘルススコアが100ではなく0だと} other {{what}は}}、リスクが約{points, number}ポイント{direction, select, adds {上がります} other {下がります}}',
};
