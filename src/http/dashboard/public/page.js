// Loaded on every dashboard page (the CSP allows no inline script or style):
// - the sign-out form gets the session's CSRF token from the cookie only this origin reads;
// - distribution bars take their width from data-share;
// - an old-style link `/#/companies/<id>` (the HubSpot card's) opens that company's page,
//   keeping the query (e.g. ?portalId=) that says which portal.
(() => {
  function csrfToken() {
    for (const part of document.cookie.split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name === 'vigil_csrf' || name === '__Host-vigil_csrf') return decodeURIComponent(value.join('='));
    }
    return '';
  }
  const hash = /^#\/(companies\/[^/?#]+|settings|at-risk|sync)$/.exec(window.location.hash);
  if (window.location.pathname === '/' && hash !== null) {
    window.location.replace(`/${hash[1]}${window.location.search}`);
    return;
  }
  for (const input of document.querySelectorAll('input[name="_csrf"]')) input.value = csrfToken();
  // A form with data-confirm (the Sync page's Disconnect) asks first, then posts its fields
  // as JSON with the CSRF header the front door requires; nothing is sent when declined.
  for (const form of document.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!window.confirm(form.getAttribute('data-confirm') ?? 'Are you sure?')) return;
      const out = form.querySelector('[data-disconnect-result]');
      const res = await fetch(form.action, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken() },
        body: JSON.stringify(Object.fromEntries(new FormData(form))),
      }).catch(() => null);
      if (res?.ok) {
        window.location.assign('/');
        return;
      }
      const answer = res === null ? null : await res.json().catch(() => null);
      // The form carries its failure sentence in the reader's language (data-failed).
      if (out)
        out.textContent =
          answer?.error?.message ?? form.getAttribute('data-failed') ?? 'Disconnecting failed; try again.';
    });
  }
  for (const bar of document.querySelectorAll('[data-share]')) {
    const share = Number(bar.getAttribute('data-share'));
    if (Number.isFinite(share)) bar.style.width = `${Math.max(0, Math.min(100, share))}%`;
  }
})();
