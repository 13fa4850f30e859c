import type { FittedChurnModel } from '../../../domain/config/schema.ts';
import { coefficientsInWords } from '../../../learning/words.ts';
import type { ModelFitRow } from '../../../store/repos/models.ts';
import { count, isoMinute, MISSING, percent } from '../format.ts';
import { html, jsonScript, type SafeHtml } from '../html.ts';
import { type PortalSwitch, page } from '../layout.ts';

/**
 * The Model page: how well the rules and the portal-fitted model rank the customers who
 * actually churned, on the same held-out (newest) customers — AUC, a capture chart and a
 * calibration plot (uPlot, drawn by model.js from JSON blocks: the CSP allows no inline
 * script) with their numbers in tables — the coefficients in words, and adopt / revert
 * with a preview of which customers change risk level.
 */
export interface ModelPageInput {
  /** The model scoring now: the settings' churn model. */
  inUse: { kind: 'rules' } | FittedChurnModel;
  configVersion: number;
  latest: ModelFitRow | null;
  adopted: ModelFitRow | null;
  installId?: string | undefined;
  portals?: PortalSwitch | undefined;
}

const auc = (x: number | null | undefined) => (x === null || x === undefined ? MISSING : x.toFixed(3));

function captureFigure(fit: ModelFitRow): SafeHtml {
  const c = fit.backtest.capture;
  if (c === null) return html`<p class="muted">No capture chart: too few churned customers to test on.</p>`;
  const data = {
    x: c.rules.share.map((s) => s * 100),
    xLabel: 'riskiest share of customers (%)',
    yLabel: 'share of churners found (%)',
    series: [
      { label: 'Rules', values: c.rules.captured.map((v) => v * 100) },
      { label: 'Fitted model', values: c.fitted.captured.map((v) => v * 100) },
      { label: 'Random', values: c.rules.share.map((s) => s * 100), dash: true },
    ],
  };
  return html`<figure class="chart-figure" id="capture-figure">
<figcaption><h3>Churners found among the riskiest customers</h3></figcaption>
<div class="chart" data-xy-chart="capture-data" role="img" aria-label="Capture chart; the numbers are in the table below"></div>
${jsonScript('capture-data', data)}
<table id="capture"><thead><tr><th scope="col">Riskiest</th><th scope="col" class="num">Rules</th><th scope="col" class="num">Fitted model</th></tr></thead>
<tbody>${c.rules.share.map(
    (s, i) =>
      html`<tr><th scope="row">${percent(s)}</th><td class="num">${percent(c.rules.captured[i])}</td><td class="num">${percent(c.fitted.captured[i])}</td></tr>`,
  )}</tbody></table>
</figure>`;
}

function calibrationFigure(fit: ModelFitRow): SafeHtml {
  const bins = fit.backtest.calibration;
  if (bins.length === 0) return html`<p class="muted">No calibration plot: no model was fitted.</p>`;
  const data = {
    x: bins.map((_, i) => i + 1),
    xLabel: 'decile of predicted risk',
    yLabel: 'churn (%)',
    series: [
      { label: 'Predicted', values: bins.map((b) => b.predicted * 100) },
      { label: 'Observed', values: bins.map((b) => b.observed * 100) },
    ],
  };
  return html`<figure class="chart-figure" id="calibration-figure">
<figcaption><h3>Predicted vs observed churn, by decile</h3></figcaption>
<div class="chart" data-xy-chart="calibration-data" role="img" aria-label="Calibration plot; the numbers are in the table below"></div>
${jsonScript('calibration-data', data)}
<table id="calibration"><thead><tr><th scope="col">Decile</th><th scope="col" class="num">Customers</th><th scope="col" class="num">Predicted</th><th scope="col" class="num">Observed</th></tr></thead>
<tbody>${bins.map(
    (b, i) =>
      html`<tr><th scope="row">${i + 1}</th><td class="num">${count(b.count)}</td><td class="num">${percent(b.predicted)}</td><td class="num">${percent(b.observed)}</td></tr>`,
  )}</tbody></table>
</figure>`;
}

function words(model: FittedChurnModel | null): SafeHtml {
  if (model === null) return html``;
  const lines = coefficientsInWords(model);
  return html`<h2>What the model learned</h2>
<p>For the portal's average customer:</p>
<ul id="coefficients">${lines.map((l) => html`<li data-feature="${l.feature}">${l.sentence}.</li>`)}</ul>`;
}

function actions(input: ModelPageInput): SafeHtml {
  const fit = input.latest;
  const canAdopt = fit?.proposed === true && input.adopted?.id !== fit.id;
  const canRevert = input.inUse.kind === 'fitted';
  if (!canAdopt && !canRevert) return html``;
  return html`<h2>Adopt or revert</h2>
<div id="model-actions" data-fit-id="${fit?.id ?? ''}">
${canAdopt ? html`<button type="button" id="preview-adopt" data-action="adopt">Preview adopting this model</button>` : ''}
${canRevert ? html`<button type="button" id="preview-revert" data-action="revert">Preview going back to the rules</button>` : ''}
<section id="model-preview" hidden aria-live="polite"><div id="model-preview-body"></div>
<button type="button" id="model-confirm">Confirm</button></section>
<p id="model-status" role="status"></p>
</div>`;
}

export function modelPage(input: ModelPageInput): string {
  const fit = input.latest;
  const using =
    input.inUse.kind === 'rules'
      ? html`the rules (settings v${input.configVersion})`
      : html`a model fitted ${isoMinute(input.inUse.fittedAt)} on ${count(input.inUse.samples)} customers (settings v${input.configVersion})`;
  const body =
    fit === null
      ? html`<h1>Churn model</h1>
<p id="model-in-use">Churn risk is scored with ${using}.</p>
<p class="notice" id="no-fit">No model has been fitted yet. Vigil fits one after the first full sync and then every week (or run <code>vigil model fit</code>).</p>`
      : html`<h1>Churn model</h1>
<p id="model-in-use">Churn risk is scored with ${using}.</p>
<h2>Latest fit</h2>
<dl class="kv" id="fit-facts">
<dt>Fitted</dt><dd id="fit-at">${isoMinute(fit.createdAt)} (${fit.trigger.replace('_', ' ')})</dd>
<dt>Learned from</dt><dd id="fit-examples">${count(fit.examples)} customers, ${count(fit.churned)} of them churned within ${count(fit.horizonDays)} days</dd>
<dt>Held out (newest, not used to fit)</dt><dd id="fit-held-out">${count(fit.backtest.heldOut.examples)} customers, ${count(fit.backtest.heldOut.churned)} churned</dd>
<dt>AUC of the rules on them</dt><dd id="rules-auc">${auc(fit.rulesAuc)}</dd>
<dt>AUC of the fitted model on them</dt><dd id="fitted-auc">${auc(fit.fittedAuc)}</dd>
<dt>Cross-validated AUC (5-fold, every customer)</dt><dd id="cv-auc">${auc(fit.backtest.fittedCvAuc)}</dd>
<dt>Verdict</dt><dd id="fit-verdict">${fit.proposed ? 'Proposed' : 'Not proposed'}: ${fit.reason}</dd>
</dl>
${captureFigure(fit)}
${calibrationFigure(fit)}
${words(fit.model ?? (input.inUse.kind === 'fitted' ? input.inUse : null))}
${actions(input)}`;
  return page({
    title: 'Model',
    active: 'model',
    body,
    charts: fit !== null,
    scripts: fit === null ? [] : ['model.js'],
    installId: input.installId,
    portals: input.portals,
  });
}
