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
  'dashboard.company.owner': '{known, select, yes {担当者：{name}} other {担当者なし}}',
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
  'cli.summary.warning': '警告',
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
  // Dashboard pages: labels, tables, filters, empty states, the Model and Sync pages (the reader's language).
  'label.status.healthy': '健全',
  'label.status.neutral': '普通',
  'label.status.at_risk': 'リスクあり',
  'label.unscored': '未スコア',
  'label.tier.high': 'ハイタッチ',
  'label.tier.low': 'ロータッチ',
  'label.tier.tech': 'テックタッチ',
  'label.risk.low': '低',
  'label.risk.medium': '中',
  'label.risk.high': '高',
  'label.risk.critical': '危険',
  'label.reason.no_login': '最近のログインなし',
  'label.reason.low_seat_utilisation': '席の利用が少ない',
  'label.reason.low_adoption': '機能の活用が低い',
  'label.reason.usage_decline': '利用の減少',
  'label.reason.health_drop': 'ヘルススコアの低下',
  'label.reason.renewal_at_risk': '更新リスク',
  'label.reason.detractor_nps': 'NPS批判者',
  'label.reason.urgent_tickets': '未解決の緊急チケット',
  'label.reason.ticket_spike': 'チケットの急増',
  'label.reason.contraction': 'ダウングレード',
  'label.reason.payment_overdue': '支払い遅延',
  'label.reason.no_contact': '最近の接触なし',
  'label.rule.absolute': '絶対値',
  'label.rule.percentile': 'パーセンタイル',
  'label.rule.tenure_lift': '継続期間による引き上げ',
  'label.rule.new_customer_cap': '新規顧客の上限',
  'label.rule.no_revenue': '収益なし',
  'label.component.usage': '利用',
  'label.component.support': 'サポート',
  'label.component.sentiment': '満足度',
  'label.component.engagement': 'エンゲージメント',
  'label.component.commercial': '契約',
  'label.company_fallback': '会社 {id}',
  'label.crm_account': '{crm, select, hubspot {HubSpotポータル} other {Salesforce組織}} {account}',
  'label.run.full': 'フル',
  'label.run.incremental': '差分',
  'label.run.running': '実行中',
  'label.run.succeeded': '成功',
  'label.run.failed': '失敗',
  'label.entry.pending': '送信待ち',
  'label.entry.sent': '送信済み',
  'label.entry.failed': '失敗',
  'format.percent': '{value}%',
  'portfolio.lead': '{account} · {companies, number}社、スコア済み{scored, number}社 · 最終スコア算出 {when}',
  'filters.period': '期間',
  'filters.show': '表示',
  'portfolio.key_figures': '主要指標',
  'portfolio.no_snapshot': 'KPIスナップショットはまだありません。最初の同期で作成されます。',
  'portfolio.health_status': 'ヘルス状態',
  'portfolio.touch_tier': 'タッチモデル',
  'portfolio.risk_level': 'チャーンリスクのレベル',
  'portfolio.averages': '平均',
  'portfolio.average_health': '平均ヘルススコア',
  'portfolio.average_risk': '平均チャーンリスク',
  'portfolio.last_sync': '最終同期',
  'portfolio.no_sync_yet': 'まだありません',
  'portfolio.last_sync_value': '{kind}・{status}・{when}',
  'portfolio.trends': '月次の推移',
  'portfolio.no_months': '表示できる月はまだありません。',
  'portfolio.rates_note':
    '暦月（UTC）ごとの率です。CRMミラーにある各顧客のARR履歴から算出します。月初に顧客がいない月には率がありません（–）。',
  'portfolio.source_snapshot': '前回の同期のKPIスナップショット（{when}）。GET /api/portfolio と同じ値です。',
  'portfolio.source_computed': '同期のスナップショットと同じ計算式で、CRMミラーから今算出しました。',
  'chart.churn_by_month': '月別チャーン',
  'chart.customer_churn': '顧客チャーン率',
  'chart.revenue_churn': '収益チャーン率',
  'chart.retention_by_month': '月別リテンション',
  'chart.customer_retention': '顧客継続率',
  'chart.nps_by_month': '月別NPS',
  'chart.growth_by_month': '月別オンボーディングとアップセル',
  'chart.onboarding_completion': 'オンボーディング完了率',
  'chart.upsell_rate': 'アップセル率',
  'chart.aria': '{title}：グラフ。数値は下の表にあります',
  'chart.table': '{title}：データ表',
  'chart.date': '日付',
  'kpi.customer_churn_rate': '顧客チャーン率',
  'kpi.customer_churn_sub': '{atStart, number}社中{churned, number}社',
  'kpi.revenue_churn_rate': '収益チャーン率',
  'kpi.retention': '顧客継続率',
  'kpi.retention_sub': '期末{atEnd, number}社、新規{fresh, number}社',
  'kpi.grr': 'GRR（売上継続率）',
  'kpi.nrr': 'NRR（売上純継続率）',
  'kpi.nps_sub': '回答{answers, number}件',
  'kpi.onboarding': 'オンボーディング完了率',
  'kpi.onboarding_sub': '対象{customers, number}社',
  'kpi.upsell': 'アップセル／クロスセル率',
  'kpi.upsell_sub': '拡大した顧客{expanded, number}社',
  'kpi.average_health': '平均ヘルススコア',
  'kpi.average_health_sub': 'スコア済みの全社（現在）',
  'kpi.period': '{start}〜{end}',
  'period.latest': '直近12か月（前回の同期）',
  'period.quarter': '{year}年 {quarter}{toDate, select, yes {（途中）} other {}}',
  'error.title': '{status, select, not_found {見つかりません} other {このページを表示できません}}',
  'error.company_not_found': 'このポータルには、このIDのスコア済みの会社はありません。',
  'error.install_not_found': 'このIDの接続済みポータルはないか、閲覧できません。',
  'error.invalid_request': 'アドレスを確認してください：{field}が正しくありません（{detail}）。',
  'error.http_status': 'HTTP {status}',
  'nav.portal': 'ポータル',
  'filters.all': 'すべて',
  'filters.tier': 'タッチモデル',
  'filters.level': 'リスクレベル',
  'filters.reason': '理由',
  'filters.owner': '担当者',
  'filters.owner_placeholder': '名前（一部でも可）',
  'filters.rows': '1ページの行数',
  'filters.apply': '絞り込む',
  'at_risk.lead': 'チャーンリスクの高い順に並んでいます。会社を開くと理由がわかります。',
  'at_risk.filter_label': '一覧を絞り込む',
  'at_risk.export': 'CSVを書き出す',
  'at_risk.caption': '{page, number}ページ目：{count, number}社',
  'at_risk.empty': '条件に合う会社はありません。',
  'col.company': '会社',
  'col.health': 'ヘルススコア',
  'col.churn_risk': 'チャーンリスク',
  'col.top_reason': '主な理由',
  'col.tier': 'タッチモデル',
  'col.renewal': '更新日',
  'col.owner': '担当者',
  'pager.next': '次のページ',
  'pager.first': '最初のページ',
  'pager.label': 'ページ',
  'signal.days_since_last_login': '最終ログインからの日数',
  'signal.seat_utilisation': '席の利用率（利用中 ÷ 契約席）',
  'signal.features_used': '利用機能数',
  'signal.usage_trend': '利用の推移（直近30日とその前の30日）',
  'signal.open_urgent_tickets': '未解決の緊急チケット',
  'signal.open_tickets': '未解決のチケット',
  'signal.ticket_spike_ratio': 'チケット急増の倍率',
  'signal.median_days_to_close': '解決までの日数（中央値）',
  'signal.escalations': 'エスカレーション',
  'signal.nps': 'NPS',
  'signal.csat': 'CSAT',
  'signal.days_payment_overdue': '支払い遅延日数',
  'signal.net_arr_change_12m': '12か月のARRの純変化',
  'signal.failed_payments': '支払いの失敗',
  'signal.days_since_last_contact': '最後の接触からの日数',
  'company.via.app_event': 'アプリイベント',
  'company.via.timeline_event': 'タイムラインイベント',
  'company.via.note': 'メモ',
  'company.via.task': 'タスク',
  'company.breakdown_caption': '要素別のヘルススコア',
  'company.col.component': '要素／シグナル',
  'company.col.value': '値',
  'company.col.score': 'スコア',
  'company.col.weight': '重み',
  'company.col.share': 'スコアに占める割合',
  'company.no_data': 'データなし',
  'company.no_history': '履歴はまだありません。',
  'company.history_title': 'ヘルススコアとチャーンリスクの推移',
  'company.history_config_point': '{when}（設定 v{version}）',
  'company.history_model_point': '{when}（チャーンモデル v{version}）',
  'company.changed_by_config': '設定またはモデルによる変化',
  'company.history_caption':
    'スコアの変化（設定変更によるもの{config, number}件{model, plural, =0 {} other {、チャーンモデルの変更によるもの#件}}）',
  'company.col.when': '日時',
  'company.col.status': '状態',
  'company.col.level': 'レベル',
  'company.col.cause': '原因',
  'company.col.entry': '内容',
  'company.cause_config': '設定 v{version}',
  'company.cause_model': 'チャーンモデル（v{version}）',
  'company.cause_data': 'CRMのデータ',
  'company.confidence': '信頼度',
  'company.confidence_sub': 'データのある重みの割合',
  'company.change_30d': '30日間の変化',
  'company.risk_sub': '{level}（{model, select, fitted {学習モデル} other {ルールモデル}}）',
  'company.tier_sub': '期待LTV {ltv}',
  'company.arr_sub': '更新日 {date}',
  'company.record': 'レコード {id}',
  'company.open_in_crm': '{crm}でレコードを開く',
  'company.scored_at': 'スコア算出 {when}',
  'company.summary_label': 'スコアの概要',
  'company.reasons_heading': '理由：チャーンの要因',
  'company.no_reasons': 'チャーンの要因は見つかっていません。',
  'company.reason_contribution': '（リスク +{points}）',
  'company.breakdown_heading': 'スコアの内訳',
  'company.expected_ltv': '期待LTV（顧客生涯価値）',
  'company.expected_lifetime': '期待継続期間',
  'company.lifetime_value': '{years}年（年間チャーン率 {churn}）',
  'company.rule': 'ルール',
  'company.why': '理由',
  'company.history_heading': '履歴',
  'company.timeline_heading': '書き込んだタイムライン',
  'company.no_timeline': 'CRMのタイムラインに書き込んだ重要な変化はまだありません。',
  'company.data_quality': 'データ品質',
  'company.data_quality_item': 'レコード {record} の {property}：',
  'sync.limits_heading': 'ポータルの上限に対するAPI呼び出し',
  'sync.portal_limit': 'ポータルの上限',
  'sync.calls_24h': '直近24時間の呼び出し',
  'sync.calls_24h_value': '{runs, number}回の実行で{calls, number}回',
  'sync.runs_heading': '実行履歴',
  'sync.col.started': '開始',
  'sync.col.kind': '種類',
  'sync.col.status': '状態',
  'sync.col.duration': '所要時間',
  'sync.col.read': '読み込んだ会社／取引／チケット',
  'sync.col.scored': 'スコア算出',
  'sync.col.properties': '書き込んだプロパティ',
  'sync.col.api_calls': 'API呼び出し',
  'sync.col.pace': '{seconds}秒あたりのペース',
  'sync.col.http429': '429応答',
  'sync.no_runs': '同期はまだ実行されていません。',
  'sync.pace_of': '{pace}／上限{limit}',
  'sync.warnings_heading': '直近の実行の警告',
  'sync.warnings_intro': '同期は続行しましたが、管理者による対応が必要です:',
  'warning.salesforce_fields_missing':
    '{object}: {fields}（{count, number} 項目）が存在しないか、項目レベルセキュリティで参照できません。これらに対応付けたシグナルは使われず、スコアの信頼度が下がります。項目を作成するか、連携ユーザーに参照権限を付与してください（項目レベルセキュリティ。例: Vigil_Integration 権限セット）。',
  'warning.salesforce_view_all_data_missing':
    '連携ユーザーに「すべてのデータの参照」(View All Data) 権限がありません。Salesforce は共有されたレコードだけを返す（クエリ、getUpdated、getDeleted は拒否されず絞り込まれる）ため、見えない顧客はスコアされず、その削除も検知されません。管理者が設定（ユーザーのプロファイルまたは権限セット）で付与してください。',
  'sync.errors_heading': 'レコードごとのエラー',
  'sync.no_errors': '書き戻しのエラーはありません。',
  'sync.col.what': '対象',
  'sync.col.error': 'エラー',
  'sync.col.attempts': '試行回数',
  'sync.col.will_retry': '再試行',
  'sync.what.properties': 'プロパティ',
  'sync.what.timeline': 'タイムライン',
  'sync.yes_no': '{answer, select, yes {する} other {しない}}',
  'sync.webhook_heading': '最後のWebhook',
  'sync.webhook_seen': '{type}{hasRecord, select, yes {（レコード {record}）} other {}}、{when}に受信',
  'sync.no_webhook': 'Webhookはまだ受信していません。',
  'sync.webhooks_untracked': 'このVigilはWebhookの受信をまだ記録していません。',
  'sync.disconnect': '接続を解除',
  'sync.disconnect_text':
    'HubSpotポータル {account} からVigilをアンインストールし、同期を止めます。算出済みのスコアは削除されるまで残ります。ポータルは後で再インストールできます。',
  'sync.disconnect_confirm':
    'HubSpotポータル {account} とVigilの接続を解除しますか？ アプリはポータルからアンインストールされます。',
  'sync.limit':
    '10秒あたり{perWindow, number}リクエスト（{app, select, oauth {OAuthアプリ} other {プライベートアプリ、最低ティア}}）、検索は1秒あたり{search, number}回',
  'sync.limit_unknown': 'このCRMでは不明',
  'model.no_capture': '捕捉率のグラフはありません：検証できる解約顧客が少なすぎます。',
  'model.capture_x': 'リスクの高い順の顧客の割合（%）',
  'model.capture_y': '見つかった解約顧客の割合（%）',
  'model.rules': 'ルール',
  'model.fitted': '学習モデル',
  'model.random': 'ランダム',
  'model.capture_title': 'リスクの高い顧客の中で見つかった解約顧客',
  'model.capture_aria': '捕捉率のグラフ。数値は下の表にあります',
  'model.col.riskiest': 'リスク上位',
  'model.no_calibration': '較正プロットはありません：モデルは学習されていません。',
  'model.calibration_x': '予測リスクの十分位',
  'model.calibration_y': 'チャーン率（%）',
  'model.predicted': '予測',
  'model.observed': '実績',
  'model.calibration_title': '十分位ごとの予測チャーン率と実績',
  'model.calibration_aria': '較正プロット。数値は下の表にあります',
  'model.col.decile': '十分位',
  'model.col.customers': '顧客数',
  'model.learned_heading': 'モデルが学んだこと',
  'model.learned_lead': 'このポータルの平均的な顧客では：',
  'model.learned_line': '{sentence}。',
  'model.actions_heading': '採用または元に戻す',
  'model.preview_adopt': 'このモデルを採用した場合をプレビュー',
  'model.preview_revert': 'ルールに戻した場合をプレビュー',
  'model.confirm': '確定',
  'model.verdict': '{proposed, select, yes {採用を提案} other {提案なし}}：{detail}',
  'model.verdict_detail':
    '学習に使わなかった顧客{heldOut, number}社で、学習モデルのAUCは{fitted}、ルールのAUCは{rules}です。',
  'model.in_use_rules': 'チャーンリスクはルールで算出しています（設定 v{version}）。',
  'model.in_use_fitted':
    'チャーンリスクは{when}に顧客{samples, number}社で学習したモデルで算出しています（設定 v{version}）。',
  'model.title': '解約モデル',
  'model.no_fit':
    'モデルはまだ学習されていません。Vigilは最初のフル同期の後、以降は毎週学習します（vigil model fit でも実行できます）。',
  'model.latest_fit': '最新の学習',
  'model.fitted_at': '学習日時',
  'model.fitted_at_value':
    '{when}（{trigger, select, first_sync {初回同期} schedule {定期実行} outcomes {新しい結果} other {手動}}）',
  'model.learned_from': '学習データ',
  'model.learned_from_value':
    '顧客{examples, number}社、そのうち{days, number}日以内に解約したのは{churned, number}社',
  'model.held_out': '検証用（最新、学習に不使用）',
  'model.held_out_value': '顧客{examples, number}社、解約{churned, number}社',
  'model.rules_auc': '検証用顧客でのルールのAUC',
  'model.fitted_auc': '検証用顧客での学習モデルのAUC',
  'model.cv_auc': '交差検証AUC（5分割、全顧客）',
  'model.verdict_label': '判定',
  'model.js.previewing': '全社をメモリ上で再スコア中…',
  'model.js.preview_failed': 'プレビューに失敗しました：{error}',
  'model.js.saved': '設定 v{version} として保存しました。全社を再スコアしています。',
  'model.js.not_saved': '保存されませんでした：{error}',
  'model.js.chart_failed': 'グラフを描けませんでした（{error}）。数値は下の表にあります。',
  'model.js.preview_intro': '{companies}社すべてをメモリ上で再スコアしました。まだ何も保存していません。',
  'model.js.preview_changed': 'リスクレベルが変わる会社：{changed}社',
  'model.js.for_example': '例：',
  // Settings: the scoring form's groups, fields and help, its preview and history.
  'settings.f.health_bands_healthy': '健全とする下限',
  'settings.f.health_bands_atRisk': 'リスクありとする上限',
  'settings.f.materialHealthChange': '重要なヘルススコアの変化',
  'settings.f.tiers_mode': 'ティアの決め方',
  'settings.f.tiers_grossMargin': '粗利率',
  'settings.f.tiers_annualChurnRate': '年間チャーン率',
  'settings.f.tiers_absolute_highMinLtv': 'ハイタッチとするLTVの下限',
  'settings.f.tiers_absolute_techMaxLtv': 'テックタッチとするLTVの上限',
  'settings.f.tiers_percentile_highTopPercent': 'ハイタッチ：上位%',
  'settings.f.tiers_percentile_techBottomPercent': 'テックタッチ：下位%',
  'settings.f.tiers_tenureLift_enabled': '長い継続期間でティアを引き上げる',
  'settings.f.tiers_tenureLift_minDays': '引き上げまでの継続日数',
  'settings.f.tiers_newCustomerCap_maxDays': '新規顧客とみなす日数',
  'settings.f.tiers_newCustomerCap_maxTier': '新規顧客のティアの上限',
  'settings.f.churn_graded': '段階的な重み付け',
  'settings.f.churn_thresholds_noLoginDays': 'ログインのない日数',
  'settings.f.churn_thresholds_seatUtilisationBelow': '席の利用率がこれ未満',
  'settings.f.churn_thresholds_featuresUsedAtMost': '利用機能数がこれ以下',
  'settings.f.churn_thresholds_usageDeclineAtLeast': '利用の減少がこれ以上',
  'settings.f.churn_thresholds_healthDropAtLeast': 'ヘルススコアの低下がこれ以上',
  'settings.f.churn_thresholds_renewalWithinDays': '更新までの日数がこれ以内',
  'settings.f.churn_thresholds_renewalHealthBelow': '更新時のヘルススコアがこれ未満',
  'settings.f.churn_thresholds_detractorNpsAtMost': '批判者とするNPSの上限',
  'settings.f.churn_thresholds_urgentTicketsAtLeast': '緊急チケットがこれ以上',
  'settings.f.churn_thresholds_ticketSpikeRatioAtLeast': 'チケット急増の倍率がこれ以上',
  'settings.f.churn_thresholds_ticketSpikeMinTickets': '急増とみなす最少チケット数',
  'settings.f.churn_thresholds_paymentOverdueDays': '支払い遅延の日数',
  'settings.f.churn_thresholds_noContactDays': '接触のない日数',
  'settings.f.churn_levels_medium': '「中」とする下限',
  'settings.f.churn_levels_high': '「高」とする下限',
  'settings.f.churn_levels_critical': '「危険」とする下限',
  'settings.f.churn_healthBaseline': '低いヘルススコアだけによるリスク',
  'settings.f.mapping_company_name': '会社名',
  'settings.f.mapping_company_lastLogin': '会社：最終ログイン',
  'settings.f.mapping_company_activeUsers': '会社：アクティブユーザー数',
  'settings.f.mapping_company_licensedSeats': '会社：契約席数',
  'settings.f.mapping_company_featuresUsed': '会社：利用機能数',
  'settings.f.mapping_company_usageLast30d': '会社：直近30日の利用',
  'settings.f.mapping_company_usagePrev30d': '会社：その前の30日の利用',
  'settings.f.mapping_company_nps': '会社：NPS',
  'settings.f.mapping_company_csat': '会社：CSAT',
  'settings.f.mapping_company_daysPaymentOverdue': '会社：支払い遅延日数',
  'settings.f.mapping_company_failedPayments': '会社：支払いの失敗',
  'settings.f.mapping_company_onboardingStatus': '会社：オンボーディング状況',
  'settings.f.mapping_company_owner': '会社：担当者',
  'settings.f.mapping_company_createdAt': '会社：作成日',
  'settings.f.mapping_company_domain': '会社：ドメイン',
  'settings.f.mapping_company_lastContact': '会社：最後の接触',
  'settings.f.mapping_deal_amount': '取引：金額',
  'settings.f.mapping_deal_stage': '取引：ステージ',
  'settings.f.mapping_deal_closeDate': '取引：成約日',
  'settings.f.mapping_deal_dealType': '取引：種類',
  'settings.f.mapping_deal_pipeline': '取引：パイプライン',
  'settings.f.mapping_deal_wonStages': '取引：成約ステージ',
  'settings.f.mapping_deal_lostStages': '取引：失注ステージ',
  'settings.f.mapping_ticket_priority': 'チケット：優先度',
  'settings.f.mapping_ticket_stage': 'チケット：ステージ',
  'settings.f.mapping_ticket_closedStages': 'チケット：完了ステージ',
  'settings.f.mapping_ticket_urgentPriorities': 'チケット：緊急の優先度',
  'settings.help.not_mapped': '空欄＝対応付けなし',
  'settings.help.seat_share': '席の割合、0〜1',
  'settings.help.usage_share': '失われた利用の割合、0〜1',
  'settings.help.spike': '直近30日 ÷ 通常の1か月',
  'settings.help.health_at_or_above': 'ヘルススコアがこれ以上',
  'settings.help.health_below': 'ヘルススコアがこれ未満',
  'settings.help.material': 'ポイント。タイムラインに書き込みます',
  'settings.help.ratio': '0〜1',
  'settings.help.churn_rate': '0〜1。空欄＝ポートフォリオ自身の率',
  'settings.help.baseline': 'ヘルススコア0のときの%',
  'settings.help.graded':
    'シグナルがしきい値に近づくほどリスクが上がる。オフ：しきい値を超えるまで何も加えない',
  'settings.group.weights': 'ヘルススコアの重み',
  'settings.group.weights_help': '各要素の重みです。データのない要素は除外し、残りで正規化します。',
  'settings.group.bands': '状態の区分',
  'settings.group.tiers': 'タッチモデルのルール',
  'settings.group.tiers_help': '期待LTV = ARR × 粗利率 × 期待継続期間（1 ÷ 年間チャーン率）。',
  'settings.group.thresholds': 'チャーン要因のしきい値',
  'settings.group.levels': 'リスクレベルと要因の重み',
  'settings.group.levels_help':
    '各レベルとするリスクの下限です。各要因は最大の深刻度で重み（%）まで加わります。',
  'settings.group.mapping': 'プロパティの対応付け',
  'settings.group.mapping_help': '各シグナルを持つCRMのプロパティです。複数はカンマ区切りで入力します。',
  'settings.js.issues': 'プレビューや保存の前に直す設定が{count, number}件あります：',
  'settings.js.transition': '{from} → {to}',
  'settings.js.no_change': '変化なし。',
  'settings.js.examples': '例',
  'settings.js.col_now': '現在',
  'settings.js.col_edited': '変更後',
  'settings.js.preview_intro':
    '{asOf}時点で、保存済みの設定と編集中の設定で全社をメモリ上で再スコアしました：{companies}社、{ms}ミリ秒。まだ何も保存していません。',
  'settings.js.status_changes': '状態の変化',
  'settings.js.level_changes': 'リスクレベルの変化',
  'settings.js.tier_changes': 'ティアの変化',
  'settings.js.fix_below': '下に示した設定を直してください。',
  'settings.js.preview_ready': 'プレビューの準備ができました。',
  'settings.js.saving': '保存中…',
  'settings.js.not_saved': '保存されませんでした。下に示した設定を直してください。',
  'settings.js.saved': 'バージョン{version}として保存しました。再スコアしています。',
  'settings.js.save_failed': '保存に失敗しました：{error}',
  'settings.saved_notice':
    'バージョン{version}として保存しました。この設定で全社を再スコアしています。これによるスコアの変化は各社の履歴に「設定」と記録されます。',
  'settings.proposal':
    '{when}に学習した解約モデルは、このポータルの解約顧客をルールよりうまく順位付けします（検証用顧客でのAUC {fitted}、ルールは{rules}）：',
  'settings.proposal_link': '解約モデルのページで確認・プレビューして採用する',
  'settings.intro':
    'スコアリング設定の{version}{defaults, select, yes {（既定値、未保存）} other {}}。設定を変えたら全社への影響をプレビューしてから保存してください。保存すると新しいバージョンが作られ、全社を再スコアします。',
  'settings.note': 'このバージョンのメモ',
  'settings.note_placeholder': '例：サポートの重みを上げる',
  'settings.preview_button': '変更をプレビュー',
  'settings.save_button': '保存して再スコア',
  'settings.preview_heading': 'プレビュー',
  'settings.history_heading': '設定の履歴',
  'settings.missing.heading': 'この組織が提供できないシグナル',
  'settings.missing.intro':
    '直近の同期では、対応付けた次の項目を読めませんでした。組織に項目がないか、項目レベルセキュリティで連携ユーザーから隠されています。スコアはこれらのシグナルなしで、低い信頼度のまま算出されます。',
  'settings.missing.item': '{signal}: {object} の項目 {field}',
  'settings.missing.fix':
    '使うには、Salesforce で項目を作成する（設定 → オブジェクトマネージャー）か、連携ユーザーに項目の参照権限を付与する（項目レベルセキュリティ。例: Vigil_Integration 権限セット）か、上のプロパティ対応付けで組織にある項目へ対応付け直してください。次の同期から読み込まれます。',
  'settings.col.version': 'バージョン',
  'settings.col.saved': '保存日時',
  'settings.col.note': 'メモ',
  'settings.col.changes': 'これによるスコアの変化',
  'settings.no_history': '保存されたバージョンはまだありません。既定値を使っています。',
  'settings.current': '現在',
  // Sign-in pages (the reader's Accept-Language or earlier choice).
  'login.with': '{crm}でサインイン',
  'login.lead_local':
    'Vigilの起動時に表示されたリンク（{example}）を開くか、そのトークンをここに貼り付けてください。',
  'login.lead_hosted': 'お使いのCRMでサインインしてください。所属するポータルや組織が表示されます。',
  'login.token': 'アクセストークン',
  'login.sign_in': 'サインイン',
  'login.heading': 'Vigilにサインイン',
  'login.signed_out': 'サインアウトしました',
  'login.signed_out_text': 'セッションは終了しました。',
  'login.sign_in_again': 'もう一度サインインする。',
  'login.bad_link': 'このリンクは無効です（Vigilは起動のたびに新しいリンクを表示します）。',
  'login.bad_token': 'このアクセストークンは無効です。',
  // CLI: `vigil score`, `vigil score --explain`, `vigil model` (VIGIL_LANG / LANG; --json stays English).
  'cli.explain.company': '会社 {id}{hasName, select, yes {（{name}）} other {}}',
  'cli.explain.as_of': '{when}時点のスコア',
  'cli.explain.change': '{known, select, yes {30日間で{change}} other {30日間の履歴なし}}',
  'cli.explain.health_unscored':
    'ヘルススコア：算出なし（データのある要素がありません）、信頼度 {confidence}',
  'cli.explain.health': 'ヘルススコア {health}（{status}）、信頼度 {confidence}、{change}',
  'cli.explain.no_data': 'データなし',
  'cli.explain.weight_left_out': '重み {weight, number}（除外）',
  'cli.explain.weight_share': '重み {weight, number} → スコアの{share}',
  'cli.explain.risk':
    'チャーンリスク {risk}（{level}）、{model, select, fitted {このポータルの解約で学習したモデル} other {ルールモデル}}',
  'cli.explain.no_reason': 'チャーンの要因は見つかっていません',
  'cli.explain.reason': '{sentence} [{code}、+{points}ポイント]',
  'cli.explain.top_note': '（* = CRMに書き込んだ主な理由）',
  'cli.explain.no_money': 'なし',
  'cli.explain.no_tier': 'タッチモデル：未割り当て',
  'cli.explain.tier': 'タッチモデル：{tier}（{rule}）',
  'cli.explain.tier_numbers': '期待LTV {ltv}、ARR {arr}、継続期間 {years}年（年間チャーン率 {churn}）',
  'cli.explain.quality': 'Vigilが使えなかったデータ（{count, number}件）：',
  'cli.explain.quality_item': 'レコード {record} の {property}：{message}',
  'cli.explain.quality_more': '…ほか{count, number}件',
  'cli.score.not_found':
    'ポータル {account} に会社 {id} のスコアはありません。IDは正しいか、`vigil sync` を実行したか確認してください。',
  'cli.score.line':
    '会社 {id}{hasName, select, yes {（{name}）} other {}}：ヘルススコア {scored, select, yes {{health, number}（{status}）} other {算出なし}}、チャーンリスク {risk, number}（{level}）、{tier}',
  'cli.model.rules': 'ポータル {account} はチャーンリスクをルールで算出しています（設定 v{version}）。',
  'cli.model.fitted':
    'ポータル {account} はチャーンリスクを{date}に顧客{samples, number}社（解約{churned, number}社）で学習したモデルで算出しています。検証用顧客でのAUCは{fitted}、ルールは{rules}です。',
  'cli.model.reverted': '設定 v{version}：チャーンリスクをルールに戻し、全社を再スコアしました。',
  'cli.model.verdict':
    '{proposed, select, yes {採用を提案します} other {提案しません}}（最新の{heldOut, number}社で判定）。',
  'cli.model.fit_line':
    '学習データ{examples, number}件（解約{churned, number}件、期間{horizon, number}日）：最新の{heldOut, number}社でルールのAUCは{rules}、学習モデルは{fitted}。{verdict}{adopted, select, yes {設定 v{version}として採用し、全社を再スコアしました。} other {}}',
  // The settings' version, inside the intro sentence.
  'settings.version': 'バージョン{version, number}',
  // Error pages and durations.
  'error.no_install':
    '接続済みのCRMポータルはまだありません。先に vigil start か vigil sync を実行してください。',
  'format.duration': '{unit, select, ms {{ms, number}ミリ秒} s {{s}秒} other {{min, number}分{s}秒}}',
  // CLI: vigil start, serve, worker and provision (VIGIL_LANG / LANG).
  'cli.start.running': 'Vigilを起動しました：{url}',
  'cli.start.crm_sandbox':
    'CRM：ローカルのHubSpotサンドボックス {url}、デモポータル {portal}（{records, number}レコード）',
  'cli.start.crm_portal': 'CRM：HubSpotポータル {portal}（{url}）',
  'cli.start.crm_none':
    'CRM：接続済みのポータルはまだありません（OAuthのインストールはアプリ経由で届きます）',
  'cli.start.crm_salesforce':
    'CRM：{sandbox, select, yes {ローカルのSalesforceサンドボックス組織 {org}（{url}、{records, number}レコード）} other {Salesforce組織 {org}（{url}）}}',
  'cli.start.linked': '両方のCRMを連携中：照合できた顧客には両方で同じスコアを付けます',
  'cli.start.hubspot_app':
    'HubSpotアプリ：インストールは {url}/oauth/hubspot/install、Webhookは {url}/webhooks/hubspot',
  'cli.start.account': '{crm, select, salesforce {Salesforce組織 {account}} other {ポータル {account}}}',
  'cli.start.initial_sync': '{account}の最初の{mode, select, full {フル} other {差分}}同期：',
  'cli.start.initial_failed': '{account}の最初の同期に失敗しました：{error}',
  'cli.start.settle_linked': '両方で同じスコアに：{account}で照合できた顧客を再スコアします：',
  'cli.start.scheduled': '15分ごとに差分同期します。数値は {url} で確認できます。Ctrl-CでVigilを止めます。',
  'cli.start.stopped': 'Vigilを停止しました。',
  'cli.start.demo_currency_invalid':
    '{name}: 「{value}」はデモ用ポータルを作成できる通貨ではありません。{allowed} のいずれかを指定してください',
  'cli.start.demo_locale':
    'デモの通貨は{currency}、ポータルの言語は{language, select, ja {日本語} other {英語}}です{source, select, language {（表示言語が日本語のため。別の通貨は --demo-currency または VIGIL_DEMO_CURRENCY で指定）} flag {（--demo-currency）} env {（VIGIL_DEMO_CURRENCY）} other {}}。ティアのしきい値は、管理者がポートフォリオ画面で確認するまで確定しません',
  'cli.http.open_link': 'ダッシュボードを開く（サインインします）：{url}',
  'cli.http.auth_off': 'サインインはオフです（VIGIL_AUTH=off）：このマシンの誰でもダッシュボードを開けます',
  'cli.http.sign_in_at': 'サインイン：{url}',
  'cli.serve.running': 'Vigilのダッシュボードと API：{url}（Ctrl-Cで停止）',
  'cli.worker.running': 'Vigilワーカーを実行中（Ctrl-Cで実行中のジョブを2秒以内にキューへ戻します）',
  'cli.provision.none': 'なし',
  'cli.provision.done': 'ポータル {account} の準備が完了しました',
  'cli.provision.created': '作成      {names}',
  'cli.provision.updated': '更新      {names}',
  'cli.provision.unchanged': '変更なし  {names}',
  'cli.provision.timeline':
    'タイムラインの書き込み先：{via, select, note {メモ（アプリイベントは使えません）} app_event {アプリイベント} timeline_event {タイムラインイベント} other {タスク}}',
  // The Sync page's Disconnect, when it fails.
  'sync.disconnect_failed': '接続を解除できませんでした。もう一度お試しください。',
  // A CRM sign-in that did not end in a session.
  'login.failed.title':
    '{kind, select, not_completed {サインインが完了しませんでした} expired {サインインのリンクの期限が切れました} unrecognised {サインインのリンクを確認できません} not_confirmed {{crm, select, salesforce {Salesforce} other {HubSpot}}がサインインを確認しませんでした} other {この{crm, select, salesforce {組織} other {ポータル}}にはVigilがありません}}',
  'login.failed.message':
    '{kind, select, not_completed {{crm, select, salesforce {Salesforce} other {HubSpot}}からコードまたはstateが返されませんでした。最初からやり直してください。} expired {サインインはVigilから始め、同じブラウザで10分以内に完了してください。} unrecognised {サインインはVigilから始め、同じブラウザで10分以内に完了してください。} not_confirmed {しばらくしてからもう一度お試しください。} other {{crm, select, salesforce {VigilはSalesforce組織 {account} に接続されていません。管理者に接続を依頼してから、もう一度サインインしてください。} other {VigilはHubSpotポータル {account} にインストールされていません。スーパー管理者にインストールを依頼してから、もう一度サインインしてください。}}}}',
  'login.back': 'サインインに戻る',
  // Scoring settings issues shown next to a field (other languages than English; English keeps the parser's words).
  'config.issue.message':
    '{code, select, invalid_type {値の種類が正しくありません} too_small {値が小さすぎます} too_big {値が大きすぎます} unrecognized_keys {不明な設定です} invalid_value {使える値ではありません} other {値が正しくありません}}',
  'config.issue.rule':
    '{rule, select, weights_above_zero {要素の重みのうち少なくとも1つは0より大きくしてください} bands_order {「健全」の下限は「リスクあり」の上限より大きくしてください} levels_rise {レベルは 中 < 高 < 危険 の順に大きくしてください} ltv_order {ハイタッチのLTVの下限はテックタッチの上限より大きくしてください} percent_sum {ハイタッチの上位%とテックタッチの下位%の合計は100以下にしてください} other {この設定は正しくありません}}',
  'config.issue.hint':
    '{code, select, invalid_type {{expected, select, number {数値} string {文字列} boolean {チェック} array {リスト} other {{expected}}}を入力してください} too_small {{array, select, yes {{bound}件以上入力してください} other {{bound}{inclusive, select, yes {以上の} other {より大きい}}値にしてください}}} too_big {{array, select, yes {{bound}件以下にしてください} other {{bound}{inclusive, select, yes {以下} other {未満}}の値にしてください}}} unrecognized_keys {{list}を削除するか、綴りを確認してください} invalid_value {{list}のいずれかにしてください} invalid_union {この設定の形式は説明を参照してください} other {READMEのスコアリング設定の説明を参照してください}}',
  // A CRM value Vigil could not use, on the company page (languages other than English; English keeps the note as stored).
  'company.data_problem':
    '{problem, select, not_a_number {数値ではありません（「{value}」）} negative {負の値です（「{value}」）} out_of_range {範囲外の値です（「{value}」）} invalid_date {日付ではありません（「{value}」）} future_date {未来の日付です（「{value}」）} unknown_option {不明な選択肢です（「{value}」）} other {ほかの値と矛盾しています（「{value}」）}}',
  // CLIの使い方（vigil --help、vigil <command> --help）: フラグ、コマンド、変数名はそのまま。
  'cli.unknown_command':
    "vigil: 「{name}」というコマンドはありません。コマンドの一覧は 'vigil help' で表示します。",
  'cli.usage.main': `使い方: vigil <command> [options]

コマンド:
  start      すべてを1つのプロセスで実行: ストア（DATABASE_URL がなければ組み込み）、
             サンドボックスCRMとデモ用ポータル（HubSpotの認証情報がなければ）、ワーカー、
             PORT（既定 3000）のHTTP API、進捗バー付きの初回同期、以後15分ごとの差分同期
  sync       同期を1回実行（--full ですべて読み込み、--json で結果をJSON出力）
  worker     キューのジョブ（同期・再計算・書き戻し）を停止まで実行
  serve      PORT でHTTP APIを提供
  provision  ポータルにVigilのプロパティとタイムラインイベントを作成・更新
  score      企業のスコアを説明: vigil score <companyId> --explain
  model      ポータルの解約モデルを学習・バックテスト（fit [--adopt] [--json]）、表示
  sandbox    ローカルのHubSpotサンドボックスを実行（--port, --size, --seed, --faults, --rate-scale）
  keys       keys rotate: すべてのトークンを新しい VIGIL_ENCRYPTION_KEY で再暗号化
  help       このヘルプを表示

設定は環境変数から: DATABASE_URL, PORT, HUBSPOT_ACCESS_TOKEN または
HUBSPOT_CLIENT_ID/HUBSPOT_CLIENT_SECRET, HUBSPOT_API_BASE, VIGIL_DATA_DIR (./data),
VIGIL_ENCRYPTION_KEY（DATABASE_URL 使用時は必須）, VIGIL_ENCRYPTION_KEY_PREVIOUS（'vigil keys rotate'
の実行中）, LOG_LEVEL (info), VIGIL_LANG（表示言語: ja または en、既定は LANG）。
各コマンドのオプションは 'vigil <command> --help' で表示します。`,
  'cli.usage.start': `使い方: vigil start

Ctrl-C まで、1つのプロセスでVigilを実行します:
  1. ストア: VIGIL_DATA_DIR の組み込みPostgres（PGlite）、または DATABASE_URL
  2. CRM（VIGIL_CRM: hubspot、salesforce、both。既定 hubspot）:
     HubSpotは HUBSPOT_ACCESS_TOKEN（非公開アプリ）、Salesforceは SALESFORCE_CLIENT_ID、
     SALESFORCE_CLIENT_SECRET、SALESFORCE_REFRESH_TOKEN、SALESFORCE_INSTANCE_URL で接続。
     認証情報がなければ、顧客500社のデモ用ポータル／組織を持つローカルのサンドボックス
     （both: 両側に同じ顧客、リンク済みで両側に同じスコア）
  3. ポータルへのVigilのプロパティの準備、ワーカー、PORT のHTTP API
  4. 進捗バー付きの初回同期、以後15分ごとの差分同期

認証情報がない場合、デモ用ポータルと組織は米ドル、または読み手の通貨で作成されます:
日本語の読み手（VIGIL_LANG=ja、または LANG=ja_JP…）には、日本語設定の円建てポータル。

オプション:
  --demo-currency <code>  デモ用ポータルと組織の通貨: USD、EUR、JPY（または
                          VIGIL_DEMO_CURRENCY）。ティアのしきい値は、管理者が
                          ポートフォリオ画面で確認するまで確定しません
  -h, --help              このヘルプを表示`,
  'cli.usage.worker': `使い方: vigil worker

接続中のすべてのポータルについて、キューのジョブ（全件・差分同期、再計算、書き戻し）を
Ctrl-C まで実行し、各ポータルの差分同期（15分ごと）をスケジュールします。複数のマシンの
複数のワーカーが1つのPostgres（DATABASE_URL）を共有できます。

オプション:
  -c, --concurrency <n>  新しいインストールの初回同期を同時にいくつ実行するか（1〜4、既定 4、
                         または VIGIL_WORKER_CONCURRENCY）。全件・差分同期はその半分ずつ。
                         実行中の同期はそれぞれデータベース接続を1つ使います
  -h, --help             このヘルプを表示

ワーカー1つあたりのデータベース接続: 最大15 — ストアのプール（10。実行中の同期の実行ロックが
それぞれ1つ使用）、キューのプール（4）、キューのLISTEN接続。`,
  'cli.usage.provision': `使い方: vigil provision [--install <id>] [--json]

接続中のポータルに、Vigilの企業プロパティを含む「Customer health (Vigil)」プロパティ
グループとタイムラインイベントタイプを作成または更新します。繰り返し実行しても安全です:
すでに存在し一致するものは変更しません。

オプション:
  --install <id>   複数のポータルが接続されているときのインストール
  --json           結果をJSONで出力
  -h, --help       このヘルプを表示`,
  'cli.usage.serve': `使い方: vigil serve

ストアからダッシュボードとHTTP API（ポートフォリオ、解約リスク順の企業、企業の詳細、
同期の実行、/healthz、/metrics）を PORT（既定 3000）で Ctrl-C まで提供します。依頼された
ジョブ（設定変更後の再スコアリング）は 'vigil worker' で実行されます。

オプション:
  -h, --help   このヘルプを表示`,
  'cli.usage.sync': `使い方: vigil sync [--full] [--json] [--install <id>]

接続中のポータルを1回同期し、その内容を表示します: 読み込んだレコード、スコアを付けた
企業、書き込んだプロパティ、タイムラインのエントリ、ステータス別のAPI呼び出し、所要時間。
既定は差分同期（前回の実行以降の変更のみ）。中断された実行は再開されます。

オプション:
  --full            変更分だけでなく、すべてのレコードを読み込む
  --json            結果を1つのJSONオブジェクトで出力（進捗は標準エラー出力へ）
  --install <id>    複数のポータルが接続されているときのインストール
  -h, --help        このヘルプを表示

ポータル: HUBSPOT_ACCESS_TOKEN（非公開アプリ。サンドボックスには HUBSPOT_API_BASE）、
またはストアにすでにあるインストール。`,
  'cli.usage.model': `使い方: vigil model fit [--json] [--adopt] [--horizon <days>] [--install <id>]
        vigil model show [--install <id>]
        vigil model revert [--install <id>]

CRMのプロパティ履歴から、ポータル自身の解約に合わせて解約モデルを学習し、学習から除外した
最新の顧客でルールと比較してバックテストします。

コマンド:
  fit       学習とバックテスト。examples、churned、rulesAuc、fittedAuc、adopted、
            horizonDays を1行で表示（--json: JSONで1行）
  show      使用中のモデルを文章で表示
  revert    ルールに戻す（新しい設定バージョン）

オプション:
  --adopt          学習したモデルがルールを上回ったら採用し、再スコアリングして新しい
                   リスクと理由をCRMに書き戻す
  --horizon <days> この日数以内の解約を解約とみなす（既定 180）
  --json           JSONで1行
  --install <id>   複数のポータルが接続されているときのインストール
  -h, --help       このヘルプを表示`,
  'cli.usage.keys': `使い方: vigil keys rotate

すべてのインストールのトークンと鍵の検証値を、新しい鍵で再暗号化します。

共有データベース（DATABASE_URL）では、停止せずに:
  1. VIGIL_ENCRYPTION_KEY=<new> と VIGIL_ENCRYPTION_KEY_PREVIOUS=<old> でワーカーを再起動
     （新しい鍵で暗号化し、古い鍵でも読めます）
  2. 同じ2つの変数で 'vigil keys rotate' を実行
  3. VIGIL_ENCRYPTION_KEY_PREVIOUS を外してワーカーを再起動
組み込みデータベースで生成された鍵（VIGIL_DATA_DIR の {keyFile}）の場合は、Vigilを停止して
'vigil keys rotate' を実行します: 新しい鍵が生成され、ファイルを置き換えます。

オプション:
  -h, --help   このヘルプを表示`,
  'cli.usage.score': `使い方: vigil score <companyId> [--explain] [--json] [--install <id>]

前回の同期による企業の現在のスコア（ヘルス、解約リスク、ティア）を表示します。

オプション:
  --explain        詳細: ヘルスの構成要素とシグナル、各解約理由とその点数、ティアと
                   その根拠のLTV、Vigilが使えなかったCRMのデータ
  --json           保存されたスコアの行をJSONで出力
  --install <id>   複数のポータルが接続されているときのインストール
  -h, --help       このヘルプを表示`,
  'cli.usage.sandbox': `使い方: vigil sandbox [options]

デモ用ポータルを1つ持つローカルのHubSpot APIを Ctrl-C まで実行します。

オプション:
  --port <n>          待ち受けるポート（既定 4010。0 = 空いている任意のポート）
  --host <addr>       バインドするアドレス（既定 127.0.0.1）
  --size <size>       tiny | small | mid | large、または企業数（既定 small）
  --seed <n>          生成するポータルのシード（既定 1）
  --faults <rate>     リクエストごとに障害を注入する確率（0..1、既定 0）
  --fault-seed <n>    障害の並びのシード（既定 1）
  --rate-scale <x>    すべてのレート制限の時間枠を x 倍速くする（既定 1）
  --tier <tier>       非公開アプリのティア: standard | professional | enterprise（既定 standard）
  --no-limits         レート制限なし
  -h, --help          このヘルプを表示`,
};
