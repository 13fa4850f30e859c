import type { ScoreCause } from '../../../domain/score-cause.ts';
import { explainTier } from '../../../domain/tiers/explain.ts';
import { type MessageKey, type Translator, translator } from '../../../i18n/index.ts';
import {
  companyName,
  componentLabel,
  entryStatusLabel,
  riskLabel,
  ruleLabel,
  signalName,
  statusLabel,
  tierLabel,
} from '../../../i18n/labels.ts';
import type { CompanyDetail } from '../../schemas.ts';
import { badge, chart, type Tile, tiles } from '../components.ts';
import { calendarDay, decimal, humanize, MISSING, moneyIn, percent, signed, when } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { reasonText } from '../language.ts';
import { type PortalSwitch, page, withInstall } from '../layout.ts';

export interface CompanyPageInput {
  company: CompanyDetail;
  /** Cause of each history point by its ISO time: 'config' marks a change made by a config edit. */
  causes: ReadonlyMap<string, { cause: ScoreCause; configVersion: number }>;
  crmUrl: string | null;
  crmName: string;
  installId?: string | undefined;
  /** The connected portals, for the header's switcher when there are several. */
  portals?: PortalSwitch | undefined;
  /** The reader's language and the portal's currency (English, plain amounts when absent). */
  tr?: Translator | undefined;
  /** The touch-tier lines in use, to explain an absolute-rule tier in the portal's currency. */
  tierLines?: { highMinLtv: number; techMaxLtv: number } | undefined;
  /** The owner's name from the cached CRM owners; absent or null = shown by id. */
  ownerName?: string | null | undefined;
}

/**
 * Why the company has its tier. The stored sentence is English, in dollars: an English
 * reader of a dollar portal reads it as stored, word for word what the API says. For
 * another language or currency the sentence is said again from its numbers (every rule;
 * the catalogue's English matches the stored sentence), and a score saved before the
 * numbers were kept falls back to the absolute rule's lines, else the stored sentence.
 */
function tierWhy(c: CompanyDetail, input: CompanyPageInput): string {
  const d = c.tierDetail;
  const tr = input.tr;
  if (tr === undefined || (tr.locale === 'en' && tr.currency === 'USD')) return d.explanation;
  if (d.facts !== undefined) return explainTier(d.facts, tr);
  if (input.tierLines === undefined || d.rule !== 'absolute' || d.expectedLtv === null) return d.explanation;
  return tr.t('dashboard.tier.explain_absolute', {
    tier: d.tier,
    ltv: tr.money(d.expectedLtv),
    high: tr.money(input.tierLines.highMinLtv),
    tech: tr.money(input.tierLines.techMaxLtv),
  });
}

/** Who owns the company: the cached name, the CRM's id while no name is cached, or nobody. */
function ownerLine(c: CompanyDetail, input: CompanyPageInput): string {
  const owned = c.owner !== null && c.owner !== '';
  return (input.tr ?? translator('en')).t('dashboard.company.owner', {
    known: owned ? 'yes' : 'no',
    name: owned ? input.ownerName || c.owner || '' : '',
  });
}

const VIA_KEYS: Record<string, MessageKey> = {
  app_event: 'company.via.app_event',
  timeline_event: 'company.via.timeline_event',
  note: 'company.via.note',
  task: 'company.via.task',
};

function signalValue(v: number | null, tr: Translator): string {
  if (v === null) return MISSING;
  return tr.number(Math.round(v * 100) / 100);
}

function breakdown(c: CompanyDetail, tr: Translator): SafeHtml {
  return html`<table id="breakdown"><caption>${tr.t('company.breakdown_caption')}</caption>
<thead><tr><th scope="col">${tr.t('company.col.component')}</th><th scope="col" class="num">${tr.t('company.col.value')}</th><th scope="col" class="num">${tr.t('company.col.score')}</th>
<th scope="col" class="num">${tr.t('company.col.weight')}</th><th scope="col" class="num">${tr.t('company.col.share')}</th></tr></thead>
<tbody>${c.breakdown.map(
    (
      b,
    ) => html`<tr class="component" data-component="${b.component}"><th scope="row">${componentLabel(b.component, tr)}</th><td></td>
<td class="num">${b.score === null ? html`<span class="muted">${tr.t('company.no_data')}</span>` : decimal(b.score)}</td>
<td class="num">${decimal(b.weight)}</td><td class="num">${percent(b.effectiveWeight)}</td></tr>
${b.signals.map((s) => {
  return html`<tr class="signal" data-signal="${s.signal}"><td>&nbsp;&nbsp;${signalName(s.signal, tr) ?? humanize(s.signal)}</td><td class="num">${signalValue(
    s.value,
    tr,
  )}</td><td class="num">${decimal(s.score)}</td><td class="num">${decimal(s.weight)}</td><td></td></tr>`;
})}`,
  )}</tbody></table>`;
}

function causeCell(
  cause: { cause: ScoreCause; configVersion: number } | undefined,
  tr: Translator,
): SafeHtml | string {
  if (cause?.cause === 'config')
    return badge('config', tr.t('company.cause_config', { version: cause.configVersion }));
  if (cause?.cause === 'model')
    return badge('model', tr.t('company.cause_model', { version: cause.configVersion }));
  return tr.t('company.cause_data');
}

function historyChart(c: CompanyDetail, causes: CompanyPageInput['causes'], tr: Translator): SafeHtml {
  if (c.history.length === 0) return html`<p class="muted">${tr.t('company.no_history')}</p>`;
  // Settings edits and model changes both come with a settings version; the table tells them apart.
  const isConfig = (at: string) => {
    const cause = causes.get(at)?.cause;
    return cause === 'config' || cause === 'model';
  };
  const chartHtml = chart({
    id: 'company-history',
    title: tr.t('company.history_title'),
    x: c.history.map((h) => Date.parse(h.at)),
    xLabels: c.history.map((h) =>
      isConfig(h.at)
        ? tr.t(
            causes.get(h.at)?.cause === 'model'
              ? 'company.history_model_point'
              : 'company.history_config_point',
            {
              when: when(h.at, tr),
              version: causes.get(h.at)?.configVersion ?? 0,
            },
          )
        : when(h.at, tr),
    ),
    yLabel: tr.t('company.col.score'),
    yRange: [0, 100],
    series: [
      { label: tr.t('col.health'), values: c.history.map((h) => h.health) },
      { label: tr.t('col.churn_risk'), values: c.history.map((h) => h.churnRisk) },
      {
        label: tr.t('company.changed_by_config'),
        values: c.history.map((h) => (isConfig(h.at) ? (h.health ?? h.churnRisk) : null)),
        color: '#5b21b6',
        points: true,
      },
    ],
    format: (v) => decimal(v),
    tr,
  });
  const configCount = c.history.filter((h) => causes.get(h.at)?.cause === 'config').length;
  const modelCount = c.history.filter((h) => causes.get(h.at)?.cause === 'model').length;
  return html`${chartHtml}
<table id="history-table"><caption>${tr.t('company.history_caption', { config: configCount, model: modelCount })}</caption>
<thead><tr><th scope="col">${tr.t('company.col.when')}</th><th scope="col" class="num">${tr.t('col.health')}</th><th scope="col">${tr.t('company.col.status')}</th><th scope="col" class="num">${tr.t('col.churn_risk')}</th>
<th scope="col">${tr.t('company.col.level')}</th><th scope="col">${tr.t('col.tier')}</th><th scope="col">${tr.t('company.col.cause')}</th></tr></thead>
<tbody>${[...c.history].reverse().map((h) => {
    const cause = causes.get(h.at);
    return html`<tr data-cause="${cause?.cause ?? 'data'}"><td>${when(h.at, tr)}</td><td class="num">${decimal(h.health)}</td>
<td>${h.status === null ? MISSING : statusLabel(h.status, tr)}</td><td class="num">${decimal(h.churnRisk)}</td>
<td>${riskLabel(h.riskLevel, tr)}</td><td>${h.tier === null ? MISSING : tierLabel(h.tier, tr)}</td>
<td>${causeCell(cause, tr)}</td></tr>`;
  })}</tbody></table>`;
}

export function companyPage(input: CompanyPageInput): string {
  const c = input.company;
  const tr = input.tr ?? translator('en');
  const summary: Tile[] = [
    {
      key: 'health',
      label: tr.t('col.health'),
      value: decimal(c.health),
      sub: c.status === null ? tr.t('label.unscored') : statusLabel(c.status, tr),
    },
    {
      key: 'confidence',
      label: tr.t('company.confidence'),
      value: percent(c.confidence),
      sub: tr.t('company.confidence_sub'),
    },
    { key: 'change30d', label: tr.t('company.change_30d'), value: signed(c.change30d) },
    {
      key: 'churnRisk',
      label: tr.t('col.churn_risk'),
      value: decimal(c.churnRisk),
      sub: tr.t('company.risk_sub', { level: riskLabel(c.riskLevel, tr), model: c.riskModel }),
    },
    {
      key: 'tier',
      label: tr.t('portfolio.touch_tier'),
      value: tierLabel(c.tier, tr),
      sub: tr.t('company.tier_sub', { ltv: moneyIn(c.tierDetail.expectedLtv, input.tr) }),
    },
    {
      key: 'arr',
      label: 'ARR',
      value: moneyIn(c.arr, input.tr),
      sub: tr.t('company.arr_sub', { date: calendarDay(c.renewalDate, tr) }),
    },
  ];
  const name = companyName(c, tr);
  const body = html`<p><a href="${withInstall('/at-risk', input.installId)}">← ${tr.t('dashboard.at_risk.title')}</a></p>
<h1 id="company-name">${name}</h1>
<p>${
    input.crmUrl === null
      ? html`<span class="muted">${tr.t('company.record', { id: c.id })}</span>`
      : html`<a href="${input.crmUrl}" target="_blank" rel="noopener noreferrer">${tr.t('company.open_in_crm', { crm: input.crmName })}</a> <span class="muted">(${tr.t('company.record', { id: c.id })})</span>`
  } · <span class="muted">${tr.t('company.scored_at', { when: when(c.scoredAt, tr) })}</span></p>
<p id="owner">${ownerLine(c, input)}</p>
${tiles(summary, tr.t('company.summary_label'))}
<h2>${tr.t('company.reasons_heading')}</h2>
${
  c.allReasons.length === 0
    ? html`<p>${tr.t('company.no_reasons')}</p>`
    : html`<ol id="reasons">${c.allReasons.map(
        (r) =>
          html`<li data-reason="${r.code}">${reasonText(r, tr)} <span class="muted">${tr.t('company.reason_contribution', { points: decimal(r.contribution) })}</span></li>`,
      )}</ol>`
}
<h2>${tr.t('company.breakdown_heading')}</h2>
${breakdown(c, tr)}
<h2>${tr.t('portfolio.touch_tier')}</h2>
<dl class="kv" id="tier-detail"><dt>${tr.t('col.tier')}</dt><dd>${tierLabel(c.tierDetail.tier, tr)}</dd>
<dt>${tr.t('company.expected_ltv')}</dt><dd>${moneyIn(c.tierDetail.expectedLtv, input.tr)}</dd>
<dt>${tr.t('company.expected_lifetime')}</dt><dd>${tr.t('company.lifetime_value', {
    years: decimal(c.tierDetail.lifetimeYears),
    churn: percent(c.tierDetail.annualChurnRate),
  })}</dd>
<dt>${tr.t('company.rule')}</dt><dd>${ruleLabel(c.tierDetail.rule, tr)}</dd><dt>${tr.t('company.why')}</dt><dd id="tier-why">${tierWhy(c, input)}</dd></dl>
<h2>${tr.t('company.history_heading')}</h2>
${historyChart(c, input.causes, tr)}
<h2>${tr.t('company.timeline_heading')}</h2>
${
  c.timeline.length === 0
    ? html`<p class="muted">${tr.t('company.no_timeline')}</p>`
    : html`<table id="timeline"><thead><tr><th scope="col">${tr.t('company.col.when')}</th><th scope="col">${tr.t('company.col.entry')}</th><th scope="col">${tr.t('company.col.status')}</th></tr></thead>
<tbody>${c.timeline.map((t) => {
        const via = t.via === null ? undefined : VIA_KEYS[t.via];
        return html`<tr><td>${when(t.occurredAt, tr)}</td><td><strong>${t.title}</strong><br>${t.body}</td>
<td>${entryStatusLabel(t.status, tr)}${
          t.via === null ? '' : html` <span class="muted">(${via === undefined ? t.via : tr.t(via)})</span>`
        }</td></tr>`;
      })}</tbody></table>`
}
${
  c.dataQuality.length === 0
    ? ''
    : html`<h2>${tr.t('company.data_quality')}</h2><ul>${c.dataQuality.map(
        (q) =>
          html`<li>${tr.t('company.data_quality_item', { property: q.property, record: q.recordId })} ${
            tr.locale === 'en' || q.problem === undefined
              ? q.message
              : tr.t('company.data_problem', { problem: q.problem, value: q.value ?? '' })
          }</li>`,
      )}</ul>`
}`;
  return page({
    title: name,
    active: 'company',
    body,
    charts: true,
    installId: input.installId,
    portals: input.portals,
    tr: input.tr,
  });
}
