import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../domain/config/parse.ts';
import { fitPortalModel, historyProperties, NoHistoryError } from '../../learning/portal.ts';
import { companyAsOf } from '../../learning/reconstruct.ts';
import type { OrgEntry } from '../../sandbox/salesforce/context.ts';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../../sandbox/salesforce/server.ts';
import { TRACKED_ACCOUNT_FIELDS } from '../../sandbox/salesforce/state/fields.ts';
import { HISTORY_SOURCE } from '../../sandbox/salesforce/state/seed-org.ts';
import { toJson } from '../../sandbox/salesforce/state/values.ts';
import { generatePortal } from '../../sandbox/seed/generate.ts';
import { companyHistory } from '../../sandbox/seed/history.ts';
import { CrmNoHistoryError } from '../types.ts';
import { salesforceMapping, toText } from './mapping.ts';
import { sandboxConnector } from './testing/sandbox-connector.ts';

// Salesforce field history (AccountHistory: AccountId, Field, OldValue, NewValue, CreatedDate — one row
// per change of a field with history tracking on; "AccountHistory" and "StandardObjectNameHistory",
// Object Reference) read back as the past values of the mapped Account fields. The sandbox org carries
// the seed's 24 months for its tracked fields; a second org tracks nothing.

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 1, 12);
const mapping = salesforceMapping();
const fields = historyProperties(mapping);
let sandbox: RunningSalesforceSandbox;
let tracked: OrgEntry;
let untracked: OrgEntry;

beforeAll(async () => {
  sandbox = await startSalesforceSandbox({
    orgs: [
      { size: 'tiny', seed: 9 },
      { size: 'tiny', seed: 9, fieldHistory: false },
    ],
    now: () => now,
  });
  [tracked, untracked] = [...sandbox.context.orgs.values()] as [OrgEntry, OrgEntry];
});
afterAll(async () => sandbox.close());

const accountIds = (entry: OrgEntry) => [...entry.org.scan('Account')].map((a) => a.id);

describe('Salesforce field history', () => {
  it('rebuilds every tracked field as the sandbox recorded it, month by month', async () => {
    const { connector } = await sandboxConnector(sandbox, { username: tracked.org.username });
    const ids = accountIds(tracked);
    const read = await connector.readCompanyHistory!(ids, fields);
    expect(read.map((h) => h.companyId).sort()).toEqual([...ids].sort());
    const byId = new Map(read.map((h) => [h.companyId, h.history]));
    // The seed behind the org: the same customers' versions the HubSpot sandbox serves.
    const portal = generatePortal({ size: 'tiny', seed: 9, now: tracked.seededAt });
    const accountOf = new Map(tracked.truth.map((t) => [t.companyId, t.accountId]));
    // The org's history of a field starts at its oldest recorded change.
    const starts = new Map<string, number>();
    for (const h of tracked.org.scan('AccountHistory')) {
      const field = String(h.values['Field']);
      const at = h.values['CreatedDate'] as number;
      if (at < (starts.get(field) ?? Number.POSITIVE_INFINITY)) starts.set(field, at);
    }
    expect([...starts.keys()].sort()).toEqual([...TRACKED_ACCOUNT_FIELDS].sort());
    let checked = 0;
    portal.companies.forEach((company, i) => {
      const id = accountOf.get(company.id)!;
      const history = byId.get(id)!;
      const versions = companyHistory(portal.history![i]!, company.properties);
      const account = tracked.org.get('Account', id)!;
      for (const field of TRACKED_ACCOUNT_FIELDS) {
        const source = HISTORY_SOURCE[field]!;
        const def = tracked.org.field('Account', field)!;
        for (const v of versions[source.property]) {
          if (v.timestamp < Math.max(starts.get(field)!, account.values['CreatedDate'] as number)) continue;
          const asOf = companyAsOf({ id, properties: {} }, history, v.timestamp);
          expect(asOf.properties[field], `${field} of ${id} at ${new Date(v.timestamp).toISOString()}`).toBe(
            toText(toJson(def, source.value(v.value))),
          );
          checked++;
        }
      }
      // As of now every tracked field is the Account's value today.
      const today = companyAsOf({ id, properties: {} }, history, now);
      for (const field of TRACKED_ACCOUNT_FIELDS)
        expect(today.properties[field]).toBe(
          toText(toJson(tracked.org.field('Account', field)!, account.values[field] ?? null)),
        );
      // LastActivityDate is Salesforce's own and untracked: no past value, rather than today's.
      expect(history['LastActivityDate']).toEqual([]);
      expect(
        companyAsOf({ id, properties: {} }, history, now - 90 * DAY).properties['LastActivityDate'],
      ).toBeNull();
    });
    expect(checked).toBeGreaterThan(1_000);
  });

  it('records a change of a tracked field made through the API, and none of an untracked one', async () => {
    const { connector } = await sandboxConnector(sandbox, { username: tracked.org.username });
    const [id] = accountIds(tracked);
    const before = (await connector.readCompanyHistory!([id!], fields))[0]!.history['NPS_Score__c']!;
    expect(tracked.org.update('Account', id!, { NPS_Score__c: 1, Licensed_Seats__c: 999 }).ok).toBe(true);
    const after = (await connector.readCompanyHistory!([id!], fields))[0]!.history;
    expect(after['NPS_Score__c']).toEqual([
      ...before,
      { value: '1', timestamp: new Date(Math.floor(now / 1000) * 1000).toISOString() },
    ]);
    expect(after['Licensed_Seats__c']).toBeUndefined();
  });

  it('gives an org that tracks nothing no rebuilt examples, and says how to turn tracking on', async () => {
    const { connector } = await sandboxConnector(sandbox, { username: untracked.org.username });
    const ids = accountIds(untracked);
    expect([...untracked.org.scan('AccountHistory')]).toEqual([]);
    await expect(connector.readCompanyHistory!(ids, fields)).rejects.toThrow(CrmNoHistoryError);
    await expect(connector.readCompanyHistory!(ids, fields)).rejects.toThrow(
      /keeps no field history for the mapped Account fields .* Set History Tracking/,
    );
    const config = { ...defaultScoringConfig(), mapping };
    const deps = {
      companyIds: async () => ids,
      loadInputs: async () => [],
      readHistory: (want: readonly string[], props: readonly string[]) =>
        connector.readCompanyHistory!(want, props),
    };
    // Nothing else to learn from: the fit stops with the org's own reason.
    await expect(fitPortalModel(deps, config, { horizonDays: 180, now })).rejects.toThrow(NoHistoryError);
    await expect(fitPortalModel(deps, config, { horizonDays: 180, now })).rejects.toThrow(
      /Set History Tracking/,
    );
  });
});
