import { REASON_CODES } from '../../../domain/churn/codes.ts';
import { TIERS } from '../../../domain/config/schema.ts';
import { type Translator, translator } from '../../../i18n/index.ts';
import { companyName, reasonLabel, riskLabel, statusLabel, tierLabel } from '../../../i18n/labels.ts';
import { type CompanySummary, RISK_LEVELS } from '../../schemas.ts';
import { badge } from '../components.ts';
import { calendarDay, decimal, MISSING, moneyIn } from '../format.ts';
import { html, queryString, type SafeHtml } from '../html.ts';
import { reasonText } from '../language.ts';
import { type PortalSwitch, page, withInstall } from '../layout.ts';

export interface AtRiskFilters {
  tier?: string | undefined;
  level?: string | undefined;
  reason?: string | undefined;
  /** An owner id (links from elsewhere); the form filters by name. */
  owner?: string | undefined;
  /** Free text matched against owner names, any case. */
  ownerName?: string | undefined;
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
  installId?: string | undefined;
  /** The connected portals, for the header's switcher when there are several. */
  portals?: PortalSwitch | undefined;
  /** The reader's language and the portal's currency (English, plain amounts when absent). */
  tr?: Translator | undefined;
  /** Owner names by id (owners without one are shown by id); also the name filter's suggestions. */
  ownerNames?: ReadonlyMap<string, string> | undefined;
}

function select(
  id: string,
  label: string,
  value: string | undefined,
  options: ReadonlyArray<{ value: string; label: string }>,
  tr: Translator,
  all = true,
): SafeHtml {
  return html`<div><label for="${id}">${label}</label><select id="${id}" name="${id}">${
    all ? html`<option value="">${tr.t('filters.all')}</option>` : ''
  }${options.map(
    (o) => html`<option value="${o.value}"${o.value === value ? html` selected` : ''}>${o.label}</option>`,
  )}</select></div>`;
}

/** The owner filter: free text matched against names (any case, any part), names suggested. */
function ownerFilter(
  value: string | undefined,
  names: ReadonlyMap<string, string>,
  tr: Translator,
): SafeHtml {
  const suggestions = [...new Set(names.values())]
    .sort((a, b) => a.localeCompare(b, tr.locale))
    .slice(0, 500);
  return html`<div><label for="ownerName">${tr.t('filters.owner')}</label>
<input type="search" id="ownerName" name="ownerName" value="${value ?? ''}" list="owner-names" maxlength="100" placeholder="${tr.t('filters.owner_placeholder')}">
<datalist id="owner-names">${suggestions.map((n) => html`<option value="${n}"></option>`)}</datalist></div>`;
}

function row(
  c: CompanySummary,
  installId: string | undefined,
  tr: Translator,
  names: ReadonlyMap<string, string>,
): SafeHtml {
  const top = c.reasons[0];
  return html`<tr data-company-id="${c.id}">
<th scope="row"><a href="${withInstall(`/companies/${encodeURIComponent(c.id)}`, installId)}">${companyName(c, tr)}</a></th>
<td class="num" data-col="health">${decimal(c.health)} ${c.status === null ? '' : badge(c.status, statusLabel(c.status, tr))}</td>
<td class="num" data-col="risk">${decimal(c.churnRisk)} ${badge(c.riskLevel, riskLabel(c.riskLevel, tr))}</td>
<td data-col="reason">${top === undefined ? html`<span class="muted">${tr.t('dashboard.reason.none')}</span>` : reasonText(top, tr)}</td>
<td data-col="tier">${tierLabel(c.tier, tr)}</td>
<td class="num" data-col="arr">${moneyIn(c.arr, tr)}</td>
<td data-col="renewal">${calendarDay(c.renewalDate, tr)}</td>
<td data-col="owner"${c.owner === null ? '' : html` data-owner-id="${c.owner}"`}>${c.owner === null ? MISSING : (names.get(c.owner) ?? c.owner)}</td>
</tr>`;
}

export function atRiskPage(input: AtRiskPageInput): string {
  const f = input.filters;
  const tr = input.tr ?? translator('en');
  const base = {
    installId: input.installId,
    tier: f.tier,
    level: f.level,
    reason: f.reason,
    owner: f.owner,
    ownerName: f.ownerName,
    customers: f.customers === 'active' ? undefined : f.customers,
  };
  const keep = { ...base, limit: f.limit === 50 ? undefined : f.limit };
  const next =
    input.nextCursor === null
      ? ''
      : html`<a class="button" rel="next" href="/at-risk${queryString({ ...keep, cursor: input.nextCursor, page: input.pageNumber + 1 })}">${tr.t('pager.next')}</a>`;
  const first =
    input.pageNumber > 1
      ? html`<a class="button secondary" href="/at-risk${queryString(keep)}">${tr.t('pager.first')}</a>`
      : '';
  const body = html`<h1>${tr.t('dashboard.at_risk.title')}</h1>
<p class="muted">${tr.t('at_risk.lead')}</p>
<form class="filters" method="get" action="/at-risk" aria-label="${tr.t('at_risk.filter_label')}">
${input.installId === undefined ? '' : html`<input type="hidden" name="installId" value="${input.installId}">`}
${f.owner === undefined ? '' : html`<input type="hidden" name="owner" value="${f.owner}">`}
${select(
  'tier',
  tr.t('filters.tier'),
  f.tier,
  TIERS.map((t) => ({ value: t, label: tierLabel(t, tr) })),
  tr,
)}
${select(
  'level',
  tr.t('filters.level'),
  f.level,
  [...RISK_LEVELS].reverse().map((l) => ({ value: l, label: riskLabel(l, tr) })),
  tr,
)}
${select(
  'reason',
  tr.t('filters.reason'),
  f.reason,
  REASON_CODES.map((r) => ({ value: r, label: reasonLabel(r, tr) })),
  tr,
)}
${ownerFilter(f.ownerName, input.ownerNames ?? new Map(), tr)}
${select(
  'limit',
  tr.t('filters.rows'),
  String(f.limit),
  [
    { value: '25', label: '25' },
    { value: '50', label: '50' },
    { value: '100', label: '100' },
  ],
  tr,
  false,
)}
<button type="submit">${tr.t('filters.apply')}</button>
<a class="button secondary" href="/at-risk.csv${queryString(base)}" download>${tr.t('at_risk.export')}</a>
</form>
<table id="at-risk-table">
<caption>${tr.t('at_risk.caption', { page: input.pageNumber, count: input.items.length })}</caption>
<thead><tr><th scope="col">${tr.t('col.company')}</th><th scope="col" class="num">${tr.t('col.health')}</th><th scope="col" class="num">${tr.t('col.churn_risk')}</th>
<th scope="col">${tr.t('col.top_reason')}</th><th scope="col">${tr.t('col.tier')}</th><th scope="col" class="num">ARR</th><th scope="col">${tr.t('col.renewal')}</th><th scope="col">${tr.t('col.owner')}</th></tr></thead>
<tbody>${
    input.items.length === 0
      ? html`<tr><td colspan="8">${tr.t('at_risk.empty')}</td></tr>`
      : input.items.map((c) => row(c, input.installId, tr, input.ownerNames ?? new Map()))
  }</tbody>
</table>
<nav class="pager" aria-label="${tr.t('pager.label')}">${first}${next}</nav>`;
  return page({
    title: tr.t('dashboard.at_risk.title'),
    active: 'at-risk',
    body,
    installId: input.installId,
    portals: input.portals,
    tr: input.tr,
  });
}
