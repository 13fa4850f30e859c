import { html, type SafeHtml } from './html.ts';

/**
 * The page shell: a skip link, the navigation (with aria-current on the open page), the
 * main landmark and the scripts a page asks for. Everything is served by Vigil itself
 * (/dashboard/assets), nothing from a CDN.
 */
export type PageKey = 'portfolio' | 'at-risk' | 'company' | 'settings' | 'sync';

export interface PageOptions {
  title: string;
  active: PageKey;
  body: SafeHtml;
  /** Script files under /dashboard/assets to load (deferred). */
  scripts?: readonly string[];
  /** Load uPlot (charts). */
  charts?: boolean;
  /** Kept on every navigation link when several portals are connected. */
  installId?: string | undefined;
}

const NAV: ReadonlyArray<{ key: PageKey; href: string; label: string }> = [
  { key: 'portfolio', href: '/', label: 'Portfolio' },
  { key: 'at-risk', href: '/at-risk', label: 'At risk' },
  { key: 'settings', href: '/settings', label: 'Settings' },
  { key: 'sync', href: '/sync', label: 'Sync' },
];

export function withInstall(href: string, installId: string | undefined): string {
  if (installId === undefined) return href;
  return `${href}${href.includes('?') ? '&' : '?'}installId=${encodeURIComponent(installId)}`;
}

export function page(options: PageOptions): string {
  const nav = NAV.map(
    (n) =>
      html`<li><a href="${withInstall(n.href, options.installId)}"${
        n.key === options.active ? html` aria-current="page"` : ''
      }>${n.label}</a></li>`,
  );
  const scripts = [
    ...(options.charts === true ? ['uPlot.iife.min.js', 'charts.js'] : []),
    ...(options.scripts ?? []),
  ];
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · Vigil</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/dashboard/assets/dashboard.css">
${options.charts === true ? html`<link rel="stylesheet" href="/dashboard/assets/uPlot.min.css">` : ''}
${scripts.map((s) => html`<script defer src="/dashboard/assets/${s}"></script>`)}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<a class="brand" href="${withInstall('/', options.installId)}">Vigil</a>
<nav aria-label="Dashboard"><ul>${nav}</ul></nav>
</header>
<main id="main" tabindex="-1">
${options.body}
</main>
</body>
</html>
`.__html;
}

/** A page that only says what went wrong (no portal yet, unknown company …). */
export function errorPage(status: number, title: string, message: string, active: PageKey): string {
  return page({
    title,
    active,
    body: html`<h1>${title}</h1><p class="notice" role="alert">${message}</p><p class="muted">HTTP ${status}</p>`,
  });
}
