import { REASON_CATALOGUE } from '../../domain/churn/catalogue.ts';
import { REASON_CODES } from '../../domain/churn/codes.ts';

// What Vigil writes on a Salesforce Account (DESIGN §2): the `Vigil_*__c` custom fields, typed for
// list views and reports — numbers, restricted picklists for states, a multi-select picklist of the
// churn reason codes (labels from the reason catalogue), a long text summary and a date/time — plus
// the external id on Task (custom activity fields live on Activity) that makes timeline Tasks
// idempotent. The sync speaks Vigil's neutral property names (`vigil_health_score`); this maps them.

export const PERMISSION_SET = { fullName: 'Vigil_Integration', label: 'Vigil integration' } as const;
/** For reps (assigned by the admin): read-only on the Account fields, so they show on layouts and reports. */
export const READER_PERMISSION_SET = { fullName: 'Vigil_Viewer', label: 'Vigil viewer' } as const;
export const TASK_ENTRY_FIELD = 'Vigil_Entry_Id__c';
export const SUMMARY_MAX = 32_768;

type Values = ReadonlyArray<readonly [string, string]>;

export interface VigilField {
  /** The neutral property name the sync writes. */
  readonly property: string;
  readonly field: string;
  readonly kind: 'number' | 'picklist' | 'multipicklist' | 'text' | 'datetime';
  /** Metadata API CustomField, without fullName (object.field is added). */
  readonly metadata: Readonly<Record<string, unknown>>;
}

function valueSet(values: Values) {
  return {
    restricted: true,
    valueSetDefinition: {
      sorted: false,
      value: values.map(([fullName, label]) => ({ fullName, default: false, label })),
    },
  };
}

const number = (
  property: string,
  field: string,
  label: string,
  description: string,
  precision = 3,
  scale = 0,
): VigilField => ({
  property,
  field,
  kind: 'number',
  metadata: { label, description, type: 'Number', precision, scale },
});

const picklist = (
  property: string,
  field: string,
  label: string,
  description: string,
  values: Values,
): VigilField => ({
  property,
  field,
  kind: 'picklist',
  metadata: { label, description, type: 'Picklist', valueSet: valueSet(values) },
});

export const VIGIL_FIELDS: readonly VigilField[] = [
  number(
    'vigil_health_score',
    'Vigil_Health_Score__c',
    'Health score',
    'Customer health from 0 (worst) to 100 (best), computed by Vigil.',
  ),
  picklist(
    'vigil_health_status',
    'Vigil_Health_Status__c',
    'Health status',
    'Healthy (70 and above), neutral, or at risk (below 40).',
    [
      ['healthy', 'Healthy'],
      ['neutral', 'Neutral'],
      ['at_risk', 'At risk'],
    ],
  ),
  number(
    'vigil_health_change_30d',
    'Vigil_Health_Change_30d__c',
    'Health change (30 days)',
    'Points the health score moved over the last 30 days.',
    4,
  ),
  number(
    'vigil_score_confidence',
    'Vigil_Score_Confidence__c',
    'Score confidence',
    'Share of the scoring weight that had data (0 to 1).',
    3,
    2,
  ),
  picklist(
    'vigil_touch_tier',
    'Vigil_Touch_Tier__c',
    'Touch tier',
    'Service model by expected lifetime value: high, low or tech touch.',
    [
      ['high', 'High touch'],
      ['low', 'Low touch'],
      ['tech', 'Tech touch'],
    ],
  ),
  // A Currency field: in the org's currency (and converted with multi-currency on), as reports expect.
  {
    property: 'vigil_expected_ltv',
    field: 'Vigil_Expected_LTV__c',
    kind: 'number',
    metadata: {
      label: 'Expected LTV',
      description: 'Expected lifetime value: ARR × gross margin × expected lifetime.',
      type: 'Currency',
      precision: 18,
      scale: 2,
    },
  },
  number(
    'vigil_churn_risk',
    'Vigil_Churn_Risk__c',
    'Churn risk',
    'Risk of churn from 0 to 100, computed by Vigil.',
  ),
  picklist(
    'vigil_churn_risk_level',
    'Vigil_Churn_Risk_Level__c',
    'Churn risk level',
    'Low, medium, high or critical churn risk.',
    [
      ['low', 'Low'],
      ['medium', 'Medium'],
      ['high', 'High'],
      ['critical', 'Critical'],
    ],
  ),
  {
    property: 'vigil_churn_reasons',
    field: 'Vigil_Churn_Reasons__c',
    kind: 'multipicklist',
    metadata: {
      label: 'Churn reasons',
      description: 'The top reasons behind the churn risk; filter list views and reports by reason.',
      type: 'MultiselectPicklist',
      visibleLines: 4,
      valueSet: valueSet(REASON_CODES.map((code) => [code, REASON_CATALOGUE[code].label] as const)),
    },
  },
  {
    property: 'vigil_churn_summary',
    field: 'Vigil_Churn_Summary__c',
    kind: 'text',
    metadata: {
      label: 'Churn summary',
      description: 'The churn reasons in plain sentences.',
      type: 'LongTextArea',
      length: SUMMARY_MAX,
      visibleLines: 3,
    },
  },
  {
    property: 'vigil_scored_at',
    field: 'Vigil_Scored_At__c',
    kind: 'datetime',
    metadata: {
      label: 'Scored at',
      description: 'When Vigil last computed a changed score for this account.',
      type: 'DateTime',
    },
  },
];

export const TASK_ENTRY_METADATA = {
  fullName: `Activity.${TASK_ENTRY_FIELD}`,
  label: 'Vigil entry id',
  description: 'Idempotency key of a Vigil timeline entry.',
  type: 'Text',
  length: 80,
  externalId: true,
  unique: true,
} as const;

/** Every CustomField Vigil owns, as Metadata API components. */
export function customFieldComponents(): Array<Record<string, unknown>> {
  return [
    ...VIGIL_FIELDS.map((f) => ({ fullName: `Account.${f.field}`, ...f.metadata })),
    { ...TASK_ENTRY_METADATA },
  ];
}

export interface FieldPermissionGrant {
  readonly field: string;
  readonly readable: boolean;
  readonly editable: boolean;
}

/** A PermissionSet as a Metadata API component (also the source of the DX project's XML). */
export interface PermissionSetComponent {
  readonly fullName: string;
  readonly label: string;
  readonly description: string;
  readonly fieldPermissions: readonly FieldPermissionGrant[];
}

/**
 * The name a permission set grants a field by. A custom field on Task and Event is *defined* on
 * Activity (`Activity.Vigil_Entry_Id__c`, the CustomField's fullName), but field permissions are
 * stored per activity object — `Task.X__c` and `Event.X__c`, as a retrieved profile or permission
 * set shows them (forcedotcom/cli#2278: "the field permissions for CustomFields of `Activity` in
 * Profiles are stored on `Event` or `Task`"; dxatscale/sfpowerkit#446: "FLS … are under Task Object
 * like Task.CustomField__c"). Vigil writes Tasks only, so it grants `Task.`; the DX project's
 * generator (extensions/salesforce/scripts/metadata.ts `permissionField`) names it the same way.
 */
export function permissionFieldName(fullName: string): string {
  return fullName.startsWith('Activity.') ? `Task.${fullName.slice('Activity.'.length)}` : fullName;
}

/**
 * Vigil's two permission sets. New custom fields are visible to nobody until field-level security
 * grants them: the integration user reads and edits every Vigil field; reps read the Account ones.
 * `refused`: fields the org would not create (a grant on them would fail the whole set).
 */
export function permissionSetComponents(refused: ReadonlySet<string> = new Set()): PermissionSetComponent[] {
  const fields = customFieldComponents()
    .map((c) => String(c['fullName']))
    .filter((name) => !refused.has(name));
  return [
    {
      ...PERMISSION_SET,
      description: 'Vigil writes health scores, churn reasons and timeline entries.',
      fieldPermissions: fields.map((field) => ({
        field: permissionFieldName(field),
        readable: true,
        editable: true,
      })),
    },
    {
      ...READER_PERMISSION_SET,
      description: "Reads Vigil's health fields on Accounts; Vigil alone writes them.",
      fieldPermissions: fields
        .filter((field) => field.startsWith('Account.'))
        .map((field) => ({ field, readable: true, editable: false })),
    },
  ];
}

const BY_PROPERTY = new Map(VIGIL_FIELDS.map((f) => [f.property, f]));

/**
 * Vigil's neutral values ('' clears, as in HubSpot) as Account field values: '' → null (Salesforce
 * clears a field sent null), numbers as JSON numbers, the summary capped at the field's length.
 * Names that are not Vigil properties pass through as field names.
 */
export function toAccountFields(
  properties: Readonly<Record<string, string>>,
): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const [name, value] of Object.entries(properties)) {
    const f = BY_PROPERTY.get(name);
    if (!f) {
      out[name] = value === '' ? null : value;
      continue;
    }
    if (value === '') out[f.field] = null;
    else if (f.kind === 'number') {
      const n = Number(value);
      out[f.field] = Number.isFinite(n) ? n : null;
    } else if (f.kind === 'text' && value.length > SUMMARY_MAX)
      out[f.field] = `${value.slice(0, SUMMARY_MAX - 1)}…`;
    else out[f.field] = value;
  }
  return out;
}
