import type { PropertyDef } from './property-types.ts';

// What HubSpot accepts as a property value on write, and how it stores it. Values travel as strings
// (CRM objects guide: "property values are strings"); '' clears the property. Codes are the `error`
// field of HubSpot's "Property values were not valid" message.

export type PropertyErrorCode =
  | 'PROPERTY_DOESNT_EXIST'
  | 'INVALID_OPTION'
  | 'INVALID_DECIMAL'
  | 'INVALID_DATE'
  | 'INVALID_DATETIME'
  | 'INVALID_BOOLEAN'
  | 'READ_ONLY_VALUE';

export interface PropertyValueError {
  name: string;
  code: PropertyErrorCode;
  message: string;
}

export type ValueResult = { ok: true; value: string | null } | { ok: false; error: PropertyValueError };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const EPOCH_MS = /^-?\d{1,15}$/;
const DAY_MS = 86_400_000;

function fail(name: string, code: PropertyErrorCode, message: string): ValueResult {
  return { ok: false, error: { name, code, message } };
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function validDateOnly(value: string): boolean {
  const m = DATE_ONLY.exec(value);
  if (!m) return false;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return isoDay(ms) === value;
}

/** Date properties take `YYYY-MM-DD` or epoch ms at midnight UTC (properties guide, "Date values"). */
function dateValue(def: PropertyDef, raw: string): ValueResult {
  if (validDateOnly(raw)) return { ok: true, value: raw };
  if (EPOCH_MS.test(raw)) {
    const ms = Number(raw);
    if (ms % DAY_MS === 0) return { ok: true, value: isoDay(ms) };
    return fail(
      def.name,
      'INVALID_DATE',
      `${raw} is not at midnight UTC; a date property takes a day with no time.`,
    );
  }
  return fail(
    def.name,
    'INVALID_DATE',
    `${raw} is not a valid date; use YYYY-MM-DD or epoch milliseconds at midnight UTC.`,
  );
}

/** Datetime properties take epoch ms or ISO 8601; HubSpot returns them as ISO 8601 UTC. */
function datetimeValue(def: PropertyDef, raw: string): ValueResult {
  const ms = EPOCH_MS.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(ms) || (!EPOCH_MS.test(raw) && !/^\d{4}-\d{2}-\d{2}/.test(raw))) {
    return fail(
      def.name,
      'INVALID_DATETIME',
      `${raw} is not a valid datetime; use ISO 8601 or epoch milliseconds.`,
    );
  }
  return { ok: true, value: new Date(ms).toISOString() };
}

function boolValue(def: PropertyDef, raw: string): ValueResult {
  const lower = raw.toLowerCase();
  if (lower === 'true' || lower === 'false') return { ok: true, value: lower };
  return fail(def.name, 'INVALID_BOOLEAN', `${raw} is not a valid boolean; use true or false.`);
}

function enumerationValue(def: PropertyDef, raw: string): ValueResult {
  if (def.fieldType === 'booleancheckbox') return boolValue(def, raw);
  if (def.externalOptions) return { ok: true, value: raw };
  const allowed = new Set(def.options.map((o) => o.value));
  // Multiple checkboxes hold several options separated by ';' (properties guide, "checkbox").
  const values = def.fieldType === 'checkbox' ? raw.split(';').filter((v) => v !== '') : [raw];
  for (const value of values) {
    if (!allowed.has(value)) {
      const list = def.options.map((o) => o.value).join(', ');
      return fail(def.name, 'INVALID_OPTION', `${value} was not one of the allowed options: [${list}]`);
    }
  }
  return { ok: true, value: values.join(';') };
}

/** Validates and normalises one written value; `null`/'' clears. */
export function validatePropertyValue(def: PropertyDef, raw: string | null): ValueResult {
  if (def.readOnlyValue || def.calculated) {
    return fail(def.name, 'READ_ONLY_VALUE', `${def.name} is a read-only property; its value cannot be set.`);
  }
  if (raw === null || raw === '') return { ok: true, value: null };
  switch (def.type) {
    case 'number':
      return NUMBER.test(raw.trim())
        ? { ok: true, value: raw.trim() }
        : fail(def.name, 'INVALID_DECIMAL', `${raw} was not a valid number.`);
    case 'date':
      return dateValue(def, raw.trim());
    case 'datetime':
      return datetimeValue(def, raw.trim());
    case 'bool':
      return boolValue(def, raw.trim());
    case 'enumeration':
      return enumerationValue(def, raw);
    default:
      return { ok: true, value: raw };
  }
}

export function unknownProperty(name: string): PropertyValueError {
  return { name, code: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` };
}

/**
 * HubSpot's message for rejected values: "Property values were not valid: " followed by a JSON list of
 * `{isValid, message, error, name, localizedErrorMessage}` entries, one per bad property.
 */
export function invalidValuesMessage(errors: readonly PropertyValueError[]): string {
  const entries = errors.map((e) => ({
    isValid: false,
    message: e.message,
    error: e.code,
    name: e.name,
    localizedErrorMessage: e.message,
  }));
  return `Property values were not valid: ${JSON.stringify(entries)}`;
}
