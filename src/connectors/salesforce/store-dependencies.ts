import type { Store } from '../../store/open.ts';
import type { CrmObjectType } from '../types.ts';
import type { SalesforceConnectorOptions } from './connector.ts';

// The store-backed dependencies of a Salesforce connector for one install: the token lock, the
// getDeleted windows in the install's cursors, and the mirror's live ids for reconciliation.
// (The mirror repository has no id listing per type yet, so this reads its tables directly.)

const TABLE: Record<CrmObjectType, string> = { company: 'companies', deal: 'deals', ticket: 'tickets' };

export function storeDependencies(
  store: Store,
  installId: string,
): Pick<SalesforceConnectorOptions, 'withTokenLock' | 'state' | 'mirrorIds'> {
  return {
    withTokenLock: (fn) =>
      store.installs.withTokenLock(installId, async (current) => {
        if (current === null) throw new Error(`install ${installId} has no tokens`);
        return fn(current);
      }),
    state: {
      get: (key) => store.cursors.get(installId, key),
      set: (key, value) => store.cursors.set(installId, key, value),
    },
    async mirrorIds(type, afterId, limit) {
      const r = await store.pool.query<{ id: string }>(
        `SELECT id FROM ${TABLE[type]} WHERE install_id = $1 AND NOT archived AND ($2::text IS NULL OR id > $2) ORDER BY id LIMIT $3`,
        [installId, afterId, limit],
      );
      return r.rows.map((row) => row.id);
    },
  };
}
