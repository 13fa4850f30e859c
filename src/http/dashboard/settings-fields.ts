import { REASON_CATALOGUE } from '../../domain/churn/catalogue.ts';
import { REASON_CODES } from '../../domain/churn/codes.ts';
import { DEFAULT_CHURN_THRESHOLDS } from '../../domain/config/defaults.ts';
import { COMPONENTS, TIERS } from '../../domain/config/schema.ts';
import { humanize } from './format.ts';

/**
 * The settings form: which config paths an admin edits, and how. Each field is bound to
 * a dotted path of the scoring config (src/domain/config/schema.ts) — the same path
 * `parseScoringConfig` names in its issues, so an error lands next to its input.
 * Settings not listed (signal curves, a fitted model) are kept as they are.
 */
export type FieldKind = 'number' | 'text' | 'select' | 'checkbox' | 'list';

export interface Field {
  path: string;
  label: string;
  kind: FieldKind;
  /** Empty input means null (e.g. "use the portfolio's own churn rate", "property not mapped"). */
  nullable?: boolean;
  options?: readonly string[];
  step?: string;
  help?: string;
}

export interface FieldGroup {
  id: string;
  legend: string;
  help?: string;
  fields: Field[];
}

/** A setting's key as a label, with the acronyms and abbreviations spelt as people write them. */
function label(key: string): string {
  return humanize(key)
    .replace(/\bnps\b/gi, 'NPS')
    .replace(/\bcsat\b/gi, 'CSAT')
    .replace(/\blast30d\b/i, 'last 30 days')
    .replace(/\bprev30d\b/i, 'previous 30 days');
}

const num = (path: string, label: string, extra: Partial<Field> = {}): Field => ({
  path,
  label,
  kind: 'number',
  ...extra,
});
const prop = (path: string, label: string, nullable = true): Field => ({
  path,
  label,
  kind: 'text',
  nullable,
  ...(nullable ? { help: 'empty = not mapped' } : {}),
});

const THRESHOLD_HELP: Partial<Record<keyof typeof DEFAULT_CHURN_THRESHOLDS, string>> = {
  seatUtilisationBelow: 'share of seats, 0–1',
  usageDeclineAtLeast: 'share of usage lost, 0–1',
  ticketSpikeRatioAtLeast: 'last 30 days ÷ usual month',
};

const COMPANY_PROPS = [
  'lastLogin',
  'activeUsers',
  'licensedSeats',
  'featuresUsed',
  'usageLast30d',
  'usagePrev30d',
  'nps',
  'csat',
  'daysPaymentOverdue',
  'failedPayments',
  'onboardingStatus',
  'owner',
  'createdAt',
  'domain',
] as const;

export const FIELD_GROUPS: readonly FieldGroup[] = [
  {
    id: 'weights',
    legend: 'Health weights',
    help: 'How much each component counts. Components without data are left out and the rest renormalised.',
    fields: COMPONENTS.map((c) => num(`health.weights.${c}`, humanize(c), { step: '1' })),
  },
  {
    id: 'bands',
    legend: 'Status bands',
    fields: [
      num('health.bands.healthy', 'Healthy from', { help: 'health at or above' }),
      num('health.bands.atRisk', 'At risk below', { help: 'health below' }),
      num('materialHealthChange', 'Material health move', { help: 'points; writes a timeline entry' }),
    ],
  },
  {
    id: 'tiers',
    legend: 'Touch tier rules',
    help: 'Expected LTV = ARR × gross margin × expected lifetime (1 ÷ annual churn).',
    fields: [
      { path: 'tiers.mode', label: 'Tier by', kind: 'select', options: ['absolute', 'percentile'] },
      num('tiers.grossMargin', 'Gross margin', { step: '0.01', help: '0–1' }),
      num('tiers.annualChurnRate', 'Annual churn rate', {
        step: '0.01',
        nullable: true,
        help: "0–1; empty = the portfolio's own",
      }),
      num('tiers.absolute.highMinLtv', 'High touch from LTV', { step: '1000' }),
      num('tiers.absolute.techMaxLtv', 'Tech touch up to LTV', { step: '1000' }),
      num('tiers.percentile.highTopPercent', 'High touch: top %'),
      num('tiers.percentile.techBottomPercent', 'Tech touch: bottom %'),
      { path: 'tiers.tenureLift.enabled', label: 'Long tenure lifts a tier', kind: 'checkbox' },
      num('tiers.tenureLift.minDays', 'Tenure lift after days'),
      num('tiers.newCustomerCap.maxDays', 'New customer for days'),
      {
        path: 'tiers.newCustomerCap.maxTier',
        label: 'New customers at most',
        kind: 'select',
        options: TIERS,
      },
    ],
  },
  {
    id: 'thresholds',
    legend: 'Churn reason thresholds',
    fields: [
      {
        path: 'churn.graded',
        label: 'Graded severities',
        kind: 'checkbox',
        help: 'risk rises as a signal nears its threshold; off: nothing until it is crossed',
      },
      ...(Object.keys(DEFAULT_CHURN_THRESHOLDS) as Array<keyof typeof DEFAULT_CHURN_THRESHOLDS>).map((k) =>
        num(`churn.thresholds.${k}`, label(k), {
          step: 'any',
          ...(THRESHOLD_HELP[k] === undefined ? {} : { help: THRESHOLD_HELP[k] }),
        }),
      ),
    ],
  },
  {
    id: 'levels',
    legend: 'Risk levels and reason weights',
    help: 'Risk at or above each level; each reason adds up to its weight (percent) at full severity.',
    fields: [
      num('churn.levels.medium', 'Medium from'),
      num('churn.levels.high', 'High from'),
      num('churn.levels.critical', 'Critical from'),
      num('churn.healthBaseline', 'Risk from low health alone', { help: 'percent at health 0' }),
      ...REASON_CODES.map((r) => num(`churn.weights.${r}`, REASON_CATALOGUE[r].label)),
    ],
  },
  {
    id: 'mapping',
    legend: 'Property mapping',
    help: 'Which CRM properties hold each signal. Lists are comma-separated.',
    fields: [
      prop('mapping.company.name', 'Company name', false),
      ...COMPANY_PROPS.map((k) => prop(`mapping.company.${k}`, `Company: ${label(k)}`)),
      { path: 'mapping.company.lastContact', label: 'Company: last contact', kind: 'list' },
      prop('mapping.deal.amount', 'Deal: amount', false),
      prop('mapping.deal.stage', 'Deal: stage', false),
      prop('mapping.deal.closeDate', 'Deal: close date', false),
      prop('mapping.deal.dealType', 'Deal: type'),
      prop('mapping.deal.pipeline', 'Deal: pipeline'),
      { path: 'mapping.deal.wonStages', label: 'Deal: won stages', kind: 'list' },
      { path: 'mapping.deal.lostStages', label: 'Deal: lost stages', kind: 'list' },
      prop('mapping.ticket.priority', 'Ticket: priority'),
      prop('mapping.ticket.stage', 'Ticket: stage'),
      { path: 'mapping.ticket.closedStages', label: 'Ticket: closed stages', kind: 'list' },
      { path: 'mapping.ticket.urgentPriorities', label: 'Ticket: urgent priorities', kind: 'list' },
    ],
  },
];

/** The value at a dotted path of a config (undefined when absent). */
export function valueAt(config: unknown, path: string): unknown {
  let node: unknown = config;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * The field an issue belongs to: the field at its path, or the first field under it
 * (a rule over a group, like "at least one weight above 0", lands on the group's first
 * input); null when none matches (shown in the summary only).
 */
export function fieldForIssue(issuePath: string): Field | null {
  const all = FIELD_GROUPS.flatMap((g) => g.fields);
  return (
    all.find((f) => f.path === issuePath) ??
    all.find((f) => issuePath !== '' && f.path.startsWith(`${issuePath}.`)) ??
    null
  );
}
