// The Model page (the CSP allows no inline script): draws the capture chart and the
// calibration plot from their JSON blocks with uPlot (x is a share or a decile, not a
// date, so charts.js's time axis does not fit), and runs adopt / revert: a preview of
// which customers change risk level first, then the confirmed POST with the CSRF token.
(() => {
  const palette = ['#b45309', '#1f5f9e', '#9aa4ad'];
  // The page's words in the reader's language (ui-text.ts); `{name}` is filled in here.
  const uiBlock = document.getElementById('ui-text');
  const texts = uiBlock === null ? {} : JSON.parse(uiBlock.textContent).texts;
  const say = (key, values = {}) =>
    String(texts[key] ?? key).replace(/\{(\w+)\}/g, (_m, name) => String(values[name] ?? ''));

  function drawXY(el) {
    const block = document.getElementById(el.dataset.xyChart);
    if (block === null) return;
    const data = JSON.parse(block.textContent);
    const series = [{ label: data.xLabel, value: (_u, v) => (v === null ? '–' : String(v)) }].concat(
      data.series.map((s, i) => ({
        label: s.label,
        stroke: palette[i % palette.length],
        width: 2,
        dash: s.dash === true ? [6, 6] : undefined,
        points: { show: s.dash !== true, size: 6 },
        value: (_u, v) => (v === null ? '–' : `${v.toFixed(1)} %`),
      })),
    );
    const plot = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: 260,
        series,
        axes: [
          { stroke: '#4a5561', label: data.xLabel },
          { stroke: '#4a5561', label: data.yLabel, values: (_u, ticks) => ticks.map((t) => `${t} %`) },
        ],
        scales: { x: { time: false }, y: { range: [0, 100] } },
        legend: { live: false },
      },
      [data.x].concat(data.series.map((s) => s.values)),
      el,
    );
    plot.root.setAttribute('aria-hidden', 'true');
    el.dataset.drawn = 'true';
  }

  function csrfToken() {
    for (const part of document.cookie.split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name === 'vigil_csrf' || name === '__Host-vigil_csrf') return decodeURIComponent(value.join('='));
    }
    return '';
  }

  async function post(path, body) {
    const res = await fetch(`/dashboard/api/model${path}${window.location.search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken() },
      body: JSON.stringify(body),
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(json.error?.message ?? `HTTP ${res.status}`);
    return json;
  }

  const esc = (s) =>
    String(s).replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
    );

  function renderPreview(p) {
    const level = (code) => say(`level_${code}`);
    const transition = (t) =>
      t
        .split('→')
        .map((code) => level(code.trim()))
        .join(' → ');
    const moves = Object.entries(p.riskLevel.byTransition)
      .map(([t, n]) => `<li>${esc(transition(t))}: ${n}</li>`)
      .join('');
    const examples = p.riskLevel.examples
      .map((m) => `<li>${esc(m.name ?? m.companyId)}: ${esc(level(m.from))} → ${esc(level(m.to))}</li>`)
      .join('');
    return `<p>${esc(say('previewIntro', { companies: p.companies }))}</p>
<p>${esc(say('previewChanged', { changed: '\u0000' })).replace('\u0000', `<strong id="preview-risk-count">${p.riskLevel.changed}</strong>`)}</p><ul>${moves}</ul>
${examples === '' ? '' : `<p>${esc(say('forExample'))}</p><ul>${examples}</ul>`}`;
  }

  function wireActions() {
    const box = document.getElementById('model-actions');
    if (box === null) return;
    const fitId = box.dataset.fitId;
    const preview = document.getElementById('model-preview');
    const body = document.getElementById('model-preview-body');
    const status = document.getElementById('model-status');
    let pending = null;
    for (const button of box.querySelectorAll('button[data-action]')) {
      button.addEventListener('click', async () => {
        const action = button.dataset.action;
        status.textContent = say('previewing');
        try {
          const p = await post('/preview', action === 'adopt' ? { action, fitId } : { action });
          body.innerHTML = renderPreview(p);
          preview.hidden = false;
          pending = action;
          status.textContent = '';
        } catch (err) {
          status.textContent = say('previewFailed', { error: err.message });
        }
      });
    }
    document.getElementById('model-confirm').addEventListener('click', async () => {
      if (pending === null) return;
      try {
        const out = await post(`/${pending}`, pending === 'adopt' ? { fitId } : {});
        status.textContent = say('saved', { version: out.version });
        window.setTimeout(() => window.location.reload(), 800);
      } catch (err) {
        status.textContent = say('notSaved', { error: err.message });
      }
    });
  }

  function start() {
    for (const el of document.querySelectorAll('[data-xy-chart]')) {
      try {
        drawXY(el);
      } catch (err) {
        el.textContent = say('chartFailed', { error: err.message });
      }
    }
    wireActions();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
