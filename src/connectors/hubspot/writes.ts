import type { CompanyUpdate, WriteOutcome } from '../types.ts';
import type { HubSpotApi } from './api.ts';
import { batchOutcomes, isRetryableCategory } from './batch-outcomes.ts';
import { HubSpotCallError } from './call-error.ts';
import { HUBSPOT_LIMITS } from './limits.ts';
import { toBatchUpdateInput } from './mappers.ts';

/**
 * Company write-back by `POST /crm/v3/objects/companies/batch/update` (≤ 100 inputs).
 * A batch update is idempotent (the same values written twice leave the same record),
 * so it is a safe call the runner may retry. One bad record never fails its batch:
 * - a 207 names the failures, turned into per-record outcomes (batch-outcomes.ts);
 * - a whole-batch 400/404/409 (HubSpot refuses some invalid batches outright) is split
 *   in halves and retried until the bad record stands alone — log₂(100) ≈ 7 extra calls
 *   per bad record, zero when there is none;
 * - a 5xx or timeout that outlasts the retries marks the batch retryable, for the sync
 *   to try again later. Rate-limit (CrmRateLimitError) and auth errors do throw: the
 *   whole job must wait, not just these records.
 */
const ENDPOINT = 'POST /crm/v3/objects/companies/batch/update';

export async function writeCompanies(
  api: HubSpotApi,
  updates: readonly CompanyUpdate[],
): Promise<WriteOutcome[]> {
  if (updates.length > HUBSPOT_LIMITS.batchSize)
    throw new RangeError(
      `writeCompanies takes at most ${HUBSPOT_LIMITS.batchSize} updates, got ${updates.length}`,
    );
  const empty = updates.filter((u) => Object.keys(u.properties).length === 0);
  const real = updates.filter((u) => Object.keys(u.properties).length > 0);
  const outcomes = new Map<string, WriteOutcome>();
  for (const u of empty) outcomes.set(u.companyId, { companyId: u.companyId, ok: true });
  for (const o of await writeBatch(api, real)) outcomes.set(o.companyId, o);
  return updates.map((u) => outcomes.get(u.companyId) ?? { companyId: u.companyId, ok: false });
}

async function writeBatch(api: HubSpotApi, updates: readonly CompanyUpdate[]): Promise<WriteOutcome[]> {
  if (updates.length === 0) return [];
  const ids = updates.map((u) => u.companyId);
  try {
    const result = await api.typed({ endpoint: ENDPOINT, method: 'POST', safe: true }, (client) =>
      client.crm.companies.batchApi.updateWithHttpInfo({ inputs: updates.map(toBatchUpdateInput) }),
    );
    return batchOutcomes(ids, result.data);
  } catch (error) {
    if (!(error instanceof HubSpotCallError)) throw error;
    const refusedWhole = error.status === 400 || error.status === 404 || error.status === 409;
    if (refusedWhole && updates.length > 1) {
      const half = Math.ceil(updates.length / 2);
      return [
        ...(await writeBatch(api, updates.slice(0, half))),
        ...(await writeBatch(api, updates.slice(half))),
      ];
    }
    const code =
      error.category ?? (error.status === null ? (error.errorCode ?? 'NETWORK') : `HTTP_${error.status}`);
    const retryable = error.status === null || error.status >= 500 || isRetryableCategory(code);
    return ids.map((companyId) => ({
      companyId,
      ok: false,
      error: { code, message: error.message, retryable },
    }));
  }
}
