import { z } from 'zod';
import { type Translator, translator } from '../../../i18n/index.ts';
import { runKindLabel, runStatusLabel } from '../../../i18n/labels.ts';
import { syncWarningText } from '../../../i18n/sync-warnings.ts';
import type { WriteFailure } from '../../../store/repos/ledger.ts';
import type { RunBody } from '../../schemas.ts';
import { badge } from '../components.ts';
import type { WebhookSeen } from '../deps.ts';
import { count, decimal, duration, MISSING, when } from '../format.ts';
import { html } from '../html.ts';
import { type PortalSwitch, page, withInstall } from '../layout.ts';

/**
 * The Sync page: recent runs with the records and API calls each took, the calls' pace
 * against the portal's 10-second limit, per-record write-back errors and the last
 * webhook. A run's stats are its SyncSummary (src/sync/summary.ts), read leniently: a
 * run that crashed early has fewer fields.
 */
const runStatsSchema = z.object({
  recordsRead: z
    .object({ company: z.number().catch(0), deal: z.number().catch(0), ticket: z.number().catch(0) })
    .catch({ company: 0, deal: 0, ticket: 0 }),
  companiesScored: z.number().catch(0),
  propertiesWritten: z.number().catch(0),
  timelineEntries: z.number().catch(0),
  writeFailures: z.number().catch(0),
  apiCalls: z
    .object({ total: z.number().catch(0), http429: z.number().catch(0), retries: z.number().catch(0) })
    .catch({ total: 0, http429: 0, retries: 0 }),
  warnings: z
    .array(
      z.object({
        code: z.string(),
        message: z.string(),
        params: z
          .record(z.string(), z.union([z.string(), z.number()]))
          .optional()
          .catch(undefined),
      }),
    )
    .catch([]),
});
export type RunStatsView = z.infer<typeof runStatsSchema>;

export function runStats(stats: Record<string, unknown>): RunStatsView {
  return runStatsSchema.parse(stats);
}

export interface ApiLimit {
  /** e.g. "110 requests per 10 seconds (OAuth app)" (English, for the JSON API). */
  label: string;
  /** Which HubSpot app kind the limit is for; absent when the CRM's limit is not known. */
  app?: 'oauth' | 'private';
  searchPerSecond?: number;
  perWindow: number | null;
  windowMs: number;
}

export interface SyncPageInput {
  runs: readonly RunBody[];
  limit: ApiLimit;
  writeFailures: readonly WriteFailure[];
  timelineFailures: ReadonlyArray<{ entryId: string; companyId: string; attempts: number; error: string }>;
  lastWebhook: WebhookSeen | null;
  webhooksTracked: boolean;
  installId?: string | undefined;
  /** The connected portals, for the header's switcher when there are several. */
  portals?: PortalSwitch | undefined;
  /** The HubSpot portal this page may disconnect (DashboardDeps.disconnect); null = no Disconnect. */
  disconnect?: { accountId: string } | null | undefined;
  /** The reader's language and the portal's time zone (English, UTC when absent). */
  tr?: Translator | undefined;
}

/** Average calls per limit window over a run (its pace); null without a duration. */
export function callsPerWindow(calls: number, durationMs: number | null, windowMs: number): number | null {
  if (durationMs === null || durationMs <= 0) return null;
  return (calls * windowMs) / Math.max(durationMs, windowMs);
}

export function syncPage(input: SyncPageInput): string {
  const tr = input.tr ?? translator('en');
  const day = input.runs.filter((r) => Date.parse(r.startedAt) >= Date.now() - 86_400_000);
  const callsToday = day.reduce((s, r) => s + runStats(r.stats).apiCalls.total, 0);
  const windowSeconds = decimal(input.limit.windowMs / 1000);
  const body = html`<h1>${tr.t('nav.sync')}</h1>
<h2>${tr.t('sync.limits_heading')}</h2>
<dl class="kv" id="limits"><dt>${tr.t('sync.portal_limit')}</dt><dd>${limitText(input.limit, tr)}</dd>
<dt>${tr.t('sync.calls_24h')}</dt><dd id="calls-24h">${tr.t('sync.calls_24h_value', { calls: callsToday, runs: day.length })}</dd></dl>
<h2>${tr.t('sync.runs_heading')}</h2>
<table id="runs"><thead><tr><th scope="col">${tr.t('sync.col.started')}</th><th scope="col">${tr.t('sync.col.kind')}</th><th scope="col">${tr.t('sync.col.status')}</th><th scope="col" class="num">${tr.t('sync.col.duration')}</th>
<th scope="col" class="num">${tr.t('sync.col.read')}</th><th scope="col" class="num">${tr.t('sync.col.scored')}</th><th scope="col" class="num">${tr.t('sync.col.properties')}</th>
<th scope="col" class="num">${tr.t('sync.col.api_calls')}</th><th scope="col" class="num">${tr.t('sync.col.pace', { seconds: windowSeconds })}</th><th scope="col" class="num">${tr.t('sync.col.http429')}</th></tr></thead>
<tbody>${
    input.runs.length === 0
      ? html`<tr><td colspan="10">${tr.t('sync.no_runs')}</td></tr>`
      : input.runs.map((r) => {
          const s = runStats(r.stats);
          const pace = callsPerWindow(s.apiCalls.total, r.durationMs, input.limit.windowMs);
          return html`<tr data-run-id="${r.id}"><td>${when(r.startedAt, tr)}</td><td>${runKindLabel(r.kind, tr)}</td>
<td>${badge(r.status === 'succeeded' ? 'healthy' : r.status === 'running' ? 'neutral' : 'at_risk', runStatusLabel(r.status, tr))}${
            r.error === null ? '' : html`<br><span class="muted">${r.error}</span>`
          }</td>
<td class="num">${duration(r.durationMs, tr)}</td>
<td class="num">${count(s.recordsRead.company)} / ${count(s.recordsRead.deal)} / ${count(s.recordsRead.ticket)}</td>
<td class="num">${count(s.companiesScored)}</td><td class="num">${count(s.propertiesWritten)}</td>
<td class="num" data-col="api-calls">${count(s.apiCalls.total)}</td>
<td class="num">${
            input.limit.perWindow === null
              ? pace === null
                ? MISSING
                : decimal(pace)
              : tr.t('sync.pace_of', {
                  pace: pace === null ? MISSING : decimal(pace),
                  limit: count(input.limit.perWindow),
                })
          }</td>
<td class="num">${count(s.apiCalls.http429)}</td></tr>`;
        })
  }</tbody></table>
${warningsOf(input.runs, tr)}<h2>${tr.t('sync.errors_heading')}</h2>
${
  input.writeFailures.length === 0 && input.timelineFailures.length === 0
    ? html`<p id="no-errors">${tr.t('sync.no_errors')}</p>`
    : html`<table id="record-errors"><thead><tr><th scope="col">${tr.t('col.company')}</th><th scope="col">${tr.t('sync.col.what')}</th><th scope="col">${tr.t('sync.col.error')}</th>
<th scope="col" class="num">${tr.t('sync.col.attempts')}</th><th scope="col">${tr.t('sync.col.will_retry')}</th></tr></thead><tbody>${input.writeFailures.map(
        (
          f,
        ) => html`<tr><td><a href="${withInstall(`/companies/${encodeURIComponent(f.companyId)}`, input.installId)}">${f.companyId}</a></td>
<td>${tr.t('sync.what.properties')}</td><td><code>${f.code}</code> ${f.message}</td><td class="num">${f.attempts}</td><td>${tr.t('sync.yes_no', { answer: f.retryable ? 'yes' : 'no' })}</td></tr>`,
      )}${input.timelineFailures.map(
        (
          f,
        ) => html`<tr><td><a href="${withInstall(`/companies/${encodeURIComponent(f.companyId)}`, input.installId)}">${f.companyId}</a></td>
<td>${tr.t('sync.what.timeline')}</td><td>${f.error}</td><td class="num">${f.attempts}</td><td>${tr.t('sync.yes_no', { answer: 'no' })}</td></tr>`,
      )}</tbody></table>`
}
<h2>${tr.t('sync.webhook_heading')}</h2>
<p id="last-webhook">${
    input.lastWebhook !== null
      ? tr.t('sync.webhook_seen', {
          type: input.lastWebhook.subscriptionType,
          hasRecord: input.lastWebhook.objectId === null ? 'no' : 'yes',
          record: input.lastWebhook.objectId ?? '',
          when: when(input.lastWebhook.at, tr),
        })
      : input.webhooksTracked
        ? tr.t('sync.no_webhook')
        : tr.t('sync.webhooks_untracked')
  }</p>${
    input.disconnect == null
      ? ''
      : html`
<h2>${tr.t('sync.disconnect')}</h2>
<p>${tr.t('sync.disconnect_text', { account: input.disconnect.accountId })}</p>
<form id="disconnect" method="post" action="${withInstall('/dashboard/api/install/disconnect', input.installId)}"
 data-confirm="${tr.t('sync.disconnect_confirm', { account: input.disconnect.accountId })}" data-failed="${tr.t('sync.disconnect_failed')}">
<input type="hidden" name="confirm" value="${input.disconnect.accountId}">
<button type="submit" class="danger">${tr.t('sync.disconnect')}</button> <span class="muted" role="status" data-disconnect-result></span></form>`
  }`;
  return page({
    title: tr.t('nav.sync'),
    active: 'sync',
    body,
    installId: input.installId,
    portals: input.portals,
    tr,
  });
}

/** The portal's API limit in words (HubSpot's published limits; unknown for other CRMs). */
function limitText(limit: ApiLimit, tr: Translator): string {
  if (limit.perWindow === null || limit.app === undefined) return tr.t('sync.limit_unknown');
  return tr.t('sync.limit', {
    perWindow: limit.perWindow,
    app: limit.app,
    search: limit.searchPerSecond ?? 0,
  });
}

/**
 * The latest finished run's warnings (the connector's syncWarnings, kept in its SyncSummary):
 * conditions the sync went on under that an admin should fix, in the reader's language for the
 * codes the catalogue knows (their English message otherwise). Nothing when there are none.
 */
function warningsOf(runs: readonly RunBody[], tr: Translator) {
  const latest = runs.find((r) => r.status !== 'running');
  const warnings = latest === undefined ? [] : runStats(latest.stats).warnings;
  if (warnings.length === 0) return '';
  return html`<h2>${tr.t('sync.warnings_heading')}</h2>
<p>${tr.t('sync.warnings_intro')}</p><ul id="sync-warnings">${warnings.map(
    (w) => html`<li data-code="${w.code}"><code>${w.code}</code> ${syncWarningText(w, tr)}</li>`,
  )}</ul>
`;
}
