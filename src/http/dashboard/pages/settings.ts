import type { ScoringConfig } from '../../../domain/config/schema.ts';
import type { Translator } from '../../../i18n/index.ts';
import { count, isoMinute } from '../format.ts';
import { html, jsonScript, type SafeHtml } from '../html.ts';
import { type PortalSwitch, page, withInstall } from '../layout.ts';
import type { PortalLocaleView } from '../routes/portal-locale-api.ts';
import { FIELD_GROUPS, type Field, valueAt } from '../settings-fields.ts';

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
  /** The portal's language and currency lines, with the reader's translator. */
  portal?: { view: PortalLocaleView; tr: Translator } | undefined;
}

const LANGUAGE_NAMES = { en: 'English', ja: '日本語' } as const;

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

function input(f: Field, value: unknown): SafeHtml {
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
        (o) => html`<option value="${o}"${o === value ? html` selected` : ''}>${o}</option>`,
      )}</select>`;
    case 'list':
      return html`<input type="text" ${common} value="${Array.isArray(value) ? value.join(', ') : ''}">`;
    case 'number':
      return html`<input type="number" step="${f.step ?? 'any'}" ${common} value="${typeof value === 'number' ? String(value) : ''}">`;
    default:
      return html`<input type="text" ${common} value="${typeof value === 'string' ? value : ''}">`;
  }
}

function field(f: Field, config: ScoringConfig): SafeHtml {
  const id = fieldId(f.path);
  const control = input(f, valueAt(config, f.path));
  const help = f.help === undefined ? '' : html` <span class="help" id="${id}-help">(${f.help})</span>`;
  return html`<div class="field" data-field="${f.path}">${
    f.kind === 'checkbox'
      ? html`<label for="${id}">${control} ${f.label}${help}</label>`
      : html`<label for="${id}">${f.label}${help}</label>${control}`
  }<p class="error" id="${id}-error" hidden></p></div>`;
}

export function settingsPage(input: SettingsPageInput): string {
  const body = html`<h1>Settings</h1>
${
  input.saved === null || input.saved === undefined
    ? ''
    : html`<p class="ok-notice" role="status" id="saved-notice">Saved as version ${input.saved}. Every company is being rescored with it;
score changes it causes are marked “config” in each company's history.</p>`
}
${
  input.proposal === null || input.proposal === undefined
    ? ''
    : html`<p class="notice" id="model-proposal">A churn model fitted ${isoMinute(input.proposal.fittedAt)} ranks this portal's churners better than the rules
(AUC ${input.proposal.fittedAuc?.toFixed(3) ?? '–'} vs ${input.proposal.rulesAuc?.toFixed(3) ?? '–'} on held-out customers):
<a href="${withInstall('/model', input.installId)}">review, preview and adopt it on the Model page</a>.</p>`
}
<p>Scoring config <strong id="config-version">version ${input.version}</strong>${
    input.version === 0 ? ' (the defaults, never saved)' : ''
  }. Change a setting, <strong>preview</strong> what it would do to every company, then save: saving creates a new
version and rescores the book.</p>
<div id="errors-summary" class="errors-summary" role="alert" tabindex="-1" hidden></div>
<form id="settings-form" novalidate aria-describedby="errors-summary">
${FIELD_GROUPS.map(
  (g) =>
    html`<fieldset id="group-${g.id}"><legend>${g.legend}</legend>${
      g.help === undefined ? '' : html`<p class="muted">${g.help}</p>`
    }<div class="fields">${g.fields.map((f) => field(f, input.config))}</div></fieldset>`,
)}
<div class="field"><label for="config-note">Note for this version</label>
<input type="text" id="config-note" name="note" maxlength="200" size="60" placeholder="e.g. support counts more"></div>
<div class="actions">
<button type="button" id="preview-button">Preview changes</button>
<button type="button" id="save-button">Save and rescore</button>
<span id="status" role="status" aria-live="polite"></span>
</div>
</form>
<section id="preview" class="preview" aria-live="polite" aria-labelledby="preview-heading" hidden>
<h2 id="preview-heading">Preview</h2><div id="preview-body"></div></section>
${input.portal === undefined ? '' : portalSection(input.portal)}
<h2>Config history</h2>
<table id="config-history"><thead><tr><th scope="col" class="num">Version</th><th scope="col">Saved</th><th scope="col">Note</th>
<th scope="col" class="num">Score changes it caused</th></tr></thead>
<tbody>${
    input.history.length === 0
      ? html`<tr><td colspan="4">No saved version yet: the defaults are in use.</td></tr>`
      : input.history.map(
          (h) => html`<tr data-version="${h.version}"><td class="num">${h.version}${
            h.version === input.version ? html` <span class="badge config">current</span>` : ''
          }</td><td>${isoMinute(h.createdAt)}</td><td>${h.note === '' ? html`<span class="muted">–</span>` : h.note}</td>
<td class="num">${count(h.changes)}</td></tr>`,
        )
  }</tbody></table>
${jsonScript('config-data', { version: input.version, config: input.config, installId: input.installId ?? null })}`;
  return page({
    title: 'Settings',
    active: 'settings',
    body,
    scripts: ['settings.js', 'portal-locale.js'],
    installId: input.installId,
    portals: input.portals,
    tr: input.portal?.tr,
  });
}
