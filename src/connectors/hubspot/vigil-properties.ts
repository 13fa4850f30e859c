import { REASON_CATALOGUE } from '../../domain/churn/catalogue.ts';
import { REASON_CODES } from '../../domain/churn/codes.ts';

/**
 * What Vigil writes on a HubSpot company (DESIGN §2): the `vigil` property group and its
 * properties, typed for list filters — numbers as `number`, states as single-select
 * enumerations, reasons as a multiple-checkbox enumeration of the churn reason codes
 * (labels from the reason catalogue, so options and catalogue never drift), the summary
 * as text and the scoring time as a datetime. Types and field types pair as the
 * properties guide requires (number/number, enumeration/select|checkbox,
 * string/textarea, datetime/date).
 */
export const VIGIL_GROUP = { name: 'vigil', label: 'Customer health (Vigil)', displayOrder: -1 } as const;

export interface PropertyOption {
  readonly label: string;
  readonly value: string;
  readonly description?: string;
  readonly displayOrder: number;
  readonly hidden: boolean;
}

export interface PropertyDefinition {
  readonly name: string;
  readonly label: string;
  readonly description: string;
  readonly type: 'number' | 'enumeration' | 'string' | 'datetime';
  readonly fieldType: 'number' | 'select' | 'checkbox' | 'textarea' | 'date';
  readonly groupName: string;
  readonly options?: readonly PropertyOption[];
}

function options(values: ReadonlyArray<readonly [string, string, string?]>): PropertyOption[] {
  return values.map(([value, label, description], displayOrder) => ({
    value,
    label,
    ...(description === undefined ? {} : { description }),
    displayOrder,
    hidden: false,
  }));
}

const number = (name: string, label: string, description: string): PropertyDefinition => ({
  name,
  label,
  description,
  type: 'number',
  fieldType: 'number',
  groupName: VIGIL_GROUP.name,
});

const select = (
  name: string,
  label: string,
  description: string,
  values: ReadonlyArray<readonly [string, string, string?]>,
): PropertyDefinition => ({
  name,
  label,
  description,
  type: 'enumeration',
  fieldType: 'select',
  groupName: VIGIL_GROUP.name,
  options: options(values),
});

export const VIGIL_PROPERTIES: readonly PropertyDefinition[] = [
  number(
    'vigil_health_score',
    'Health score',
    'Customer health from 0 (worst) to 100 (best), computed by Vigil.',
  ),
  select('vigil_health_status', 'Health status', 'Healthy (70 and above), neutral, or at risk (below 40).', [
    ['healthy', 'Healthy'],
    ['neutral', 'Neutral'],
    ['at_risk', 'At risk'],
  ]),
  number(
    'vigil_health_change_30d',
    'Health change (30 days)',
    'Points the health score moved over the last 30 days.',
  ),
  number(
    'vigil_score_confidence',
    'Score confidence',
    'Share of the scoring weight that had data, in percent.',
  ),
  select(
    'vigil_touch_tier',
    'Touch tier',
    'Service model by expected lifetime value: high, low or tech touch.',
    [
      ['high', 'High touch'],
      ['low', 'Low touch'],
      ['tech', 'Tech touch'],
    ],
  ),
  number(
    'vigil_expected_ltv',
    'Expected LTV',
    'Expected lifetime value: ARR × gross margin × expected lifetime.',
  ),
  number('vigil_churn_risk', 'Churn risk', 'Risk of churn from 0 to 100, computed by Vigil.'),
  select('vigil_churn_risk_level', 'Churn risk level', 'Low, medium, high or critical churn risk.', [
    ['low', 'Low'],
    ['medium', 'Medium'],
    ['high', 'High'],
    ['critical', 'Critical'],
  ]),
  {
    name: 'vigil_churn_reasons',
    label: 'Churn reasons',
    description: 'The top reasons behind the churn risk; filter lists by reason.',
    type: 'enumeration',
    fieldType: 'checkbox',
    groupName: VIGIL_GROUP.name,
    options: options(
      REASON_CODES.map((code) => [code, REASON_CATALOGUE[code].label, REASON_CATALOGUE[code].description]),
    ),
  },
  {
    name: 'vigil_churn_summary',
    label: 'Churn summary',
    description: 'The churn reasons in plain sentences.',
    type: 'string',
    fieldType: 'textarea',
    groupName: VIGIL_GROUP.name,
  },
  {
    name: 'vigil_scored_at',
    label: 'Scored at',
    description: 'When Vigil last computed a changed score for this company.',
    type: 'datetime',
    fieldType: 'date',
    groupName: VIGIL_GROUP.name,
  },
];

/**
 * The app event type Vigil's timeline entries use (developer platform app events). It is
 * defined in the app's project (`extensions/hubspot/…/app-events/*-hsmeta.json`), not by API, so
 * provisioning can only check that events are accepted; the sandbox registers it through
 * its control API. Only these properties are sent; the entry's others are dropped.
 */
export const VIGIL_APP_EVENT_TYPE = {
  name: 'vigil_health_change',
  label: 'Customer health changed',
  objectType: 'companies',
  headerTemplate: '{{title}}',
  detailTemplate: '{{body}}',
  properties: [
    { name: 'title', label: 'Title', type: 'string' },
    { name: 'body', label: 'Details', type: 'string' },
    { name: 'health_score', label: 'Health score', type: 'number' },
    { name: 'previous_health_score', label: 'Previous health score', type: 'number' },
    {
      name: 'health_status',
      label: 'Health status',
      type: 'enumeration',
      options: ['healthy', 'neutral', 'at_risk'],
    },
    { name: 'churn_risk', label: 'Churn risk', type: 'number' },
    {
      name: 'churn_risk_level',
      label: 'Churn risk level',
      type: 'enumeration',
      options: ['low', 'medium', 'high', 'critical'],
    },
  ],
} as const;
