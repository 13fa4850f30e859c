import { z } from 'zod';
import type { HubSpotApi } from './api.ts';
import { HUBSPOT_LIMITS } from './limits.ts';

/**
 * Companies' current values, by `POST /crm/v3/objects/companies/batch/read` (≤ 100 inputs,
 * 424-v3-companies.json, BatchReadInputSimplePublicObjectId): what write-back reads before it
 * resends a batch whose outcome it never recorded. Ids HubSpot does not find come back in a
 * 207's OBJECT_NOT_FOUND error and are left out of the map.
 */
const ENDPOINT = 'POST /crm/v3/objects/companies/batch/read';

const bodySchema = z.object({
  results: z
    .array(
      z.object({
        id: z.union([z.string(), z.number()]).transform(String),
        properties: z.record(z.string(), z.string().nullish()).nullish(),
      }),
    )
    .nullish(),
});

export async function readCompanyValues(
  api: HubSpotApi,
  companyIds: readonly string[],
  properties: readonly string[],
): Promise<Map<string, Record<string, string | null>>> {
  const out = new Map<string, Record<string, string | null>>();
  for (let i = 0; i < companyIds.length; i += HUBSPOT_LIMITS.batchSize) {
    const ids = companyIds.slice(i, i + HUBSPOT_LIMITS.batchSize);
    const result = await api.raw(
      { endpoint: ENDPOINT, method: 'POST', safe: true },
      '/crm/v3/objects/companies/batch/read',
      {
        inputs: ids.map((id) => ({ id })),
        properties: [...properties],
        propertiesWithHistory: [],
      },
    );
    for (const row of bodySchema.parse(result.data ?? {}).results ?? []) {
      const values: Record<string, string | null> = {};
      for (const name of properties) values[name] = row.properties?.[name] ?? null;
      out.set(row.id, values);
    }
  }
  return out;
}
