import type { CompanyHistory } from '../types.ts';
import type { HubSpotApi } from './api.ts';

// Company property history for reconstructing past signals (src/learning/reconstruct.ts): one
// batch read per 50 companies with `propertiesWithHistory` (424-v3-companies.json,
// BatchReadInputSimplePublicObjectId). Batches of 50, the page size HubSpot allows reads with
// history, rather than the usual 100.

const ENDPOINT = 'POST /crm/v3/objects/companies/batch/read';
export const HISTORY_BATCH = 50;

interface HistoryRow {
  id: string;
  propertiesWithHistory?: Record<string, Array<{ value: string; timestamp: Date | string }>>;
}

export async function readCompanyHistory(
  api: HubSpotApi,
  companyIds: readonly string[],
  properties: readonly string[],
): Promise<CompanyHistory[]> {
  const out: CompanyHistory[] = [];
  for (let i = 0; i < companyIds.length; i += HISTORY_BATCH) {
    const ids = companyIds.slice(i, i + HISTORY_BATCH);
    const result = await api.typed({ endpoint: ENDPOINT, method: 'POST', safe: true }, (client) =>
      client.crm.companies.batchApi.readWithHttpInfo({
        inputs: ids.map((id) => ({ id })),
        properties: [],
        propertiesWithHistory: [...properties],
      }),
    );
    for (const row of (result.data as { results: HistoryRow[] }).results) {
      const history: CompanyHistory['history'] = {};
      for (const [name, versions] of Object.entries(row.propertiesWithHistory ?? {})) {
        history[name] = versions.map((v) => ({
          value: v.value,
          timestamp: v.timestamp instanceof Date ? v.timestamp.toISOString() : String(v.timestamp),
        }));
      }
      out.push({ companyId: row.id, history });
    }
  }
  return out;
}
