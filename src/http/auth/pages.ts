import { html, type SafeHtml } from '../dashboard/html.ts';

/**
 * The sign-in pages: plain HTML with the dashboard's stylesheet, no script and no inline
 * style (the CSP allows neither), every value escaped.
 */
function shell(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
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
  error: string | null;
}

export function loginPage(o: LoginPageOptions): string {
  const next = encodeURIComponent(o.next);
  const crm = o.logins.map(
    (l) => html`<li><a class="button" href="/login/${l.name}?next=${next}">Sign in with ${l.label}</a></li>`,
  );
  const lead =
    o.mode === 'local'
      ? html`<p>Open the link Vigil printed when it started (<code>http://127.0.0.1:…/?token=…</code>), or paste its token here.</p>`
      : html`<p>Sign in with the CRM you use: you will see the portals and orgs you belong to.</p>`;
  const tokenForm = o.tokenSignIn
    ? html`<form method="post" action="/login">
<input type="hidden" name="next" value="${o.next}">
<label for="token">Access token</label>
<input id="token" name="token" type="password" autocomplete="off" required>
<button type="submit">Sign in</button>
</form>`
    : '';
  return shell(
    'Sign in',
    html`<h1>Sign in to Vigil</h1>
${o.error === null ? '' : html`<p class="notice" role="alert">${o.error}</p>`}
${lead}
${crm.length === 0 ? '' : html`<ul class="logins">${crm}</ul>`}
${tokenForm}`,
  );
}

export function signedOutPage(): string {
  return shell(
    'Signed out',
    html`<h1>Signed out</h1><p>Your session has ended. <a href="/login">Sign in again</a>.</p>`,
  );
}

/** A CRM sign-in that did not end in a session: what happened, and the way back. */
export function signInFailedPage(title: string, message: string): string {
  return shell(title, html`<h1>${title}</h1><p>${message}</p><p><a href="/login">Back to sign-in</a></p>`);
}
