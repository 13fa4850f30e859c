import type { ScoreCause } from '../../../domain/score-cause.ts';
import { type Translator, translator } from '../../../i18n/index.ts';
import type { CompanyDetail } from '../../schemas.ts';
import { badge, chart, type Tile, tiles } from '../components.ts';
import { decimal, humanize, isoDay, isoMinute, MISSING, moneyIn, percent, signed } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { reasonText } from '../language.ts';
import { type PortalSwitch, page } from '../layout.ts';
import { STATUS_LABELS, TIER_LABELS } from './at-risk.ts';

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
 * Why the company has its tier. The stored sentence is English, in dollars, with the LTV's
 * basis (ARR × margin × lifetime) and any tenure or new-customer note: an English reader of a
 * dollar portal reads it as stored, word for word what the API says. For another language or
 * currency an absolute-rule tier is explained again from its numbers; the other rules keep
 * the stored sentence.
 */
function tierWhy(c: CompanyDetail, input: CompanyPageInput): string {
  const d = c.tierDetail;
  if (
    input.tr === undefined ||
    input.tierLines === undefined ||
    d.rule !== 'absolute' ||
    d.expectedLtv === null ||
    (input.tr.locale === 'en' && input.tr.currency === 'USD')
  )
    return d.explanation;
  return input.tr.t('dashboard.tier.explain_absolute', {
    tier: d.tier,
    ltv: input.tr.money(d.expectedLtv),
    high: input.tr.money(input.tierLines.highMinLtv),
    tech: input.tr.money(input.tierLines.techMaxLtv),
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

const SIGNAL_LABELS: Record<string, string> = {
  nps: 'NPS',
  csat: 'CSAT',
  netArrChange12m: 'Net ARR change in 12 months',
  seatUtilisation: 'Seat utilisation (active ÷ seats)',
  usageTrend: 'Usage trend (30 days vs 30 before)',
};

function signalValue(v: number | null): string {
  if (v === null) return MISSING;
  return Number.isInteger(v)
    ? v.toLocaleString('en-US')
    : v.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function breakdown(c: CompanyDetail): SafeHtml {
  return html`<table id="breakdown"><caption>Health by component</caption>
<thead><tr><th scope="col">Component / signal</th><th scope="col" class="num">Value</th><th scope="col" class="num">Score</th>
<th scope="col" class="num">Weight</th><th scope="col" class="num">Share of score</th></tr></thead>
<tbody>${c.breakdown.map(
    (
      b,
    ) => html`<tr class="component" data-component="${b.component}"><th scope="row">${humanize(b.component)}</th><td></td>
<td class="num">${b.score === null ? html`<span class="muted">no data</span>` : decimal(b.score)}</td>
<td class="num">${decimal(b.weight)}</td><td class="num">${percent(b.effectiveWeight)}</td></tr>
${b.signals.map(
  (s) =>
    html`<tr class="signal" data-signal="${s.signal}"><td>&nbsp;&nbsp;${SIGNAL_LABELS[s.signal] ?? humanize(s.signal)}</td><td class="num">${signalValue(
      s.value,
    )}</td><td class="num">${decimal(s.score)}</td><td class="num">${decimal(s.weight)}</td><td></td></tr>`,
)}`,
  )}</tbody></table>`;
}

function causeCell(cause: { cause: ScoreCause; configVersion: number } | undefined): SafeHtml | string {
  if (cause?.cause === 'config') return badge('config', `Config v${cause.configVersion}`);
  if (cause?.cause === 'model') return badge('model', `Churn model (v${cause.configVersion})`);
  return 'CRM data';
}

function historyChart(c: CompanyDetail, causes: CompanyPageInput['causes']): SafeHtml {
  if (c.history.length === 0) return html`<p class="muted">No history yet.</p>`;
  // Settings edits and model changes both come with a settings version; the table tells them apart.
  const isConfig = (at: string) => {
    const cause = causes.get(at)?.cause;
    return cause === 'config' || cause === 'model';
  };
  const versionLabel = (at: string) => {
    const cause = causes.get(at);
    return cause?.cause === 'model' ? `model, v${cause.configVersion}` : `config v${cause?.configVersion}`;
  };
  const chartHtml = chart({
    id: 'company-history',
    title: 'Health and churn risk over time',
    x: c.history.map((h) => Date.parse(h.at)),
    xLabels: c.history.map((h) =>
      isConfig(h.at) ? `${isoMinute(h.at)} (${versionLabel(h.at)})` : isoMinute(h.at),
    ),
    yLabel: 'Score',
    yRange: [0, 100],
    series: [
      { label: 'Health', values: c.history.map((h) => h.health) },
      { label: 'Churn risk', values: c.history.map((h) => h.churnRisk) },
      {
        label: 'Changed by config or model',
        values: c.history.map((h) => (isConfig(h.at) ? (h.health ?? h.churnRisk) : null)),
        color: '#5b21b6',
        points: true,
      },
    ],
    format: (v) => decimal(v),
  });
  const configCount = c.history.filter((h) => causes.get(h.at)?.cause === 'config').length;
  const modelCount = c.history.filter((h) => causes.get(h.at)?.cause === 'model').length;
  return html`${chartHtml}
<table id="history-table"><caption>Score changes (${configCount} from config edits${modelCount > 0 ? `, ${modelCount} from churn model changes` : ''})</caption>
<thead><tr><th scope="col">When</th><th scope="col" class="num">Health</th><th scope="col">Status</th><th scope="col" class="num">Churn risk</th>
<th scope="col">Level</th><th scope="col">Tier</th><th scope="col">Cause</th></tr></thead>
<tbody>${[...c.history].reverse().map((h) => {
    const cause = causes.get(h.at);
    return html`<tr data-cause="${cause?.cause ?? 'data'}"><td>${isoMinute(h.at)}</td><td class="num">${decimal(h.health)}</td>
<td>${h.status === null ? MISSING : (STATUS_LABELS[h.status] ?? h.status)}</td><td class="num">${decimal(h.churnRisk)}</td>
<td>${humanize(h.riskLevel)}</td><td>${h.tier === null ? MISSING : (TIER_LABELS[h.tier] ?? h.tier)}</td>
<td>${causeCell(cause)}</td></tr>`;
  })}</tbody></table>`;
}

export function companyPage(input: CompanyPageInput): string {
  const c = input.company;
  const summary: Tile[] = [
    {
      key: 'health',
      label: 'Health',
      value: decimal(c.health),
      sub: c.status === null ? 'unscored' : (STATUS_LABELS[c.status] ?? c.status),
    },
    {
      key: 'confidence',
      label: 'Confidence',
      value: percent(c.confidence),
      sub: 'share of weight with data',
    },
    { key: 'change30d', label: 'Change in 30 days', value: signed(c.change30d) },
    {
      key: 'churnRisk',
      label: 'Churn risk',
      value: decimal(c.churnRisk),
      sub: `${humanize(c.riskLevel)} (${c.riskModel} model)`,
    },
    {
      key: 'tier',
      label: 'Touch tier',
      value: TIER_LABELS[c.tier] ?? c.tier,
      sub: `expected LTV ${moneyIn(c.tierDetail.expectedLtv, input.tr)}`,
    },
    { key: 'arr', label: 'ARR', value: moneyIn(c.arr, input.tr), sub: `renewal ${isoDay(c.renewalDate)}` },
  ];
  const body = html`<p><a href="/at-risk">← At risk</a></p>
<h1>${c.name ?? `Company ${c.id}`}</h1>
<p>${
    input.crmUrl === null
      ? html`<span class="muted">Record ${c.id}</span>`
      : html`<a href="${input.crmUrl}" target="_blank" rel="noopener noreferrer">Open the record in ${input.crmName}</a> <span class="muted">(record ${c.id})</span>`
  } · <span class="muted">scored ${isoMinute(c.scoredAt)}</span></p>
<p id="owner">${ownerLine(c, input)}</p>
${tiles(summary, 'Score summary')}
<h2>Why: churn reasons</h2>
${
  c.allReasons.length === 0
    ? html`<p>No churn reason fired.</p>`
    : html`<ol id="reasons">${c.allReasons.map(
        (r) =>
          html`<li data-reason="${r.code}">${reasonText(r, input.tr)} <span class="muted">(+${decimal(r.contribution)} risk)</span></li>`,
      )}</ol>`
}
<h2>Score breakdown</h2>
${breakdown(c)}
<h2>Touch tier</h2>
<dl class="kv" id="tier-detail"><dt>Tier</dt><dd>${TIER_LABELS[c.tierDetail.tier] ?? c.tierDetail.tier}</dd>
<dt>Expected lifetime value</dt><dd>${moneyIn(c.tierDetail.expectedLtv, input.tr)}</dd>
<dt>Expected lifetime</dt><dd>${decimal(c.tierDetail.lifetimeYears)} years (annual churn ${percent(c.tierDetail.annualChurnRate)})</dd>
<dt>Rule</dt><dd>${humanize(c.tierDetail.rule)}</dd><dt>Why</dt><dd id="tier-why">${tierWhy(c, input)}</dd></dl>
<h2>History</h2>
${historyChart(c, input.causes)}
<h2>Timeline entries written</h2>
${
  c.timeline.length === 0
    ? html`<p class="muted">No material change has been written to the CRM timeline yet.</p>`
    : html`<table id="timeline"><thead><tr><th scope="col">When</th><th scope="col">Entry</th><th scope="col">Status</th></tr></thead>
<tbody>${c.timeline.map(
        (t) => html`<tr><td>${isoMinute(t.occurredAt)}</td><td><strong>${t.title}</strong><br>${t.body}</td>
<td>${t.status}${t.via === null ? '' : html` <span class="muted">(${humanize(t.via)})</span>`}</td></tr>`,
      )}</tbody></table>`
}
${
  c.dataQuality.length === 0
    ? ''
    : html`<h2>Data quality</h2><ul>${c.dataQuality.map(
        (q) => html`<li><code>${q.property}</code> on record ${q.recordId}: ${q.message}</li>`,
      )}</ul>`
}`;
  return page({
    title: c.name ?? `Company ${c.id}`,
    active: 'company',
    body,
    charts: true,
    installId: input.installId,
    portals: input.portals,
    tr: input.tr,
  });
}
