import { z } from 'zod';
import type { WriteFailure } from '../../../store/repos/ledger.ts';
import type { RunBody } from '../../schemas.ts';
import { badge } from '../components.ts';
import type { WebhookSeen } from '../deps.ts';
import { count, decimal, duration, isoMinute, MISSING } from '../format.ts';
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
});
export type RunStatsView = z.infer<typeof runStatsSchema>;

export function runStats(stats: Record<string, unknown>): RunStatsView {
  return runStatsSchema.parse(stats);
}

export interface ApiLimit {
  /** e.g. "110 requests per 10 seconds (OAuth app)". */
  label: string;
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
}

/** Average calls per limit window over a run (its pace); null without a duration. */
export function callsPerWindow(calls: number, durationMs: number | null, windowMs: number): number | null {
  if (durationMs === null || durationMs <= 0) return null;
  return (calls * windowMs) / Math.max(durationMs, windowMs);
}

export function syncPage(input: SyncPageInput): string {
  const day = input.runs.filter((r) => Date.parse(r.startedAt) >= Date.now() - 86_400_000);
  const callsToday = day.reduce((s, r) => s + runStats(r.stats).apiCalls.total, 0);
  const body = html`<h1>Sync</h1>
<h2>API calls against the portal's limits</h2>
<dl class="kv" id="limits"><dt>Portal limit</dt><dd>${input.limit.label}</dd>
<dt>Calls in the last 24 hours</dt><dd id="calls-24h">${count(callsToday)} in ${count(day.length)} runs</dd></dl>
<h2>Runs</h2>
<table id="runs"><thead><tr><th scope="col">Started</th><th scope="col">Kind</th><th scope="col">Status</th><th scope="col" class="num">Duration</th>
<th scope="col" class="num">Companies / deals / tickets read</th><th scope="col" class="num">Scored</th><th scope="col" class="num">Properties written</th>
<th scope="col" class="num">API calls</th><th scope="col" class="num">Pace per ${decimal(input.limit.windowMs / 1000)} s</th><th scope="col" class="num">429s</th></tr></thead>
<tbody>${
    input.runs.length === 0
      ? html`<tr><td colspan="10">No sync has run yet.</td></tr>`
      : input.runs.map((r) => {
          const s = runStats(r.stats);
          const pace = callsPerWindow(s.apiCalls.total, r.durationMs, input.limit.windowMs);
          return html`<tr data-run-id="${r.id}"><td>${isoMinute(r.startedAt)}</td><td>${r.kind}</td>
<td>${badge(r.status === 'succeeded' ? 'healthy' : r.status === 'running' ? 'neutral' : 'at_risk', r.status)}${
            r.error === null ? '' : html`<br><span class="muted">${r.error}</span>`
          }</td>
<td class="num">${duration(r.durationMs)}</td>
<td class="num">${count(s.recordsRead.company)} / ${count(s.recordsRead.deal)} / ${count(s.recordsRead.ticket)}</td>
<td class="num">${count(s.companiesScored)}</td><td class="num">${count(s.propertiesWritten)}</td>
<td class="num" data-col="api-calls">${count(s.apiCalls.total)}</td>
<td class="num">${pace === null ? MISSING : decimal(pace)}${input.limit.perWindow === null ? '' : html` of ${count(input.limit.perWindow)}`}</td>
<td class="num">${count(s.apiCalls.http429)}</td></tr>`;
        })
  }</tbody></table>
<h2>Per-record errors</h2>
${
  input.writeFailures.length === 0 && input.timelineFailures.length === 0
    ? html`<p id="no-errors">No write-back errors.</p>`
    : html`<table id="record-errors"><thead><tr><th scope="col">Company</th><th scope="col">What</th><th scope="col">Error</th>
<th scope="col" class="num">Attempts</th><th scope="col">Will retry</th></tr></thead><tbody>${input.writeFailures.map(
        (
          f,
        ) => html`<tr><td><a href="${withInstall(`/companies/${encodeURIComponent(f.companyId)}`, input.installId)}">${f.companyId}</a></td>
<td>Properties</td><td><code>${f.code}</code> ${f.message}</td><td class="num">${f.attempts}</td><td>${f.retryable ? 'yes' : 'no'}</td></tr>`,
      )}${input.timelineFailures.map(
        (
          f,
        ) => html`<tr><td><a href="${withInstall(`/companies/${encodeURIComponent(f.companyId)}`, input.installId)}">${f.companyId}</a></td>
<td>Timeline entry</td><td>${f.error}</td><td class="num">${f.attempts}</td><td>no</td></tr>`,
      )}</tbody></table>`
}
<h2>Last webhook</h2>
<p id="last-webhook">${
    input.lastWebhook !== null
      ? html`${input.lastWebhook.subscriptionType}${
          input.lastWebhook.objectId === null ? '' : html` for record ${input.lastWebhook.objectId}`
        }, received ${isoMinute(input.lastWebhook.at)}`
      : input.webhooksTracked
        ? 'No webhook received yet.'
        : 'Webhook deliveries are not recorded by this Vigil yet.'
  }</p>${
    input.disconnect == null
      ? ''
      : html`
<h2>Disconnect</h2>
<p>Uninstalls Vigil from HubSpot portal ${input.disconnect.accountId} and stops its syncs. Vigil keeps the scores
already computed until they are deleted; the portal can install again later.</p>
<form id="disconnect" method="post" action="${withInstall('/dashboard/api/install/disconnect', input.installId)}"
 data-confirm="Disconnect HubSpot portal ${input.disconnect.accountId} from Vigil? The app is uninstalled from the portal.">
<input type="hidden" name="confirm" value="${input.disconnect.accountId}">
<button type="submit" class="danger">Disconnect</button> <span class="muted" role="status" data-disconnect-result></span></form>`
  }`;
  return page({ title: 'Sync', active: 'sync', body, installId: input.installId, portals: input.portals });
}
