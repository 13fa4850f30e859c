import type { ProvisionReport } from '../../../connectors/types.ts';
import { escapeHtml, failedPage } from '../../hubspot/oauth/pages.ts';

// The pages an admin sees at the end of connecting a Salesforce org: plain HTML, values escaped.

export { failedPage };

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2933}
h1{font-size:1.5rem}a{color:#0b6bcb}.muted{color:#52606d;font-size:.9rem}li{margin:.1rem 0}</style></head>
<body>${body}</body></html>`;
}

const list = (items: readonly string[]) =>
  `<ul>${items.map((i) => `<li><code>${escapeHtml(i)}</code></li>`).join('')}</ul>`;

export function connectedPage(args: {
  orgId: string;
  instanceUrl: string;
  reconnect: boolean;
  report: ProvisionReport | null;
  failed: ReadonlyArray<{ name: string; reason: string }>;
  dashboardUrl: string;
}): string {
  const r = args.report;
  const created =
    r === null ? '' : r.created.length > 0 ? `<p>Created in your org:</p>${list(r.created)}` : '';
  const failed =
    args.failed.length === 0
      ? ''
      : `<p>Vigil could not set these up — scoring goes on without them, and Settings shows what to fix:</p><ul>${args.failed
          .map((f) => `<li><code>${escapeHtml(f.name)}</code>: ${escapeHtml(f.reason)}</li>`)
          .join('')}</ul>`;
  // Conditions syncs go on under (e.g. View All Data missing: reads are partial), named for the admin.
  const warnings =
    r === null || (r.warnings ?? []).length === 0
      ? ''
      : `<p>Syncs go on, but an admin should fix these:</p><ul id="warnings">${(r.warnings ?? [])
          .map((w) => `<li><code>${escapeHtml(w.code)}</code>: ${escapeHtml(w.message)}</li>`)
          .join('')}</ul>`;
  return page(
    'Salesforce is connected',
    `<h1>Salesforce is connected</h1>
<p>Vigil is ${args.reconnect ? 'reconnected' : 'now connected'} to the Salesforce org ${escapeHtml(args.orgId)}
(${escapeHtml(args.instanceUrl)}).</p>${created}${failed}${warnings}
<p>The first sync has started: it reads your Accounts, Opportunities and Cases, scores every customer and writes the
results to the Vigil fields on each Account.</p>
<p><a href="${escapeHtml(args.dashboardUrl)}">Open Vigil’s dashboard</a> · you can close this tab.</p>`,
  );
}
