// Settings page: collects the form into a full scoring config (the saved one with the
// edited fields laid over it), validates it as you type, previews what it would do and
// saves it. Every number shown comes from /dashboard/api/settings/*; errors come from
// parseScoringConfig with the field each belongs to.
(() => {
  const data = JSON.parse(document.getElementById('config-data').textContent);
  const form = document.getElementById('settings-form');
  const summary = document.getElementById('errors-summary');
  const status = document.getElementById('status');
  const previewBox = document.getElementById('preview');
  const previewBody = document.getElementById('preview-body');
  const buttons = [document.getElementById('preview-button'), document.getElementById('save-button')];
  const query = data.installId ? `?installId=${encodeURIComponent(data.installId)}` : '';
  const fieldId = (path) => `f-${path.replace(/\./g, '-')}`;
  let requestNo = 0;

  const esc = (s) =>
    String(s).replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
    );

  function setAt(obj, path, value) {
    const keys = path.split('.');
    let node = obj;
    for (const k of keys.slice(0, -1)) {
      if (typeof node[k] !== 'object' || node[k] === null) node[k] = {};
      node = node[k];
    }
    node[keys[keys.length - 1]] = value;
  }

  function readField(el) {
    const kind = el.dataset.kind;
    const nullable = el.dataset.nullable === 'true';
    if (kind === 'checkbox') return el.checked;
    if (kind === 'list')
      return el.value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    if (kind === 'number') {
      if (el.validity.badInput) return el.value === '' ? 'not a number' : el.value;
      if (el.value.trim() === '') return nullable ? null : undefined;
      return Number(el.value);
    }
    const v = el.value.trim();
    return v === '' && nullable ? null : v;
  }

  function collect() {
    const config = structuredClone(data.config);
    for (const el of form.querySelectorAll('[data-path]')) {
      const v = readField(el);
      // An emptied required number is sent as null so the parser names it (never a silent default).
      setAt(config, el.dataset.path, v === undefined ? null : v);
    }
    return config;
  }

  function clearIssues() {
    for (const p of form.querySelectorAll('.error')) {
      p.hidden = true;
      p.textContent = '';
    }
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    summary.hidden = true;
    summary.innerHTML = '';
  }

  function showIssues(issues) {
    clearIssues();
    if (issues.length === 0) return;
    const items = [];
    for (const issue of issues) {
      const text = `${issue.message} — ${issue.hint}`;
      const input = issue.field === null ? null : document.getElementById(fieldId(issue.field));
      if (input !== null) {
        input.setAttribute('aria-invalid', 'true');
        const p = document.getElementById(`${fieldId(issue.field)}-error`);
        p.textContent = p.textContent === '' ? text : `${p.textContent}; ${text}`;
        p.hidden = false;
        items.push(
          `<li><a href="#${fieldId(issue.field)}">${esc(issue.path || '(config)')}</a>: ${esc(text)}</li>`,
        );
      } else {
        items.push(`<li>${esc(issue.path || '(config)')}: ${esc(text)}</li>`);
      }
    }
    summary.innerHTML = `<p><strong>${issues.length} setting${issues.length === 1 ? '' : 's'} to fix before this can be previewed or saved:</strong></p><ul>${items.join('')}</ul>`;
    summary.hidden = false;
  }

  // The session's CSRF token, which Vigil's front door sets as a cookie only this origin can read.
  function csrfToken() {
    for (const part of document.cookie.split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name === 'vigil_csrf' || name === '__Host-vigil_csrf') return decodeURIComponent(value.join('='));
    }
    return '';
  }

  async function post(path, body) {
    const res = await fetch(`/dashboard/api/settings${path}${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken() },
      body: JSON.stringify(body),
    });
    const json = await res.json().catch(() => ({}));
    return { status: res.status, body: json };
  }

  function busy(on, text) {
    for (const b of buttons) b.disabled = on;
    status.textContent = text;
  }

  let timer = null;
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const mine = ++requestNo;
      const r = await post('/validate', { config: collect() });
      if (mine !== requestNo) return; // a newer edit is on its way
      showIssues(r.body.issues ?? []);
    }, 300);
  });

  function summaryFor(title, key, s) {
    const transitions = Object.entries(s.byTransition)
      .map(([t, n]) => `<li>${esc(t.replace(/_/g, ' '))}: ${n}</li>`)
      .join('');
    const examples = s.examples
      .map(
        (e) =>
          `<tr><th scope="row"><a href="/companies/${encodeURIComponent(e.companyId)}${query}">${esc(e.name ?? `Company ${e.companyId}`)}</a></th><td>${esc(String(e.from ?? 'unscored').replace(/_/g, ' '))}</td><td>${esc(String(e.to ?? 'unscored').replace(/_/g, ' '))}</td></tr>`,
      )
      .join('');
    return `<h3>${title}: <span id="preview-${key}-count">${s.changed}</span></h3>${
      s.changed === 0
        ? '<p class="muted">No change.</p>'
        : `<ul>${transitions}</ul><table><caption>Examples</caption><thead><tr><th scope="col">Company</th><th scope="col">Now</th><th scope="col">With the edit</th></tr></thead><tbody>${examples}</tbody></table>`
    }`;
  }

  function renderPreview(p) {
    const f = (v) => (v === null ? '–' : v.toFixed(1));
    previewBody.innerHTML = `<p>Every company rescored in memory with the saved and the edited config as of ${esc(
      new Date(p.asOf).toISOString().slice(0, 16).replace('T', ' '),
    )} UTC: <strong id="preview-companies">${p.companies}</strong> companies, ${p.durationMs} ms. Nothing is saved yet.</p>
<dl class="kv"><dt>Average health</dt><dd id="preview-health">${f(p.averageHealth.before)} → ${f(p.averageHealth.after)}</dd>
<dt>Average churn risk</dt><dd>${f(p.averageRisk.before)} → ${f(p.averageRisk.after)}</dd></dl>
<div class="grid2"><div>${summaryFor('Status changes', 'status', p.status)}</div><div>${summaryFor(
      'Risk level changes',
      'level',
      p.riskLevel,
    )}</div><div>${summaryFor('Tier changes', 'tier', p.tier)}</div></div>`;
    previewBox.hidden = false;
  }

  document.getElementById('preview-button').addEventListener('click', async () => {
    busy(true, 'Rescoring every company in memory…');
    try {
      const r = await post('/preview', { config: collect() });
      if (r.status === 422) {
        showIssues(r.body.issues);
        summary.focus();
        busy(false, 'Fix the settings marked below.');
        return;
      }
      if (r.status !== 200) throw new Error(r.body.error?.message ?? `HTTP ${r.status}`);
      clearIssues();
      renderPreview(r.body);
      busy(false, 'Preview ready.');
      document.getElementById('preview-heading').scrollIntoView();
    } catch (err) {
      busy(false, `Preview failed: ${err.message}`);
    }
  });

  document.getElementById('save-button').addEventListener('click', async () => {
    busy(true, 'Saving…');
    try {
      const r = await post('', { config: collect(), note: document.getElementById('config-note').value });
      if (r.status === 422) {
        showIssues(r.body.issues);
        summary.focus();
        busy(false, 'Nothing was saved: fix the settings marked below.');
        return;
      }
      if (r.status !== 200) throw new Error(r.body.error?.message ?? `HTTP ${r.status}`);
      busy(true, `Saved as version ${r.body.version}; rescoring.`);
      const next = new URL(window.location.href);
      next.searchParams.set('saved', String(r.body.version));
      window.location.assign(next.toString());
    } catch (err) {
      busy(false, `Save failed: ${err.message}`);
    }
  });
})();
