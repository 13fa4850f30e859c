import type { CrmConnector } from '../connectors/types.ts';
import type { Store } from '../store/open.ts';
import type { PortalFitDeps } from './portal.ts';

/** The fit's inputs from the store's CRM mirror and the connector's history reader. */
export function portalFitDeps(
  store: Store,
  connector: CrmConnector,
  installId: string,
  now: number,
): PortalFitDeps {
  return {
    async companyIds() {
      const ids: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page = await store.mirror.allCompanyIds(installId, after, 5_000);
        ids.push(...page);
        if (page.length < 5_000) return ids;
        after = page[page.length - 1]!;
      }
    },
    loadInputs: (ids) => store.mirror.loadInputs(installId, ids, { now }),
    readHistory:
      connector.readCompanyHistory === undefined
        ? undefined
        : (ids, properties) => connector.readCompanyHistory!(ids, properties),
    liveSnapshots: (ids) => store.scores.featureSnapshots(installId, ids),
  };
}
