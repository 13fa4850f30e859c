/**
 * The pages a person sees at the end of an install: plain HTML (no scripts), every
 * interpolated value escaped, styled by Vigil's own install.css (the CSP refuses inline
 * styles; the dashboard's assets are served before sign-in).
 */
export const INSTALL_CSS = '/dashboard/assets/install.css';

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${INSTALL_CSS}"></head>
<body>${body}</body></html>`;
}

export function installedPage(args: { portalId: string; reinstall: boolean; dashboardUrl: string }): string {
  const lead = args.reinstall
    ? `Vigil is reconnected to HubSpot account ${escapeHtml(args.portalId)}. Its scores and history are as you left them.`
    : `Vigil is now connected to HubSpot account ${escapeHtml(args.portalId)}.`;
  return page(
    'Vigil is connected',
    `<h1>Vigil is connected</h1><p>${lead}</p>
<p>The first sync has started: it reads your companies, deals and tickets, scores every customer and writes the
results to the “Customer health (Vigil)” company properties. The health card appears on company records as soon as
a company is scored — usually within minutes.</p>
<p><a href="${escapeHtml(args.dashboardUrl)}">Open Vigil’s dashboard</a> · you can close this tab.</p>`,
  );
}

export function failedPage(
  title: string,
  message: string,
  retryUrl: string | null,
  note: string | null,
): string {
  const retry =
    retryUrl === null ? '' : `<p><a href="${escapeHtml(retryUrl)}">Start the installation again</a></p>`;
  const muted = note === null ? '' : `<p class="muted">${escapeHtml(note)}</p>`;
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${retry}${muted}`);
}
