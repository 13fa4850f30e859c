import type { MissingSignal } from '../../../connectors/salesforce/missing-signals.ts';
import type { ReasonCode } from '../../../domain/churn/codes.ts';
import type { ScoringConfig } from '../../../domain/config/schema.ts';
import { type Translator, translator } from '../../../i18n/index.ts';
import {
  componentLabel,
  reasonLabel,
  riskLabel,
  ruleLabel,
  statusLabel,
  tierLabel,
} from '../../../i18n/labels.ts';
import { count, when } from '../format.ts';
import { html, jsonScript, type SafeHtml } from '../html.ts';
import { type PortalSwitch, page, withInstall } from '../layout.ts';
import type { PortalLocaleView } from '../routes/portal-locale-api.ts';
import { FIELD_GROUPS, type Field, valueAt } from '../settings-fields.ts';
import { FIELD_HELP_KEYS, FIELD_LABEL_KEYS, GROUP_KEYS } from '../settings-words.ts';
import { uiText } from '../ui-text.ts';

export interface ConfigHistoryRow {
  version: number;
  note: string;
  createdAt: number;
  /** Score changes this version caused (history rows with cause 'config'). */
  changes: number;
}

export interface SettingsPageInput {
  version: number;
  config: ScoringConfig;
  history: readonly ConfigHistoryRow[];
  /** Set right after a save (?saved=N): says the version was stored and rescoring runs. */
  saved?: number | null;
  installId?: string | undefined;
  /** The connected portals, for the header's switcher when there are several. */
  portals?: PortalSwitch | undefined;
  /** A fitted churn model that beat the rules and is not in use yet: pointed to the Model page. */
  proposal?: { fittedAt: number; rulesAuc: number | null; fittedAuc: number | null } | null;
  /** A Salesforce org's mapped signals its last sync could not read (missing-signals.ts); none elsewhere. */
  missingSignals?: readonly MissingSignal[] | undefined;
  /** The portal's language and currency lines, with the reader's translator. */
  portal?: { view: PortalLocaleView; tr: Translator } | undefined;
  /** The reader's language and the portal's time zone (English, UTC when absent). */
  tr?: Translator | undefined;
}

const LANGUAGE_NAMES = { en: 'English', ja: '日本語' } as const;

const SOBJECT = { company: 'Account', deal: 'Opportunity', ticket: 'Case' } as const;

/**
 * The mapped signals the org cannot supply (fields it lacks or field-level security hides), each
 * with its field, and what the admin can do: scores go on without them, at lower confidence.
 */
function missingSection(missing: readonly MissingSignal[], tr: Translator): SafeHtml | '' {
  if (missing.length === 0) return '';
  return html`<section id="missing-signals" class="notice" aria-labelledby="missing-signals-heading">
<h2 id="missing-signals-heading">${tr.t('settings.missing.heading')}</h2>
<p>${tr.t('settings.missing.intro')}</p>
<ul>${missing.map((m) => {
    const key = FIELD_LABEL_KEYS[`mapping.${m.type}.${m.signal}`];
    return html`<li data-signal="${m.type}.${m.signal}" data-field="${m.field}">${tr.t(
      'settings.missing.item',
      {
        signal: key === undefined ? m.signal : tr.t(key),
        field: m.field,
        object: SOBJECT[m.type],
      },
    )}</li>`;
  })}</ul>
<p>${tr.t('settings.missing.fix')}</p></section>`;
}

/** The portal's language picker and, until confirmed, its currency's tier lines to confirm. */
function portalSection({ view, tr }: { view: PortalLocaleView; tr: Translator }): SafeHtml {
  const { currency } = view;
  const lines = view.suggested;
  const numberInput = (id: string, name: string, value: number, step: string) =>
    html`<input type="number" id="${id}" name="${name}" min="0" step="${step}" value="${String(value)}" required>`;
  return html`<section id="portal-locale" aria-labelledby="portal-locale-heading">
<h2 id="portal-locale-heading">${tr.t('settings.portal.heading')}</h2>
<form id="portal-locale-form" novalidate>
<div class="field"><label for="portal-language">${tr.t('settings.portal.language')}</label>
<select id="portal-language" name="language" aria-describedby="portal-language-help">${(
    ['en', 'ja'] as const
  ).map(
    (l) =>
      html`<option value="${l}"${l === view.language ? html` selected` : ''}>${LANGUAGE_NAMES[l]}</option>`,
  )}</select>
<p class="help" id="portal-language-help">${tr.t('settings.portal.language_help')}</p></div>
<div class="actions"><button type="submit" data-action="language">${tr.t('settings.portal.save_language')}</button></div>
${
  lines === null
    ? html`<p id="portal-confirmed">${tr.t('settings.portal.confirmed', {
        date: view.confirmedAt === null ? '–' : tr.date(Date.parse(view.confirmedAt)),
        high: tr.money(view.tiers.highMinLtv),
        tech: tr.money(view.tiers.techMaxLtv),
        margin: view.tiers.grossMargin,
      })}</p>`
    : html`<fieldset id="portal-confirm"><legend>${currency}</legend>
<p>${tr.t('settings.portal.confirm_intro', { currency })}</p>
<div class="fields">
<div class="field"><label for="confirm-high">${tr.t('settings.portal.high_min', { currency })}</label>${numberInput('confirm-high', 'highMinLtv', lines.highMinLtv, '1')}</div>
<div class="field"><label for="confirm-tech">${tr.t('settings.portal.tech_max', { currency })}</label>${numberInput('confirm-tech', 'techMaxLtv', lines.techMaxLtv, '1')}</div>
<div class="field"><label for="confirm-margin">${tr.t('settings.portal.gross_margin')}</label>${numberInput('confirm-margin', 'grossMargin', lines.grossMargin, '0.01')}</div>
</div>
<div class="actions"><button type="submit" data-action="confirm">${tr.t('settings.portal.confirm')}</button></div></fieldset>`
}
<span id="portal-locale-status" role="status" aria-live="polite"></span>
</form></section>`;
}

export const fieldId = (path: string) => `f-${path.replace(/\./g, '-')}`;

/** A field's label in the reader's language: weights by component or reason, the rest by path. */
function fieldLabel(f: Field, tr: Translator): string {
  if (f.path.startsWith('health.weights.')) return componentLabel(f.path.slice('health.weights.'.length), tr);
  if (f.path.startsWith('churn.weights.'))
    return reasonLabel(f.path.slice('churn.weights.'.length) as ReasonCode, tr);
  const key = FIELD_LABEL_KEYS[f.path];
  return key === undefined ? f.label : tr.t(key);
}

function fieldHelp(f: Field, tr: Translator): string | undefined {
  if (f.help === undefined) return undefined;
  const key = FIELD_HELP_KEYS[f.help];
  return key === undefined ? f.help : tr.t(key);
}

/** A select's option as a reader reads it: tiers and tier modes by name, others as they are. */
function optionLabel(f: Field, value: string, tr: Translator): string {
  if (f.path === 'tiers.mode') return ruleLabel(value, tr);
  if (f.path === 'tiers.newCustomerCap.maxTier') return tierLabel(value, tr);
  return value;
}

function input(f: Field, value: unknown, tr: Translator): SafeHtml {
  const id = fieldId(f.path);
  const described = [`${id}-error`, f.help === undefined ? '' : `${id}-help`]
    .filter((x) => x !== '')
    .join(' ');
  const common = html`id="${id}" name="${f.path}" data-path="${f.path}" data-kind="${f.kind}"${
    f.nullable === true ? html` data-nullable="true"` : ''
  } aria-describedby="${described}"`;
  switch (f.kind) {
    case 'checkbox':
      return html`<input type="checkbox" ${common}${value === true ? html` checked` : ''}>`;
    case 'select':
      return html`<select ${common}>${(f.options ?? []).map(
        (o) =>
          html`<option value="${o}"${o === value ? html` selected` : ''}>${optionLabel(f, o, tr)}</option>`,
      )}</select>`;
    case 'list':
      return html`<input type="text" ${common} value="${Array.isArray(value) ? value.join(', ') : ''}">`;
    case 'number':
      return html`<input type="number" step="${f.step ?? 'any'}" ${common} value="${typeof value === 'number' ? String(value) : ''}">`;
    default:
      return html`<input type="text" ${common} value="${typeof value === 'string' ? value : ''}">`;
  }
}

function field(f: Field, config: ScoringConfig, tr: Translator): SafeHtml {
  const id = fieldId(f.path);
  const control = input(f, valueAt(config, f.path), tr);
  const helpText = fieldHelp(f, tr);
  const help = helpText === undefined ? '' : html` <span class="help" id="${id}-help">(${helpText})</span>`;
  const label = fieldLabel(f, tr);
  return html`<div class="field" data-field="${f.path}">${
    f.kind === 'checkbox'
      ? html`<label for="${id}">${control} ${label}${help}</label>`
      : html`<label for="${id}">${label}${help}</label>${control}`
  }<p class="error" id="${id}-error" hidden></p></div>`;
}

/** The words settings.js writes: preview, status lines, and the codes it shows by name. */
function settingsScriptText(tr: Translator): SafeHtml {
  const texts: Record<string, string> = {
    issuesOne: tr.t('settings.js.issues', { count: 1 }),
    // A plural needs a number: a marker count, swapped for the placeholder the script fills.
    issuesMany: tr.t('settings.js.issues', { count: 7_777_777 }).replace(/7,?777,?777/, '{count}'),
    transition: tr.t('settings.js.transition', { from: '{from}', to: '{to}' }),
    companyFallback: tr.t('label.company_fallback', { id: '{id}' }),
    noChange: tr.t('settings.js.no_change'),
    examples: tr.t('settings.js.examples'),
    colCompany: tr.t('col.company'),
    colNow: tr.t('settings.js.col_now'),
    colEdited: tr.t('settings.js.col_edited'),
    previewIntro: tr.t('settings.js.preview_intro', { asOf: '{asOf}', companies: '{companies}', ms: '{ms}' }),
    averageHealth: tr.t('portfolio.average_health'),
    averageRisk: tr.t('portfolio.average_risk'),
    statusChanges: tr.t('settings.js.status_changes'),
    levelChanges: tr.t('settings.js.level_changes'),
    tierChanges: tr.t('settings.js.tier_changes'),
    previewing: tr.t('model.js.previewing'),
    fixBelow: tr.t('settings.js.fix_below'),
    previewReady: tr.t('settings.js.preview_ready'),
    previewFailed: tr.t('model.js.preview_failed', { error: '{error}' }),
    saving: tr.t('settings.js.saving'),
    notSaved: tr.t('settings.js.not_saved'),
    saved: tr.t('settings.js.saved', { version: '{version}' }),
    saveFailed: tr.t('settings.js.save_failed', { error: '{error}' }),
    status_unscored: tr.t('label.unscored'),
    level_unscored: tr.t('label.unscored'),
    tier_unscored: tr.t('label.unscored'),
  };
  for (const s of ['healthy', 'neutral', 'at_risk']) texts[`status_${s}`] = statusLabel(s, tr);
  for (const l of ['low', 'medium', 'high', 'critical']) texts[`level_${l}`] = riskLabel(l, tr);
  for (const t of ['high', 'low', 'tech']) texts[`tier_${t}`] = tierLabel(t, tr);
  return uiText(tr, texts);
}

const MARK = '\u0000';

/** A whole translated sentence with one marked place filled by markup (a sentence is never pieced together). */
function withinSentence(sentence: string, inner: SafeHtml): SafeHtml {
  const [before = '', after = ''] = sentence.split(MARK);
  return html`${before}${inner}${after}`;
}

export function settingsPage(input: SettingsPageInput): string {
  const tr = input.tr ?? input.portal?.tr ?? translator('en');
  const body = html`<h1>${tr.t('nav.settings')}</h1>
${
  input.saved === null || input.saved === undefined
    ? ''
    : html`<p class="ok-notice" role="status" id="saved-notice">${tr.t('settings.saved_notice', { version: input.saved })}</p>`
}
${
  input.proposal === null || input.proposal === undefined
    ? ''
    : html`<p class="notice" id="model-proposal">${tr.t('settings.proposal', {
        when: when(input.proposal.fittedAt, tr),
        fitted: input.proposal.fittedAuc?.toFixed(3) ?? '–',
        rules: input.proposal.rulesAuc?.toFixed(3) ?? '–',
      })}
<a href="${withInstall('/model', input.installId)}">${tr.t('settings.proposal_link')}</a></p>`
}
${missingSection(input.missingSignals ?? [], tr)}
<p>${withinSentence(
    tr.t('settings.intro', { version: MARK, defaults: input.version === 0 ? 'yes' : 'no' }),
    html`<strong id="config-version">${tr.t('settings.version', { version: input.version })}</strong>`,
  )}</p>
<div id="errors-summary" class="errors-summary" role="alert" tabindex="-1" hidden></div>
<form id="settings-form" novalidate aria-describedby="errors-summary">
${FIELD_GROUPS.map((g) => {
  const keys = GROUP_KEYS[g.id];
  const legend = keys === undefined ? g.legend : tr.t(keys.legend);
  const help = keys?.help === undefined ? g.help : tr.t(keys.help);
  return html`<fieldset id="group-${g.id}"><legend>${legend}</legend>${
    help === undefined ? '' : html`<p class="muted">${help}</p>`
  }<div class="fields">${g.fields.map((f) => field(f, input.config, tr))}</div></fieldset>`;
})}
<div class="field"><label for="config-note">${tr.t('settings.note')}</label>
<input type="text" id="config-note" name="note" maxlength="200" size="60" placeholder="${tr.t('settings.note_placeholder')}"></div>
<div class="actions">
<button type="button" id="preview-button">${tr.t('settings.preview_button')}</button>
<button type="button" id="save-button">${tr.t('settings.save_button')}</button>
<span id="status" role="status" aria-live="polite"></span>
</div>
</form>
<section id="preview" class="preview" aria-live="polite" aria-labelledby="preview-heading" hidden>
<h2 id="preview-heading">${tr.t('settings.preview_heading')}</h2><div id="preview-body"></div></section>
${input.portal === undefined ? '' : portalSection(input.portal)}
<h2>${tr.t('settings.history_heading')}</h2>
<table id="config-history"><thead><tr><th scope="col" class="num">${tr.t('settings.col.version')}</th><th scope="col">${tr.t('settings.col.saved')}</th><th scope="col">${tr.t('settings.col.note')}</th>
<th scope="col" class="num">${tr.t('settings.col.changes')}</th></tr></thead>
<tbody>${
    input.history.length === 0
      ? html`<tr><td colspan="4">${tr.t('settings.no_history')}</td></tr>`
      : input.history.map(
          (h) => html`<tr data-version="${h.version}"><td class="num">${h.version}${
            h.version === input.version
              ? html` <span class="badge config">${tr.t('settings.current')}</span>`
              : ''
          }</td><td>${when(h.createdAt, tr)}</td><td>${h.note === '' ? html`<span class="muted">–</span>` : h.note}</td>
<td class="num">${count(h.changes)}</td></tr>`,
        )
  }</tbody></table>
${jsonScript('config-data', { version: input.version, config: input.config, installId: input.installId ?? null })}
${settingsScriptText(tr)}`;
  return page({
    title: tr.t('nav.settings'),
    active: 'settings',
    body,
    scripts: ['settings.js', 'portal-locale.js'],
    installId: input.installId,
    portals: input.portals,
    tr,
  });
}
