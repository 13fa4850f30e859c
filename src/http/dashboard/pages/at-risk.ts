import { REASON_CATALOGUE } from '../../../domain/churn/catalogue.ts';
import { REASON_CODES } from '../../../domain/churn/codes.ts';
import { TIERS } from '../../../domain/config/schema.ts';
import { type Translator, translator } from '../../../i18n/index.ts';
import { type CompanySummary, RISK_LEVELS } from '../../schemas.ts';
import { badge } from '../components.ts';
import { decimal, humanize, isoDay, MISSING, moneyIn } from '../format.ts';
import { html, queryString, type SafeHtml } from '../html.ts';
import { reasonText } from '../language.ts';
import { type PortalSwitch, page, withInstall } from '../layout.ts';

export interface AtRiskFilters {
  tier?: string | undefined;
  level?: string | undefined;
  reason?: string | undefined;
  owner?: string | undefined;
  /** Paying customers (the API's default), churned ones, or all. */
  customers: 'active' | 'churned' | 'all';
  limit: number;
}

export interface AtRiskPageInput {
  items: readonly CompanySummary[];
  nextCursor: string | null;
  filters: AtRiskFilters;
  /** 1-based page number (for display; pages are keyset cursors). */
  pageNumber: number;
  owners: readonly string[];
  installId?: string | undefined;
  /** The connected portals, for the header's switcher when there are several. */
  portals?: PortalSwitch | undefined;
  /** The reader's language and the portal's currency (English, plain amounts when absent). */
  tr?: Translator | undefined;
  /** Owner names by id (owners without one are shown by id). */
  ownerNames?: ReadonlyMap<string, string> | undefined;
}

export const TIER_LABELS: Record<string, string> = {
  high: 'High touch',
  low: 'Low touch',
  tech: 'Tech touch',
};
export const STATUS_LABELS: Record<string, string> = {
  healthy: 'Healthy',
  neutral: 'Neutral',
  at_risk: 'At risk',
};

function select(
  id: string,
  label: string,
  value: string | undefined,
  options: ReadonlyArray<{ value: string; label: string }>,
  all = true,
): SafeHtml {
  return html`<div><label for="${id}">${label}</label><select id="${id}" name="${id}">${
    all ? html`<option value="">All</option>` : ''
  }${options.map(
    (o) => html`<option value="${o.value}"${o.value === value ? html` selected` : ''}>${o.label}</option>`,
  )}</select></div>`;
}

function row(
  c: CompanySummary,
  installId: string | undefined,
  tr: Translator | undefined,
  names: ReadonlyMap<string, string>,
): SafeHtml {
  const top = c.reasons[0];
  return html`<tr data-company-id="${c.id}">
<th scope="row"><a href="${withInstall(`/companies/${encodeURIComponent(c.id)}`, installId)}">${c.name ?? `Company ${c.id}`}</a></th>
<td class="num" data-col="health">${decimal(c.health)} ${c.status === null ? '' : badge(c.status, STATUS_LABELS[c.status] ?? c.status)}</td>
<td class="num" data-col="risk">${decimal(c.churnRisk)} ${badge(c.riskLevel, humanize(c.riskLevel))}</td>
<td data-col="reason">${top === undefined ? html`<span class="muted">${tr?.t('dashboard.reason.none') ?? 'none'}</span>` : reasonText(top, tr)}</td>
<td data-col="tier">${TIER_LABELS[c.tier] ?? c.tier}</td>
<td class="num" data-col="arr">${moneyIn(c.arr, tr)}</td>
<td data-col="renewal">${isoDay(c.renewalDate)}</td>
<td data-col="owner"${c.owner === null ? '' : html` data-owner-id="${c.owner}"`}>${c.owner === null ? MISSING : (names.get(c.owner) ?? c.owner)}</td>
</tr>`;
}

export function atRiskPage(input: AtRiskPageInput): string {
  const f = input.filters;
  const base = {
    installId: input.installId,
    tier: f.tier,
    level: f.level,
    reason: f.reason,
    owner: f.owner,
    customers: f.customers === 'active' ? undefined : f.customers,
  };
  const keep = { ...base, limit: f.limit === 50 ? undefined : f.limit };
  const next =
    input.nextCursor === null
      ? ''
      : html`<a class="button" rel="next" href="/at-risk${queryString({ ...keep, cursor: input.nextCursor, page: input.pageNumber + 1 })}">Next page</a>`;
  const first =
    input.pageNumber > 1
      ? html`<a class="button secondary" href="/at-risk${queryString(keep)}">First page</a>`
      : '';
  const body = html`<h1>${(input.tr ?? translator('en')).t('dashboard.at_risk.title')}</h1>
<p class="muted">Companies by churn risk, highest first. Open a company to see why.</p>
<form class="filters" method="get" action="/at-risk" aria-label="Filter the list">
${input.installId === undefined ? '' : html`<input type="hidden" name="installId" value="${input.installId}">`}
${select(
  'tier',
  'Touch tier',
  f.tier,
  TIERS.map((t) => ({ value: t, label: TIER_LABELS[t] ?? t })),
)}
${select(
  'level',
  'Risk level',
  f.level,
  [...RISK_LEVELS].reverse().map((l) => ({ value: l, label: humanize(l) })),
)}
${select(
  'reason',
  'Reason',
  f.reason,
  REASON_CODES.map((r) => ({ value: r, label: REASON_CATALOGUE[r].label })),
)}
${select(
  'owner',
  'Owner',
  f.owner,
  input.owners
    .map((o) => ({ value: o, label: input.ownerNames?.get(o) ?? o }))
    .sort((a, b) => a.label.localeCompare(b.label, input.tr?.locale)),
)}
${select(
  'limit',
  'Rows per page',
  String(f.limit),
  [
    { value: '25', label: '25' },
    { value: '50', label: '50' },
    { value: '100', label: '100' },
  ],
  false,
)}
<button type="submit">Apply</button>
<a class="button secondary" href="/at-risk.csv${queryString(base)}" download>Export CSV</a>
</form>
<table id="at-risk-table">
<caption>Page ${input.pageNumber}: ${input.items.length} ${input.items.length === 1 ? 'company' : 'companies'}</caption>
<thead><tr><th scope="col">Company</th><th scope="col" class="num">Health</th><th scope="col" class="num">Churn risk</th>
<th scope="col">Top reason</th><th scope="col">Tier</th><th scope="col" class="num">ARR</th><th scope="col">Renewal</th><th scope="col">Owner</th></tr></thead>
<tbody>${
    input.items.length === 0
      ? html`<tr><td colspan="8">No company matches these filters.</td></tr>`
      : input.items.map((c) => row(c, input.installId, input.tr, input.ownerNames ?? new Map()))
  }</tbody>
</table>
<nav class="pager" aria-label="Pages">${first}${next}</nav>`;
  return page({
    title: 'At risk',
    active: 'at-risk',
    body,
    installId: input.installId,
    portals: input.portals,
    tr: input.tr,
  });
}
