import { type Translator, translator } from '../../i18n/index.ts';
import { html, type SafeHtml } from '../dashboard/html.ts';

/**
 * The sign-in pages: plain HTML with the dashboard's stylesheet, no script and no inline
 * style (the CSP allows neither), every value escaped.
 */
function shell(title: string, body: SafeHtml, lang = 'en'): string {
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Vigil</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/dashboard/assets/dashboard.css">
</head>
<body>
<main id="main" class="signin">
${body}
</main>
</body>
</html>
`.__html;
}

export interface LoginPageOptions {
  mode: 'local' | 'hosted';
  next: string;
  logins: ReadonlyArray<{ name: string; label: string }>;
  tokenSignIn: boolean;
  /** What went wrong, already in the reader's language. */
  error: string | null;
  /** The reader's language (Accept-Language or their earlier choice); English when absent. */
  tr?: Translator | undefined;
}

export function loginPage(o: LoginPageOptions): string {
  const tr = o.tr ?? translator('en');
  const next = encodeURIComponent(o.next);
  const crm = o.logins.map(
    (l) =>
      html`<li><a class="button" href="/login/${l.name}?next=${next}">${tr.t('login.with', { crm: l.label })}</a></li>`,
  );
  const lead =
    o.mode === 'local'
      ? html`<p>${tr.t('login.lead_local', { example: 'http://127.0.0.1:…/?token=…' })}</p>`
      : html`<p>${tr.t('login.lead_hosted')}</p>`;
  const tokenForm = o.tokenSignIn
    ? html`<form method="post" action="/login">
<input type="hidden" name="next" value="${o.next}">
<label for="token">${tr.t('login.token')}</label>
<input id="token" name="token" type="password" autocomplete="off" required>
<button type="submit">${tr.t('login.sign_in')}</button>
</form>`
    : '';
  return shell(
    tr.t('login.sign_in'),
    html`<h1>${tr.t('login.heading')}</h1>
${o.error === null ? '' : html`<p class="notice" role="alert">${o.error}</p>`}
${lead}
${crm.length === 0 ? '' : html`<ul class="logins">${crm}</ul>`}
${tokenForm}`,
    tr.locale,
  );
}

export function signedOutPage(tr: Translator = translator('en')): string {
  return shell(
    tr.t('login.signed_out'),
    html`<h1>${tr.t('login.signed_out')}</h1><p>${tr.t('login.signed_out_text')} <a href="/login">${tr.t('login.sign_in_again')}</a></p>`,
    tr.locale,
  );
}

/** Why a CRM sign-in did not end in a session (each with its title and sentence in the catalogue). */
export type SignInFailure = 'not_completed' | 'expired' | 'unrecognised' | 'not_confirmed' | 'not_installed';

/** A CRM sign-in that did not end in a session: what happened, and the way back, in the reader's language. */
export function signInFailedPage(
  failure: SignInFailure,
  values: { crm: 'hubspot' | 'salesforce'; account?: string },
  tr: Translator = translator('en'),
): string {
  const args = { kind: failure, crm: values.crm, account: values.account ?? '' };
  const title = tr.t('login.failed.title', args);
  return shell(
    title,
    html`<h1>${title}</h1><p>${tr.t('login.failed.message', args)}</p><p><a href="/login">${tr.t('login.back')}</a></p>`,
    tr.locale,
  );
}
