import { companyHistory, HISTORY_PROPERTIES } from '../sandbox/seed/history.ts';
import { seedToInputs } from '../sandbox/seed/to-inputs.ts';
import type { SeededPortal } from '../sandbox/seed/types.ts';
import type { CompanyWithHistory, HistoryVersion } from './reconstruct.ts';

/**
 * A seeded portal's companies with the property history the sandbox serves, newest
 * first as HubSpot lists it: what benches and tests reconstruct from without HTTP.
 */
export function seededCompaniesWithHistory(portal: SeededPortal): CompanyWithHistory[] {
  const facts = portal.history;
  if (facts === undefined) throw new Error('this seeded portal carries no property history (built by hand?)');
  return seedToInputs(portal).map((input, i) => {
    const h = companyHistory(facts[i]!, portal.companies[i]!.properties);
    const propertiesWithHistory: Record<string, HistoryVersion[]> = {};
    for (const p of HISTORY_PROPERTIES) {
      propertiesWithHistory[p] = h[p]
        .map((v) => ({ value: v.value, timestamp: new Date(v.timestamp).toISOString() }))
        .reverse();
    }
    return { ...input, propertiesWithHistory };
  });
}
