import { parseSfDate, parseSfDateTime, sfDate, sfDateTime } from '../format.ts';
import { normalizeId } from '../ids.ts';
import type { FieldDef } from './fields.ts';

// Field values inside the sandbox are typed (dates and datetimes as epoch ms, numbers as numbers)
// so SOQL can compare them; they become Salesforce's JSON and CSV formats only on the way out.

export type FieldValue = string | number | boolean | null;

export interface ValueError {
  readonly statusCode: string;
  readonly message: string;
}

export type Coerced = { ok: true; value: FieldValue } | { ok: false; error: ValueError };

const ok = (value: FieldValue): Coerced => ({ ok: true, value });
const bad = (statusCode: string, message: string): Coerced => ({ ok: false, error: { statusCode, message } });

/** A JSON input value for a field, as the REST API's deserializer would take it. */
export function coerceInput(field: FieldDef, raw: unknown): Coerced {
  if (raw === null || raw === undefined || raw === '') return ok(null);
  switch (field.type) {
    case 'double':
    case 'currency':
    case 'percent':
    case 'int': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : Number.NaN;
      if (!Number.isFinite(n) || typeof raw === 'boolean')
        return bad(
          'JSON_PARSER_ERROR',
          `Cannot deserialize instance of ${field.type} from VALUE_STRING value ${String(raw)} or request may be missing a required field`,
        );
      // Precision is all digits, scale those after the point: 10^(precision − scale) is out of range.
      if (field.precision !== undefined && field.precision > 0) {
        const limit = 10 ** (field.precision - (field.scale ?? 0));
        if (Math.abs(n) >= limit)
          return bad(
            'NUMBER_OUTSIDE_VALID_RANGE',
            `${field.name}: value outside of valid range on numeric field: ${n}`,
          );
      }
      return ok(field.type === 'int' ? Math.trunc(n) : n);
    }
    case 'boolean':
      if (typeof raw === 'boolean') return ok(raw);
      if (raw === 'true' || raw === 'false') return ok(raw === 'true');
      return bad('JSON_PARSER_ERROR', `Cannot deserialize instance of boolean from value ${String(raw)}`);
    case 'date': {
      const t = typeof raw === 'string' ? (parseSfDate(raw) ?? parseSfDateTime(raw)) : null;
      if (t === null)
        return bad(
          'INVALID_TYPE_ON_FIELD_IN_RECORD',
          `${field.name}: value not of required type: ${String(raw)}`,
        );
      return ok(Math.floor(t / 86_400_000) * 86_400_000);
    }
    case 'datetime': {
      const t = typeof raw === 'string' ? parseSfDateTime(raw) : typeof raw === 'number' ? raw : null;
      if (t === null)
        return bad(
          'INVALID_TYPE_ON_FIELD_IN_RECORD',
          `${field.name}: value not of required type: ${String(raw)}`,
        );
      return ok(Math.floor(t / 1000) * 1000);
    }
    case 'id':
    case 'reference': {
      const id = typeof raw === 'string' ? normalizeId(raw) : null;
      if (id === null)
        return bad('MALFORMED_ID', `${field.name}: id value of incorrect type: ${String(raw)}`);
      return ok(id);
    }
    default: {
      if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean')
        return bad('JSON_PARSER_ERROR', `Cannot deserialize instance of string from ${typeof raw} value`);
      const s = String(raw);
      if (field.length !== undefined && s.length > field.length)
        return bad(
          'STRING_TOO_LONG',
          `${field.name}: data value too large: ${s.slice(0, 40)}… (max length=${field.length})`,
        );
      if (field.restricted === true && field.picklist !== undefined) {
        const values = field.type === 'multipicklist' ? s.split(';') : [s];
        const wrong = values.find((v) => !field.picklist!.includes(v));
        if (wrong !== undefined)
          return bad(
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            `${field.name}: bad value for restricted picklist field: ${wrong}`,
          );
      }
      return ok(s);
    }
  }
}

/** A stored value as the REST API returns it in JSON. */
export function toJson(field: FieldDef, value: FieldValue | undefined): FieldValue {
  if (value === undefined || value === null) return null;
  if (field.type === 'datetime' && typeof value === 'number') return sfDateTime(value);
  if (field.type === 'date' && typeof value === 'number') return sfDate(value);
  return value;
}

/** A stored value as Bulk API 2.0 writes it in CSV (empty for null). */
export function toCsv(field: FieldDef, value: FieldValue | undefined): string {
  const json = toJson(field, value);
  if (json === null) return '';
  if (field.type === 'datetime' && typeof json === 'string') return json.replace('+0000', 'Z');
  return String(json);
}
