import { describe, expect, it } from 'vitest';
import type { CrmConnector } from '../connectors/types.ts';
import { linkedConnector } from './linked-connector.ts';
import type { LinkedView } from './linked-store.ts';

const view = { readProperties: async () => null } as unknown as LinkedView;
const base = {
  kind: 'hubspot',
  accountId: '1',
  maxWriteBatch: 100,
  provision: async () => ({ created: [], updated: [], unchanged: [], timeline: 'note' }),
  readAll: async () => ({ records: [], next: null }),
  readChanged: async () => ({ records: [], next: null }),
  readRemoved: async () => ({ records: [], next: null }),
  writeCompanies: async () => [],
  writeTimeline: async () => [],
  callStats: () => ({ calls: 0, byStatus: {}, byEndpoint: {}, http429: 0, retries: 0 }),
} as unknown as CrmConnector;

describe('linkedConnector', () => {
  it("keeps the connector's optional calls: the company currency and the owners reach the sync", async () => {
    const connector: CrmConnector = {
      ...base,
      accountDetails: async () => ({ companyCurrency: 'JPY', timeZone: 'Asia/Tokyo' }),
      readOwners: async () => [{ id: '7', name: '佐藤 花子', email: null }],
    };
    const linked = linkedConnector(connector, 'install-1', view);
    expect(await linked.accountDetails?.()).toEqual({ companyCurrency: 'JPY', timeZone: 'Asia/Tokyo' });
    expect(await linked.readOwners?.()).toEqual([{ id: '7', name: '佐藤 花子', email: null }]);
  });

  it("keeps the sync's warnings and the read-back of values a crash left in doubt", async () => {
    const warning = { code: 'salesforce_view_all_data_missing', message: 'View All Data is missing' };
    const connector: CrmConnector = {
      ...base,
      syncWarnings: () => [warning],
      readCompanyValues: async () => new Map([['1', { vigil_health_score: '70' }]]),
    } as unknown as CrmConnector;
    const linked = linkedConnector(connector, 'install-1', view);
    expect(linked.syncWarnings?.()).toEqual([warning]);
    expect(linked.readCompanyValues).toBeDefined();
  });

  it('leaves absent what the connector does not have', () => {
    const linked = linkedConnector(base, 'install-1', view);
    expect(linked.accountDetails).toBeUndefined();
    expect(linked.readCompanyHistory).toBeUndefined();
    expect(linked.syncWarnings).toBeUndefined();
    expect(linked.readCompanyValues).toBeUndefined();
  });
});
