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
  // The page's words in the reader's language (ui-text.ts); `{name}` is filled in here.
  const ui = JSON.parse(document.getElementById('ui-text')?.textContent ?? '{"texts":{}}');
  const say = (key, values = {}) =>
    String(ui.texts[key] ?? key).replace(/\{(\w+)\}/g, (_m, name) => String(values[name] ?? ''));
  const code = (kind, value) => say(`${kind}_${value ?? 'unscored'}`);

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
    summary.innerHTML = `<p><strong>${esc(say(issues.length === 1 ? 'issuesOne' : 'issuesMany', { count: issues.length }))}</strong></p><ul>${items.join('')}</ul>`;
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
      .map(([t, n]) => {
        const [from, to] = t.split(' → ');
        return `<li>${esc(say('transition', { from: code(key, from), to: code(key, to) }))}: ${n}</li>`;
      })
      .join('');
    const examples = s.examples
      .map(
        (e) =>
          `<tr><th scope="row"><a href="/companies/${encodeURIComponent(e.companyId)}${query}">${esc(e.name ?? say('companyFallback', { id: e.companyId }))}</a></th><td>${esc(code(key, e.from))}</td><td>${esc(code(key, e.to))}</td></tr>`,
      )
      .join('');
    return `<h3>${esc(title)}: <span id="preview-${key}-count">${s.changed}</span></h3>${
      s.changed === 0
        ? `<p class="muted">${esc(say('noChange'))}</p>`
        : `<ul>${transitions}</ul><table><caption>${esc(say('examples'))}</caption><thead><tr><th scope="col">${esc(say('colCompany'))}</th><th scope="col">${esc(say('colNow'))}</th><th scope="col">${esc(say('colEdited'))}</th></tr></thead><tbody>${examples}</tbody></table>`
    }`;
  }

  function renderPreview(p) {
    const f = (v) => (v === null ? '–' : v.toFixed(1));
    const asOf = new Intl.DateTimeFormat(ui.locale === 'ja' ? 'ja-JP' : 'en-US', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: ui.timeZone ?? 'UTC',
    }).format(p.asOf);
    const intro = esc(say('previewIntro', { asOf, companies: '\u0000', ms: p.durationMs })).replace(
      '\u0000',
      `<strong id="preview-companies">${p.companies}</strong>`,
    );
    previewBody.innerHTML = `<p>${intro}</p>
<dl class="kv"><dt>${esc(say('averageHealth'))}</dt><dd id="preview-health">${f(p.averageHealth.before)} → ${f(p.averageHealth.after)}</dd>
<dt>${esc(say('averageRisk'))}</dt><dd>${f(p.averageRisk.before)} → ${f(p.averageRisk.after)}</dd></dl>
<div class="grid2"><div>${summaryFor(say('statusChanges'), 'status', p.status)}</div><div>${summaryFor(
      say('levelChanges'),
      'level',
      p.riskLevel,
    )}</div><div>${summaryFor(say('tierChanges'), 'tier', p.tier)}</div></div>`;
    previewBox.hidden = false;
  }

  document.getElementById('preview-button').addEventListener('click', async () => {
    busy(true, say('previewing'));
    try {
      const r = await post('/preview', { config: collect() });
      if (r.status === 422) {
        showIssues(r.body.issues);
        summary.focus();
        busy(false, say('fixBelow'));
        return;
      }
      if (r.status !== 200) throw new Error(r.body.error?.message ?? `HTTP ${r.status}`);
      clearIssues();
      renderPreview(r.body);
      busy(false, say('previewReady'));
      document.getElementById('preview-heading').scrollIntoView();
    } catch (err) {
      busy(false, say('previewFailed', { error: err.message }));
    }
  });

  document.getElementById('save-button').addEventListener('click', async () => {
    busy(true, say('saving'));
    try {
      const r = await post('', { config: collect(), note: document.getElementById('config-note').value });
      if (r.status === 422) {
        showIssues(r.body.issues);
        summary.focus();
        busy(false, say('notSaved'));
        return;
      }
      if (r.status !== 200) throw new Error(r.body.error?.message ?? `HTTP ${r.status}`);
      busy(true, say('saved', { version: r.body.version }));
      const next = new URL(window.location.href);
      next.searchParams.set('saved', String(r.body.version));
      window.location.assign(next.toString());
    } catch (err) {
      busy(false, say('saveFailed', { error: err.message }));
    }
  });
})();
