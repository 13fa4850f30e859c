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
  for (const bar of document.querySelectorAll('[data-share]')) {
    const share = Number(bar.getAttribute('data-share'));
    if (Number.isFinite(share)) bar.style.width = `${Math.max(0, Math.min(100, share))}%`;
  }
})();
