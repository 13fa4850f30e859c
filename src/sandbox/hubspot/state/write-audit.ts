import { createHash } from 'node:crypto';
import type { ObjectType } from './object-types.ts';
import type { PortalState } from './portal-state.ts';

/**
 * What the API wrote, for benches and tests that must prove a write was not repeated
 * (the fleet bench's `duplicateWrites`): per portal, how many times each record received
 * the very same set of property values through an update call. HubSpot keeps no such
 * count (an unchanged value adds no history version), so this is the sandbox's own
 * bookkeeping, never visible through the CRM API. Memory: one counter per distinct
 * (record, values) pair written.
 */
const audits = new WeakMap<
  PortalState,
  Map<string, { objectType: ObjectType; objectId: string; times: number }>
>();

function valuesKey(values: Readonly<Record<string, string | null>>): string {
  const sorted = Object.keys(values)
    .sort()
    .map((k) => [k, values[k] ?? null]);
  return createHash('sha1').update(JSON.stringify(sorted)).digest('base64url');
}

/** Called by the update routes once the values are applied. */
export function auditWrite(
  portal: PortalState,
  objectType: ObjectType,
  objectId: string,
  values: Readonly<Record<string, string | null>>,
): void {
  if (Object.keys(values).length === 0) return;
  let audit = audits.get(portal);
  if (audit === undefined) {
    audit = new Map();
    audits.set(portal, audit);
  }
  const key = `${objectType}|${objectId}|${valuesKey(values)}`;
  const seen = audit.get(key);
  if (seen) seen.times++;
  else audit.set(key, { objectType, objectId, times: 1 });
}

export interface RepeatedWrite {
  objectType: ObjectType;
  objectId: string;
  /** How many times the same values were written (≥ 2). */
  times: number;
}

/** The records of a portal that received the same values more than once. */
export function repeatedWrites(portal: PortalState): RepeatedWrite[] {
  const out: RepeatedWrite[] = [];
  for (const w of audits.get(portal)?.values() ?? []) if (w.times > 1) out.push({ ...w });
  return out;
}

/** Forgets what was written (a bench between runs). */
export function clearWriteAudit(portal: PortalState): void {
  audits.delete(portal);
}
