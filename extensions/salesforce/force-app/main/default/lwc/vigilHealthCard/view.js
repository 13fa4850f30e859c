// The card's view model: the getRecord answer → what the template shows. Pure, so each state is
// easy to reason about and the template holds no logic. Words come from custom labels (labels.js,
// in the user's language); numbers and lists are formatted for the user's locale with Intl.

import LABELS from './labels';

const FIELD_LABELS = {
  Vigil_Health_Score__c: LABELS.Vigil_Card_Field_Health_Score,
  Vigil_Health_Status__c: LABELS.Vigil_Card_Field_Health_Status,
  Vigil_Health_Change_30d__c: LABELS.Vigil_Card_Field_Health_Change,
  Vigil_Score_Confidence__c: LABELS.Vigil_Card_Field_Confidence,
  Vigil_Touch_Tier__c: LABELS.Vigil_Card_Touch_Tier,
  Vigil_Expected_LTV__c: LABELS.Vigil_Card_Expected_LTV,
  Vigil_Churn_Risk__c: LABELS.Vigil_Card_Churn_Risk,
  Vigil_Churn_Risk_Level__c: LABELS.Vigil_Card_Field_Risk_Level,
  Vigil_Churn_Reasons__c: LABELS.Vigil_Card_Field_Reasons,
  Vigil_Churn_Summary__c: LABELS.Vigil_Card_Field_Summary,
  Vigil_Scored_At__c: LABELS.Vigil_Card_Field_Scored_At,
};

const STATUS = {
  healthy: {
    label: LABELS.Vigil_Card_Status_Healthy,
    badge: 'slds-theme_success',
    ring: 'base-autocomplete',
  },
  neutral: { label: LABELS.Vigil_Card_Status_Neutral, badge: 'slds-theme_warning', ring: 'warning' },
  at_risk: { label: LABELS.Vigil_Card_Status_At_Risk, badge: 'slds-theme_error', ring: 'expired' },
};
const RISK = {
  low: { label: LABELS.Vigil_Card_Risk_Low, badge: 'slds-theme_success' },
  medium: { label: LABELS.Vigil_Card_Risk_Medium, badge: 'slds-theme_warning' },
  high: { label: LABELS.Vigil_Card_Risk_High, badge: 'slds-theme_error' },
  critical: { label: LABELS.Vigil_Card_Risk_Critical, badge: 'slds-theme_error' },
};
const TIER = {
  high: LABELS.Vigil_Card_Tier_High,
  low: LABELS.Vigil_Card_Tier_Low,
  tech: LABELS.Vigil_Card_Tier_Tech,
};

/** A label with its `{0}`, `{1}`… filled in (custom labels have no formatter of their own). */
export function format(label, ...args) {
  return String(label).replace(/\{(\d+)\}/g, (whole, i) =>
    args[Number(i)] === undefined ? whole : String(args[Number(i)]),
  );
}

/** The user's locale if Intl knows it, else en-US (a locale string Intl refuses would throw). */
export function intlLocale(locale) {
  try {
    return Intl.getCanonicalLocales(String(locale).replace(/_/g, '-'))[0] || 'en-US';
  } catch {
    return 'en-US';
  }
}

/** The field's API name without a package namespace prefix (`ns__Vigil_X__c` → `Vigil_X__c`). */
function localName(fieldApiName) {
  const match = /^[A-Za-z0-9]+__(Vigil_.*)$/.exec(fieldApiName);
  return match ? match[1] : fieldApiName;
}

/** "+6.5 in 30 days", "−3 in 30 days", "No change in 30 days" (30日間で+6.5…). */
export function changeText(change, locale = 'en-US') {
  const rounded = Math.round(change * 10) / 10;
  if (rounded === 0) return LABELS.Vigil_Card_Change_None;
  const points = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 1 }).format(
    Math.abs(rounded),
  );
  return format(rounded > 0 ? LABELS.Vigil_Card_Change_Up : LABELS.Vigil_Card_Change_Down, points);
}

/**
 * The summary's sentences. The sync writes them in the portal's language, joined by spaces: English
 * sentences end in . ! or ?, Japanese ones in 。！？ (often with no space after).
 */
export function sentences(summary) {
  return String(summary)
    .split(/(?<=[.!?])\s+|(?<=[。！？])\s*/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * The account owner's name from a spanned `Owner.Name` field: LDS puts it under the relationship, the
 * related User record as its value (`fields.Owner.value.fields.Name.value`); null when the record does
 * not carry it (not readable) or has no owner.
 */
export function ownerName(record) {
  const owner = record?.fields?.Owner;
  const name = owner?.value?.fields?.Name?.value ?? owner?.displayValue ?? null;
  return typeof name === 'string' && name.trim() !== '' ? name : null;
}

export function errorMessage(error) {
  if (!error) return '';
  const body = Array.isArray(error.body) ? error.body[0] : error.body;
  const detail = body?.message || error.message || error.statusText;
  return detail ? format(LABELS.Vigil_Card_Load_Failed, detail) : LABELS.Vigil_Card_Load_Failed_Retry;
}

/**
 * @param record getRecord's data ({ fields: { Name: { value, displayValue } } })
 * @param fields the schema references the card asked for
 * @param options recordId, vigilUrl, lowConfidenceBelow, locale (the user's, e.g. ja-JP)
 */
export function cardView(record, fields, options) {
  const present = {};
  const hidden = [];
  for (const f of fields) {
    const name = localName(f.fieldApiName);
    const entry = record?.fields ? record.fields[f.fieldApiName] : undefined;
    if (entry === undefined) hidden.push(FIELD_LABELS[name] || name);
    else present[name] = entry;
  }
  const value = (name) => (present[name] === undefined ? null : present[name].value);
  const display = (name) => (present[name] === undefined ? null : present[name].displayValue);

  const score = value('Vigil_Health_Score__c');
  const status = STATUS[value('Vigil_Health_Status__c')];
  const change = value('Vigil_Health_Change_30d__c');
  const confidence = value('Vigil_Score_Confidence__c');
  const riskLevel = RISK[value('Vigil_Churn_Risk_Level__c')];
  const risk = value('Vigil_Churn_Risk__c');
  const tier = value('Vigil_Touch_Tier__c');
  const ltv = value('Vigil_Expected_LTV__c');
  const summary = value('Vigil_Churn_Summary__c');
  const reasonCodes = display('Vigil_Churn_Reasons__c') || value('Vigil_Churn_Reasons__c');
  const scoredAt = value('Vigil_Scored_At__c');
  const owner = ownerName(record);

  const locale = intlLocale(options.locale || 'en-US');
  const percent = (share) =>
    new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
  const readable = Object.keys(present).length;
  const noAccess = readable === 0;
  const scored = !noAccess && (score !== null || scoredAt !== null);
  const threshold = Number.isFinite(options.lowConfidenceBelow) ? options.lowConfidenceBelow : 0.6;
  const lowConfidence = confidence !== null && confidence < threshold;

  let reasons = [];
  if (summary) reasons = sentences(summary);
  else if (reasonCodes) reasons = String(reasonCodes).split(';');
  const base = typeof options.vigilUrl === 'string' ? options.vigilUrl.trim().replace(/\/+$/, '') : '';
  const safeBase = /^https?:\/\//i.test(base) ? base : '';

  return {
    noAccess,
    notScored: !noAccess && !scored,
    scored,
    hasHidden: hidden.length > 0 && !noAccess,
    hiddenText: format(
      LABELS.Vigil_Card_Hidden,
      new Intl.ListFormat(locale, { type: 'conjunction' }).format(hidden),
    ),
    hasScore: score !== null,
    score,
    scoreText: score === null ? '' : String(Math.round(score)),
    scoreLabel: score === null ? '' : format(LABELS.Vigil_Card_Score_Label, Math.round(score)),
    hasStatus: status !== undefined,
    statusLabel: status ? status.label : '',
    statusClass: status ? status.badge : '',
    ringVariant: status ? status.ring : 'base',
    hasChange: change !== null,
    changeText: change === null ? '' : changeText(change, locale),
    changeClass:
      change === null || Math.round(change * 10) === 0
        ? 'slds-text-color_weak'
        : change > 0
          ? 'slds-text-color_success'
          : 'slds-text-color_error',
    hasConfidence: confidence !== null,
    confidencePercent: confidence === null ? '' : percent(confidence),
    lowConfidence,
    lowConfidenceText: confidence === null ? '' : format(LABELS.Vigil_Card_Thin_Data, percent(confidence)),
    hasRisk: riskLevel !== undefined || risk !== null,
    riskLabel: riskLevel ? riskLevel.label : LABELS.Vigil_Card_Churn_Risk,
    riskClass: riskLevel ? riskLevel.badge : '',
    hasRiskLevel: riskLevel !== undefined,
    hasRiskScore: risk !== null,
    riskScore: risk === null ? '' : String(Math.round(risk)),
    hasReasons: reasons.length > 0,
    reasons: reasons.slice(0, 3).map((text, i) => ({ key: `reason-${i}`, text })),
    hasOwner: owner !== null,
    ownerName: owner || '',
    hasTier: tier !== null,
    tierLabel: TIER[tier] || display('Vigil_Touch_Tier__c') || '',
    hasLtv: ltv !== null,
    ltv,
    hasScoredAt: scoredAt !== null,
    scoredAt: scoredAt === null ? null : Date.parse(scoredAt),
    hasLink: safeBase !== '' && Boolean(options.recordId),
    vigilLink: safeBase === '' ? '' : `${safeBase}/companies/${encodeURIComponent(options.recordId || '')}`,
  };
}
