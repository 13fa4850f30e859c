import { createHash } from 'node:crypto';
import type { CrmRecord } from '../connectors/types.ts';

/**
 * Content hashes: the mirror skips a record whose scoring-relevant content is unchanged
 * (Nango's record hash), and the write-back ledger skips a company whose values were
 * already written. JSON with sorted keys, so property order never changes a hash.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/**
 * Stamps that change on every edit without changing what scoring reads. Left out of the
 * stored properties and the hash, so an edit to a property Vigil doesn't read (or Vigil's
 * own write-back, which bumps hs_lastmodifieddate) does not count as a change.
 */
export const VOLATILE_PROPERTIES: ReadonlySet<string> = new Set([
  'hs_lastmodifieddate',
  'lastmodifieddate',
  'hs_object_id',
  'SystemModstamp',
  'LastModifiedDate',
]);

/** The properties kept in the mirror: the allow-list when given, minus the volatile stamps. */
export function keptProperties(
  properties: Readonly<Record<string, string | null>>,
  allow: readonly string[] | undefined,
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  if (allow !== undefined) {
    for (const k of allow) {
      const v = properties[k];
      if (v !== undefined && !VOLATILE_PROPERTIES.has(k)) out[k] = v;
    }
    return out;
  }
  for (const [k, v] of Object.entries(properties)) if (!VOLATILE_PROPERTIES.has(k)) out[k] = v;
  return out;
}

/** Hash of what the mirror stores for a record: kept properties and associated companies (primary first). */
export function recordHash(
  kept: Readonly<Record<string, string | null>>,
  companyIds: CrmRecord['companyIds'],
): string {
  return sha256(canonicalJson({ p: kept, c: companyIds }));
}

export function valuesHash(values: Readonly<Record<string, string>>): string {
  return sha256(canonicalJson(values));
}
