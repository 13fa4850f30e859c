// Settings › language and currency of this portal: saves the portal's language, or
// confirms its currency's tier lines, through /dashboard/api/portal-locale with the
// session's CSRF token (the page has no inline script: CSP).
(() => {
  const form = document.getElementById('portal-locale-form');
  if (form === null) return;
  const status = document.getElementById('portal-locale-status');
  const query = window.location.search;

  function csrfToken() {
    for (const part of document.cookie.split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name === 'vigil_csrf' || name === '__Host-vigil_csrf') return decodeURIComponent(value.join('='));
    }
    return '';
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const action = event.submitter?.dataset.action ?? 'language';
    const body = { language: form.elements.namedItem('language').value };
    if (action === 'confirm') {
      const num = (name) => Number(form.elements.namedItem(name).value);
      body.confirm = {
        highMinLtv: num('highMinLtv'),
        techMaxLtv: num('techMaxLtv'),
        grossMargin: num('grossMargin'),
      };
    }
    status.textContent = '…';
    const res = await fetch(`/dashboard/api/portal-locale${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken() },
      body: JSON.stringify(body),
    });
    if (res.ok) {
      window.location.reload();
      return;
    }
    const json = await res.json().catch(() => ({}));
    const issues = Array.isArray(json.issues) ? json.issues.map((i) => i.message).join('; ') : '';
    status.textContent = `${json.error?.message ?? res.status}${issues === '' ? '' : `: ${issues}`}`;
  });
})();
