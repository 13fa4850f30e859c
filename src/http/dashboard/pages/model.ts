import type { FittedChurnModel } from '../../../domain/config/schema.ts';
import { type Translator, translator } from '../../../i18n/index.ts';
import { coefficientsInWords } from '../../../learning/words.ts';
import type { ModelFitRow } from '../../../store/repos/models.ts';
import { MISSING, percent, when } from '../format.ts';
import { html, jsonScript, type SafeHtml } from '../html.ts';
import { type PortalSwitch, page } from '../layout.ts';
import { uiText } from '../ui-text.ts';

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
  /** The reader's language and the portal's time zone (English, UTC when absent). */
  tr?: Translator | undefined;
}

function captureFigure(fit: ModelFitRow, tr: Translator): SafeHtml {
  const c = fit.backtest.capture;
  if (c === null) return html`<p class="muted">${tr.t('model.no_capture')}</p>`;
  const data = {
    x: c.rules.share.map((s) => s * 100),
    xLabel: tr.t('model.capture_x'),
    yLabel: tr.t('model.capture_y'),
    series: [
      { label: tr.t('model.rules'), values: c.rules.captured.map((v) => v * 100) },
      { label: tr.t('model.fitted'), values: c.fitted.captured.map((v) => v * 100) },
      { label: tr.t('model.random'), values: c.rules.share.map((s) => s * 100), dash: true },
    ],
  };
  return html`<figure class="chart-figure" id="capture-figure">
<figcaption><h3>${tr.t('model.capture_title')}</h3></figcaption>
<div class="chart" data-xy-chart="capture-data" role="img" aria-label="${tr.t('model.capture_aria')}"></div>
${jsonScript('capture-data', data)}
<table id="capture"><thead><tr><th scope="col">${tr.t('model.col.riskiest')}</th><th scope="col" class="num">${tr.t('model.rules')}</th><th scope="col" class="num">${tr.t('model.fitted')}</th></tr></thead>
<tbody>${c.rules.share.map(
    (s, i) =>
      html`<tr><th scope="row">${percent(s)}</th><td class="num">${percent(c.rules.captured[i])}</td><td class="num">${percent(c.fitted.captured[i])}</td></tr>`,
  )}</tbody></table>
</figure>`;
}

function calibrationFigure(fit: ModelFitRow, tr: Translator): SafeHtml {
  const bins = fit.backtest.calibration;
  if (bins.length === 0) return html`<p class="muted">${tr.t('model.no_calibration')}</p>`;
  const data = {
    x: bins.map((_, i) => i + 1),
    xLabel: tr.t('model.calibration_x'),
    yLabel: tr.t('model.calibration_y'),
    series: [
      { label: tr.t('model.predicted'), values: bins.map((b) => b.predicted * 100) },
      { label: tr.t('model.observed'), values: bins.map((b) => b.observed * 100) },
    ],
  };
  return html`<figure class="chart-figure" id="calibration-figure">
<figcaption><h3>${tr.t('model.calibration_title')}</h3></figcaption>
<div class="chart" data-xy-chart="calibration-data" role="img" aria-label="${tr.t('model.calibration_aria')}"></div>
${jsonScript('calibration-data', data)}
<table id="calibration"><thead><tr><th scope="col">${tr.t('model.col.decile')}</th><th scope="col" class="num">${tr.t('model.col.customers')}</th><th scope="col" class="num">${tr.t('model.predicted')}</th><th scope="col" class="num">${tr.t('model.observed')}</th></tr></thead>
<tbody>${bins.map(
    (b, i) =>
      html`<tr><th scope="row">${i + 1}</th><td class="num">${tr.number(b.count)}</td><td class="num">${percent(b.predicted)}</td><td class="num">${percent(b.observed)}</td></tr>`,
  )}</tbody></table>
</figure>`;
}

function words(model: FittedChurnModel | null, tr: Translator): SafeHtml {
  if (model === null) return html``;
  const lines = coefficientsInWords(model, 8, tr);
  return html`<h2>${tr.t('model.learned_heading')}</h2>
<p>${tr.t('model.learned_lead')}</p>
<ul id="coefficients">${lines.map((l) => html`<li data-feature="${l.feature}">${tr.t('model.learned_line', { sentence: l.sentence })}</li>`)}</ul>`;
}

function actions(input: ModelPageInput, tr: Translator): SafeHtml {
  const fit = input.latest;
  const canAdopt = fit?.proposed === true && input.adopted?.id !== fit.id;
  const canRevert = input.inUse.kind === 'fitted';
  if (!canAdopt && !canRevert) return html``;
  return html`<h2>${tr.t('model.actions_heading')}</h2>
<div id="model-actions" data-fit-id="${fit?.id ?? ''}">
${canAdopt ? html`<button type="button" id="preview-adopt" data-action="adopt">${tr.t('model.preview_adopt')}</button>` : ''}
${canRevert ? html`<button type="button" id="preview-revert" data-action="revert">${tr.t('model.preview_revert')}</button>` : ''}
<section id="model-preview" hidden aria-live="polite"><div id="model-preview-body"></div>
<button type="button" id="model-confirm">${tr.t('model.confirm')}</button></section>
<p id="model-status" role="status"></p>
</div>`;
}

const auc = (x: number | null | undefined) => (x === null || x === undefined ? MISSING : x.toFixed(3));

/**
 * The fit's verdict: English readers get the stored sentence (it names the exact rule
 * that decided); other languages a sentence from the same numbers.
 */
function verdict(fit: ModelFitRow, tr: Translator): string {
  const detail =
    tr.locale === 'en'
      ? fit.reason
      : tr.t('model.verdict_detail', {
          heldOut: fit.backtest.heldOut.examples,
          fitted: auc(fit.fittedAuc),
          rules: auc(fit.rulesAuc),
        });
  return tr.t('model.verdict', { proposed: fit.proposed ? 'yes' : 'no', detail });
}

export function modelPage(input: ModelPageInput): string {
  const tr = input.tr ?? translator('en');
  const fit = input.latest;
  const using =
    input.inUse.kind === 'rules'
      ? tr.t('model.in_use_rules', { version: input.configVersion })
      : tr.t('model.in_use_fitted', {
          when: when(input.inUse.fittedAt, tr),
          samples: input.inUse.samples,
          version: input.configVersion,
        });
  const body =
    fit === null
      ? html`<h1>${tr.t('model.title')}</h1>
<p id="model-in-use">${using}</p>
<p class="notice" id="no-fit">${tr.t('model.no_fit')}</p>`
      : html`<h1>${tr.t('model.title')}</h1>
<p id="model-in-use">${using}</p>
<h2>${tr.t('model.latest_fit')}</h2>
<dl class="kv" id="fit-facts">
<dt>${tr.t('model.fitted_at')}</dt><dd id="fit-at">${tr.t('model.fitted_at_value', { when: when(fit.createdAt, tr), trigger: fit.trigger })}</dd>
<dt>${tr.t('model.learned_from')}</dt><dd id="fit-examples">${tr.t('model.learned_from_value', {
          examples: fit.examples,
          churned: fit.churned,
          days: fit.horizonDays,
        })}</dd>
<dt>${tr.t('model.held_out')}</dt><dd id="fit-held-out">${tr.t('model.held_out_value', {
          examples: fit.backtest.heldOut.examples,
          churned: fit.backtest.heldOut.churned,
        })}</dd>
<dt>${tr.t('model.rules_auc')}</dt><dd id="rules-auc">${auc(fit.rulesAuc)}</dd>
<dt>${tr.t('model.fitted_auc')}</dt><dd id="fitted-auc">${auc(fit.fittedAuc)}</dd>
<dt>${tr.t('model.cv_auc')}</dt><dd id="cv-auc">${auc(fit.backtest.fittedCvAuc)}</dd>
<dt>${tr.t('model.verdict_label')}</dt><dd id="fit-verdict">${verdict(fit, tr)}</dd>
</dl>
${captureFigure(fit, tr)}
${calibrationFigure(fit, tr)}
${words(fit.model ?? (input.inUse.kind === 'fitted' ? input.inUse : null), tr)}
${actions(input, tr)}
${uiText(tr, {
  previewing: tr.t('model.js.previewing'),
  previewFailed: tr.t('model.js.preview_failed', { error: '{error}' }),
  saved: tr.t('model.js.saved', { version: '{version}' }),
  notSaved: tr.t('model.js.not_saved', { error: '{error}' }),
  chartFailed: tr.t('model.js.chart_failed', { error: '{error}' }),
  previewIntro: tr.t('model.js.preview_intro', { companies: '{companies}' }),
  previewChanged: tr.t('model.js.preview_changed', { changed: '{changed}' }),
  forExample: tr.t('model.js.for_example'),
  level_low: tr.t('label.risk.low'),
  level_medium: tr.t('label.risk.medium'),
  level_high: tr.t('label.risk.high'),
  level_critical: tr.t('label.risk.critical'),
})}`;
  return page({
    title: tr.t('nav.model'),
    active: 'model',
    body,
    charts: fit !== null,
    scripts: fit === null ? [] : ['model.js'],
    installId: input.installId,
    portals: input.portals,
    tr,
  });
}
