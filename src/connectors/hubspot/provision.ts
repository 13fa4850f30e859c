import { z } from 'zod';
import type { ProvisionReport } from '../types.ts';
import type { HubSpotApi } from './api.ts';
import { HubSpotCallError } from './call-error.ts';
import type { PropertyDefinition } from './vigil-properties.ts';
import { VIGIL_GROUP, VIGIL_PROPERTIES } from './vigil-properties.ts';

/**
 * Creates or updates Vigil's company property group and properties; idempotent and
 * cheap: one read of the group, one batch read of the properties, then only what is
 * missing (one batch create) or different (one PATCH each). A second run makes two
 * calls and changes nothing. A create that loses a race with another worker (409
 * "already exists", properties guide) is read back and compared like any other.
 */
const existingSchema = z.object({
  name: z.string(),
  label: z.string().nullish(),
  description: z.string().nullish(),
  type: z.string().nullish(),
  fieldType: z.string().nullish(),
  groupName: z.string().nullish(),
  options: z
    .array(
      z.object({
        label: z.string(),
        value: z.string(),
        description: z.string().nullish(),
        displayOrder: z.number().nullish(),
        hidden: z.boolean().nullish(),
      }),
    )
    .nullish(),
});
type Existing = z.output<typeof existingSchema>;

/** The desired definition, keeping (hidden) any option HubSpot has that the catalogue dropped: lists may use it. */
export function desiredWith(existing: Existing | undefined, wanted: PropertyDefinition): PropertyDefinition {
  if (!wanted.options || !existing?.options) return wanted;
  const known = new Set(wanted.options.map((o) => o.value));
  const kept = existing.options
    .filter((o) => !known.has(o.value))
    .map((o, i) => ({
      label: o.label,
      value: o.value,
      displayOrder: wanted.options!.length + i,
      hidden: true,
    }));
  return { ...wanted, options: [...wanted.options, ...kept] };
}

/** Whether HubSpot's copy differs from what Vigil wants (the fields Vigil sets). */
export function differs(existing: Existing, wanted: PropertyDefinition): boolean {
  if (existing.label !== wanted.label || (existing.description ?? '') !== wanted.description) return true;
  if (existing.type !== wanted.type || existing.fieldType !== wanted.fieldType) return true;
  if (existing.groupName !== wanted.groupName) return true;
  const have = (existing.options ?? []).map((o) => [
    o.value,
    o.label,
    o.description ?? '',
    o.displayOrder ?? -1,
    o.hidden ?? false,
  ]);
  const want = (wanted.options ?? []).map((o) => [
    o.value,
    o.label,
    o.description ?? '',
    o.displayOrder,
    o.hidden,
  ]);
  return JSON.stringify(have) !== JSON.stringify(want);
}

interface Report {
  created: string[];
  updated: string[];
  unchanged: string[];
}

async function ensureGroup(api: HubSpotApi, report: Report): Promise<void> {
  const { created, updated, unchanged } = report;
  const spec = {
    endpoint: 'GET /crm/v3/properties/companies/groups/{groupName}',
    method: 'GET',
    safe: true,
  } as const;
  try {
    const group = await api.typed(spec, (c) =>
      c.crm.properties.groupsApi.getByNameWithHttpInfo('companies', VIGIL_GROUP.name),
    );
    if (group.data.label === VIGIL_GROUP.label) unchanged.push(`group:${VIGIL_GROUP.name}`);
    else {
      const patch = {
        endpoint: 'PATCH /crm/v3/properties/companies/groups/{groupName}',
        method: 'PATCH',
        safe: true,
      } as const;
      await api.typed(patch, (c) =>
        c.crm.properties.groupsApi.updateWithHttpInfo('companies', VIGIL_GROUP.name, {
          label: VIGIL_GROUP.label,
        }),
      );
      updated.push(`group:${VIGIL_GROUP.name}`);
    }
  } catch (error) {
    if (!(error instanceof HubSpotCallError) || error.status !== 404) throw error;
    const create = {
      endpoint: 'POST /crm/v3/properties/companies/groups',
      method: 'POST',
      safe: false,
    } as const;
    try {
      await api.typed(create, (c) =>
        c.crm.properties.groupsApi.createWithHttpInfo('companies', { ...VIGIL_GROUP }),
      );
      created.push(`group:${VIGIL_GROUP.name}`);
    } catch (raced) {
      if (!(raced instanceof HubSpotCallError) || raced.status !== 409) throw raced;
      unchanged.push(`group:${VIGIL_GROUP.name}`);
    }
  }
}

async function readProperties(api: HubSpotApi): Promise<Map<string, Existing>> {
  const spec = {
    endpoint: 'POST /crm/v3/properties/companies/batch/read',
    method: 'POST',
    safe: true,
  } as const;
  // Sent raw: the spec requires `dataSensitivity`, which the generated model doesn't carry.
  const result = await api.raw(spec, '/crm/v3/properties/companies/batch/read', {
    archived: false,
    dataSensitivity: 'non_sensitive',
    inputs: VIGIL_PROPERTIES.map((p) => ({ name: p.name })),
  });
  // A 207 lists the names HubSpot lacks as OBJECT_NOT_FOUND: those are the ones to create.
  const results = z.array(existingSchema).parse((result.data as { results?: unknown } | null)?.results ?? []);
  return new Map(results.map((p) => [p.name, p]));
}

export async function provisionProperties(api: HubSpotApi): Promise<Omit<ProvisionReport, 'timeline'>> {
  const created: string[] = [];
  const updated: string[] = [];
  const unchanged: string[] = [];
  await ensureGroup(api, { created, updated, unchanged });
  let existing = await readProperties(api);
  const missing = VIGIL_PROPERTIES.filter((p) => !existing.has(p.name));
  if (missing.length > 0) {
    const spec = {
      endpoint: 'POST /crm/v3/properties/companies/batch/create',
      method: 'POST',
      safe: false,
    } as const;
    try {
      // The generated models spell `type`/`fieldType` as their own enums; the JSON is the same.
      const inputs = missing.map(toCreate) as never;
      await api.typed(spec, (c) => c.crm.properties.batchApi.createWithHttpInfo('companies', { inputs }));
      created.push(...missing.map((p) => p.name));
    } catch (error) {
      if (!(error instanceof HubSpotCallError) || error.status !== 409) throw error;
      existing = await readProperties(api);
    }
  }
  for (const wanted of VIGIL_PROPERTIES) {
    const have = existing.get(wanted.name);
    if (have === undefined) continue;
    const desired = desiredWith(have, wanted);
    if (!differs(have, desired)) {
      unchanged.push(wanted.name);
      continue;
    }
    const spec = {
      endpoint: 'PATCH /crm/v3/properties/companies/{propertyName}',
      method: 'PATCH',
      safe: true,
    } as const;
    const { name, ...update } = toCreate(desired);
    await api.typed(spec, (c) =>
      c.crm.properties.coreApi.updateWithHttpInfo('companies', name, update as never),
    );
    updated.push(wanted.name);
  }
  return { created, updated, unchanged };
}

function toCreate(p: PropertyDefinition) {
  return {
    name: p.name,
    label: p.label,
    description: p.description,
    type: p.type,
    fieldType: p.fieldType,
    groupName: p.groupName,
    formField: false,
    ...(p.options ? { options: p.options.map((o) => ({ ...o })) } : {}),
  };
}
