import { z } from 'zod';
import type { CompanyUpdate, CrmObjectType, CrmRecord, Removal } from '../types.ts';
import { TO_COMPANY_TYPE_IDS } from './object-types.ts';

/**
 * Named mappers between HubSpot's shapes and the CRM-neutral ones, both ways. The API
 * schemas say what HubSpot (or the generated client, which turns times into Date) really
 * sends — nullish everywhere it may be missing — and are parsed once, here.
 */
const time = z.union([z.date(), z.string(), z.number()]).nullish();

const associatedIdsSchema = z.object({
  results: z.array(
    z.object({ id: z.union([z.string(), z.number()]).transform(String), type: z.string().nullish() }),
  ),
});

export const hubspotObjectSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  properties: z.record(z.string(), z.string().nullish()).nullish(),
  createdAt: time,
  updatedAt: time,
  archived: z.boolean().nullish(),
  archivedAt: time,
  associations: z.record(z.string(), associatedIdsSchema).nullish(),
});
export type HubSpotObject = z.output<typeof hubspotObjectSchema>;

/** Epoch ms of a HubSpot time: a Date, an ISO string, or epoch ms as text or number. */
export function toEpochMs(value: Date | string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (/^-?\d+$/.test(value.trim())) return Number(value);
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Company ids of a deal's or ticket's `associations.companies`, primary first, once each.
 * The v3 read lists the primary as `deal_to_company` and the others as `…_unlabeled`
 * (a company can appear under both).
 */
export function companyIdsOf(object: HubSpotObject): string[] {
  const results = object.associations?.['companies']?.results ?? [];
  const primary = results.filter((r) => r.type != null && !r.type.endsWith('unlabeled'));
  const rest = results.filter((r) => !primary.includes(r));
  return unique([...primary, ...rest].map((r) => r.id));
}

/** HubSpot object → CrmRecord. `companyIds` overrides the object's own associations (search + v4 read). */
export function toCrmRecord(type: CrmObjectType, raw: unknown, companyIds?: readonly string[]): CrmRecord {
  const object = hubspotObjectSchema.parse(raw);
  const properties: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(object.properties ?? {})) properties[name] = value ?? null;
  const modifiedAt = toEpochMs(object.updatedAt) ?? toEpochMs(properties['hs_lastmodifieddate']) ?? 0;
  const createdAt =
    toEpochMs(object.createdAt) ?? toEpochMs(properties['createdate'] ?? properties['hs_createdate']);
  return {
    type,
    id: object.id,
    properties,
    companyIds: type === 'company' ? [] : [...(companyIds ?? companyIdsOf(object))],
    modifiedAt,
    createdAt,
  };
}

/** An archived record from `GET /crm/v3/objects/{type}?archived=true` → Removal. */
export function toRemoval(type: CrmObjectType, raw: unknown): Removal {
  const object = hubspotObjectSchema.parse(raw);
  return {
    type,
    id: object.id,
    mergedInto: null,
    removedAt: toEpochMs(object.archivedAt) ?? toEpochMs(object.updatedAt),
  };
}

/**
 * A merge survivor → one Removal per record merged into it. HubSpot keeps the ids of
 * merged-away records in `hs_merged_object_ids` ("a;b;c") on the survivor; the merged
 * records themselves vanish without appearing in the archived list.
 */
export function mergeRemovals(record: CrmRecord): Removal[] {
  const raw = record.properties['hs_merged_object_ids'];
  if (raw === null || raw === undefined || raw.trim() === '') return [];
  return unique(raw.split(/[;,]/).map((s) => s.trim()))
    .filter((id) => id !== '' && id !== record.id)
    .map((id) => ({ type: record.type, id, mergedInto: record.id, removedAt: record.modifiedAt }));
}

/**
 * One association result of `POST /crm/v4/associations/{from}/companies/batch/read` →
 * the company ids, primary (HubSpot's type 5 / 26, label "Primary") first.
 */
const objectIdSchema = z.object({ id: z.union([z.string(), z.number()]).transform(String) });
const v4ResultSchema = z.object({
  // The generated client renames `from` (a reserved word in its generator) to `_from`.
  from: objectIdSchema.optional(),
  _from: objectIdSchema.optional(),
  to: z.array(
    z.object({
      toObjectId: z.union([z.string(), z.number()]).transform(String),
      associationTypes: z
        .array(z.object({ typeId: z.number().nullish(), label: z.string().nullish() }))
        .nullish(),
    }),
  ),
});

export function toCompanyAssociations(
  from: 'deal' | 'ticket',
  results: readonly unknown[],
): Map<string, string[]> {
  const primaryId = TO_COMPANY_TYPE_IDS[from].primary;
  const out = new Map<string, string[]>();
  for (const raw of results) {
    const r = v4ResultSchema.parse(raw);
    const fromId = (r.from ?? r._from)?.id;
    if (fromId === undefined) throw new Error('Association result without a from id');
    const isPrimary = (t: (typeof r.to)[number]) =>
      (t.associationTypes ?? []).some((a) => a.typeId === primaryId || a.label === 'Primary');
    const ordered = [...r.to.filter(isPrimary), ...r.to.filter((t) => !isPrimary(t))];
    out.set(fromId, unique([...(out.get(fromId) ?? []), ...ordered.map((t) => t.toObjectId)]));
  }
  return out;
}

/** CompanyUpdate → one input of `POST /crm/v3/objects/companies/batch/update`. '' clears a property in HubSpot. */
export function toBatchUpdateInput(update: CompanyUpdate): {
  id: string;
  properties: Record<string, string>;
} {
  return { id: update.companyId, properties: { ...update.properties } };
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
