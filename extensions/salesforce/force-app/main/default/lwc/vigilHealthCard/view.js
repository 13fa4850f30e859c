// The card's view model: the getRecord answer → what the template shows. Pure, so each state is
// easy to reason about and the template holds no logic.

const LABELS = {
  Vigil_Health_Score__c: 'Health score',
  Vigil_Health_Status__c: 'Health status',
  Vigil_Health_Change_30d__c: 'Health change (30 days)',
  Vigil_Score_Confidence__c: 'Score confidence',
  Vigil_Touch_Tier__c: 'Touch tier',
  Vigil_Expected_LTV__c: 'Expected LTV',
  Vigil_Churn_Risk__c: 'Churn risk',
  Vigil_Churn_Risk_Level__c: 'Churn risk level',
  Vigil_Churn_Reasons__c: 'Churn reasons',
  Vigil_Churn_Summary__c: 'Churn summary',
  Vigil_Scored_At__c: 'Scored at',
};

const STATUS = {
  healthy: { label: 'Healthy', badge: 'slds-theme_success', ring: 'base-autocomplete' },
  neutral: { label: 'Neutral', badge: 'slds-theme_warning', ring: 'warning' },
  at_risk: { label: 'At risk', badge: 'slds-theme_error', ring: 'expired' },
};
const RISK = {
  low: { label: 'Low', badge: 'slds-theme_success' },
  medium: { label: 'Medium', badge: 'slds-theme_warning' },
  high: { label: 'High', badge: 'slds-theme_error' },
  critical: { label: 'Critical', badge: 'slds-theme_error' },
};
const TIER = { high: 'High touch', low: 'Low touch', tech: 'Tech touch' };

/** The field's API name without a package namespace prefix (`ns__Vigil_X__c` → `Vigil_X__c`). */
function localName(fieldApiName) {
  const match = /^[A-Za-z0-9]+__(Vigil_.*)$/.exec(fieldApiName);
  return match ? match[1] : fieldApiName;
}

/** "+6.5 in 30 days", "−3 in 30 days", "No change in 30 days". */
export function changeText(change) {
  const rounded = Math.round(change * 10) / 10;
  if (rounded === 0) return 'No change in 30 days';
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded)} in 30 days`;
}

/** The summary's sentences (the sync writes them joined by spaces, each ending in . ! or ?). */
export function sentences(summary) {
  return String(summary)
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function errorMessage(error) {
  if (!error) return '';
  const body = Array.isArray(error.body) ? error.body[0] : error.body;
  const detail = body?.message || error.message || error.statusText;
  return detail
    ? `Vigil's health could not be loaded: ${detail}`
    : "Vigil's health could not be loaded. Reload the page to try again.";
}

/**
 * @param record getRecord's data ({ fields: { Name: { value, displayValue } } })
 * @param fields the schema references the card asked for
 * @param options recordId, vigilUrl, lowConfidenceBelow
 */
export function cardView(record, fields, options) {
  const present = {};
  const hidden = [];
  for (const f of fields) {
    const name = localName(f.fieldApiName);
    const entry = record?.fields ? record.fields[f.fieldApiName] : undefined;
    if (entry === undefined) hidden.push(LABELS[name] || name);
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
    hiddenText: `Hidden from you: ${hidden.join(', ')}. Ask your Salesforce admin for the Vigil viewer permission set.`,
    hasScore: score !== null,
    score,
    scoreText: score === null ? '' : String(Math.round(score)),
    scoreLabel: score === null ? '' : `Health score ${Math.round(score)} out of 100`,
    hasStatus: status !== undefined,
    statusLabel: status ? status.label : '',
    statusClass: status ? status.badge : '',
    ringVariant: status ? status.ring : 'base',
    hasChange: change !== null,
    changeText: change === null ? '' : changeText(change),
    changeClass:
      change === null || Math.round(change * 10) === 0
        ? 'slds-text-color_weak'
        : change > 0
          ? 'slds-text-color_success'
          : 'slds-text-color_error',
    hasConfidence: confidence !== null,
    confidencePercent: confidence === null ? '' : `${Math.round(confidence * 100)}%`,
    lowConfidence,
    lowConfidenceText:
      confidence === null
        ? ''
        : `Thin data: only ${Math.round(confidence * 100)}% of the usual signals were available, so treat this score with care.`,
    hasRisk: riskLevel !== undefined || risk !== null,
    riskLabel: riskLevel ? `${riskLevel.label} churn risk` : 'Churn risk',
    riskClass: riskLevel ? riskLevel.badge : '',
    hasRiskLevel: riskLevel !== undefined,
    hasRiskScore: risk !== null,
    riskScore: risk === null ? '' : String(Math.round(risk)),
    hasReasons: reasons.length > 0,
    reasons: reasons.slice(0, 3).map((text, i) => ({ key: `reason-${i}`, text })),
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
