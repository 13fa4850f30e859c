import { type MessageKey, type Translator, translator } from '../../i18n/index.ts';
import { html, type SafeHtml } from './html.ts';

/**
 * The page shell: a skip link, the navigation (with aria-current on the open page), the
 * main landmark and the scripts a page asks for. Everything is served by Vigil itself
 * (/dashboard/assets), nothing from a CDN.
 */
export type PageKey = 'portfolio' | 'at-risk' | 'company' | 'settings' | 'model' | 'sync';

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
  /** Several connected portals (VIGIL_CRM=both, or many OAuth installs): a switcher in the header. */
  portals?: PortalSwitch | undefined;
  /** The reader's language (the shell's words and `<html lang>`); English when absent. */
  tr?: Translator | undefined;
}

export interface PortalSwitch {
  readonly current: string;
  readonly all: ReadonlyArray<{ readonly id: string; readonly crm: string; readonly accountId: string }>;
}

function portalSwitch(portals: PortalSwitch | undefined, tr: Translator): SafeHtml | '' {
  if (portals === undefined || portals.all.length < 2) return '';
  const items = portals.all.map(
    (p) =>
      html`<li><a href="${withInstall('/', p.id)}"${p.id === portals.current ? html` aria-current="true"` : ''}>${tr.t(
        'label.crm_account',
        { crm: p.crm, account: p.accountId },
      )}</a></li>`,
  );
  return html`<nav class="portals" aria-label="${tr.t('nav.portal')}"><ul>${items}</ul></nav>`;
}

const NAV: ReadonlyArray<{ key: PageKey; href: string; label: MessageKey }> = [
  { key: 'portfolio', href: '/', label: 'nav.portfolio' },
  { key: 'at-risk', href: '/at-risk', label: 'nav.at_risk' },
  { key: 'settings', href: '/settings', label: 'nav.settings' },
  { key: 'model', href: '/model', label: 'nav.model' },
  { key: 'sync', href: '/sync', label: 'nav.sync' },
];

/**
 * The reader's language switch: `?lang=` on any page stores the choice in a cookie
 * (routes/language-choice.ts) and wins over Accept-Language from then on.
 */
function languageSwitch(tr: Translator, installId: string | undefined): SafeHtml {
  const links = (['en', 'ja'] as const).map((l) =>
    l === tr.locale
      ? html`<li><a href="${withInstall(`?lang=${l}`, installId)}" aria-current="true" lang="${l}">${LANGUAGE_NAMES[l]}</a></li>`
      : html`<li><a href="${withInstall(`?lang=${l}`, installId)}" lang="${l}">${LANGUAGE_NAMES[l]}</a></li>`,
  );
  return html`<nav class="languages" aria-label="${tr.t('nav.language')}"><ul>${links}</ul></nav>`;
}

const LANGUAGE_NAMES = { en: 'English', ja: '日本語' } as const;

export function withInstall(href: string, installId: string | undefined): string {
  if (installId === undefined) return href;
  return `${href}${href.includes('?') ? '&' : '?'}installId=${encodeURIComponent(installId)}`;
}

export function page(options: PageOptions): string {
  const tr = options.tr ?? translator('en');
  const nav = NAV.map(
    (n) =>
      html`<li><a href="${withInstall(n.href, options.installId)}"${
        n.key === options.active ? html` aria-current="page"` : ''
      }>${tr.t(n.label)}</a></li>`,
  );
  const scripts = [
    'page.js',
    ...(options.charts === true ? ['uPlot.iife.min.js', 'charts.js'] : []),
    ...(options.scripts ?? []),
  ];
  return html`<!doctype html>
<html lang="${tr.locale}">
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
<a class="skip" href="#main">${tr.t('nav.skip')}</a>
<header class="top">
<a class="brand" href="${withInstall('/', options.installId)}">Vigil</a>
<nav aria-label="${tr.t('nav.label')}"><ul>${nav}</ul></nav>
${portalSwitch(options.portals, tr)}
${languageSwitch(tr, options.installId)}
<form class="signout" method="post" action="/logout"><input type="hidden" name="_csrf" value=""><button type="submit">${tr.t('nav.sign_out')}</button></form>
</header>
<main id="main" tabindex="-1">
${options.body}
</main>
</body>
</html>
`.__html;
}

/** A page that only says what went wrong (no portal yet, unknown company …), in the reader's language. */
export function errorPage(
  status: number,
  title: string,
  message: string,
  active: PageKey,
  tr?: Translator,
): string {
  const words = tr ?? translator('en');
  return page({
    title,
    active,
    body: html`<h1>${title}</h1><p class="notice" role="alert">${message}</p><p class="muted">${words.t('error.http_status', { status: String(status) })}</p>`,
    tr: words,
  });
}
