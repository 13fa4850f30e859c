import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../../sandbox/salesforce/server.ts';
import type { OrgState } from '../../sandbox/salesforce/state/org.ts';
import type { CrmConnector, CrmRecord } from '../types.ts';
import { sandboxConnector } from './testing/sandbox-connector.ts';

// In a multi-currency org each Opportunity's Amount is in its own CurrencyIsoCode; CurrencyType's
// ConversionRate is "against the corporate currency" (CurrencyType, Object Reference). Vigil reads
// amounts in the corporate currency, so a yen company's dollar deals count in yen.

let sandbox: RunningSalesforceSandbox;
let single: OrgState;
let multi: OrgState;

beforeAll(async () => {
  sandbox = await startSalesforceSandbox({
    orgs: [
      { size: 'tiny', seed: 12, currency: 'JPY' },
      { size: 'tiny', seed: 12, currency: 'JPY', multiCurrency: true },
    ],
  });
  [single, multi] = [...sandbox.context.orgs.values()].map((e) => e.org) as [OrgState, OrgState];
});
afterAll(async () => sandbox.close());

async function deals(connector: CrmConnector): Promise<CrmRecord[]> {
  const out: CrmRecord[] = [];
  for (let cursor: string | null = null, first = true; first || cursor !== null; first = false) {
    const page = await connector.readAll('deal', ['Amount', 'StageName', 'CloseDate'], cursor);
    out.push(...page.records);
    cursor = page.next;
  }
  return out;
}

describe('amounts in the corporate currency', () => {
  it('sandbox: a multi-currency yen org books some deals in other currencies', () => {
    const codes = [...multi.scan('Opportunity')].map((o) => o.values['CurrencyIsoCode']);
    expect(new Set(codes)).toEqual(new Set(['JPY', 'USD', 'EUR']));
  });

  it('converts each deal’s amount from its own currency to the corporate one', async () => {
    const yen = new Map(
      (await deals((await sandboxConnector(sandbox, { username: single.username })).connector)).map((d) => [
        d.id,
        Number(d.properties['Amount']),
      ]),
    );
    const read = await deals((await sandboxConnector(sandbox, { username: multi.username })).connector);
    const foreign = read.filter(
      (d) => d.properties['CurrencyIsoCode'] !== 'JPY' && d.properties['Amount'] !== null,
    );
    expect(foreign.length).toBeGreaterThan(0);
    for (const d of read) {
      if (d.properties['Amount'] === null) continue;
      // Rounded to the cent in dollars or euros, then back to whole yen: within one yen.
      expect(Math.abs(Number(d.properties['Amount']) - yen.get(d.id)!), d.id).toBeLessThanOrEqual(1);
    }
    // What the org stores for a dollar deal is far smaller than the yen Vigil reads.
    const raw = multi.get('Opportunity', foreign[0]!.id)!.values['Amount'] as number;
    expect(raw).toBeLessThan(Number(foreign[0]!.properties['Amount']) / 50);
  });

  it('reads a single-currency org as it is: no CurrencyIsoCode asked for, none reported missing', async () => {
    const { connector, state } = await sandboxConnector(sandbox, { username: single.username });
    const read = await deals(connector);
    expect(read.every((d) => !('CurrencyIsoCode' in d.properties))).toBe(true);
    expect(state.get('salesforce:missing:deal') ?? '[]').not.toContain('CurrencyIsoCode');
    // One permission check (UserPermissionAccess) and one CurrencyType check, both remembered for
    // the day: the second read is its one page.
    await deals(connector);
    expect(connector.callStats().byEndpoint['GET /services/data/vXX.X/query']).toBe(4);
  });

  it("writes Vigil's LTV in each Account's own currency: corporate × its rate, one lookup per batch", async () => {
    const { connector } = await sandboxConnector(sandbox, { username: multi.username });
    await connector.provision();
    const accounts = [...multi.scan('Account')].sort((a, b) => (a.id < b.id ? -1 : 1));
    const yen = accounts.find((a) => a.values['CurrencyIsoCode'] === 'JPY')!;
    const dollar = accounts.find((a) => a.values['CurrencyIsoCode'] === 'USD')!;
    const euro = accounts.find((a) => a.values['CurrencyIsoCode'] === 'EUR')!;
    const before = connector.callStats().byEndpoint['GET /services/data/vXX.X/query'] ?? 0;
    const outcomes = await connector.writeCompanies(
      [yen, dollar, euro].map((a) => ({
        companyId: a.id,
        properties: { vigil_expected_ltv: '3000000', vigil_health_score: '70' },
      })),
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    // The org's rates (sandbox state/org-locale.ts): 1 JPY = 0.0067 USD = 0.0061 EUR.
    expect(multi.get('Account', yen.id)!.values['Vigil_Expected_LTV__c']).toBe(3_000_000);
    expect(multi.get('Account', dollar.id)!.values['Vigil_Expected_LTV__c']).toBeCloseTo(20_100, 2);
    expect(multi.get('Account', euro.id)!.values['Vigil_Expected_LTV__c']).toBeCloseTo(18_300, 2);
    // Accounts no read had seen: one query for their currencies (the rates were already read).
    const after = connector.callStats().byEndpoint['GET /services/data/vXX.X/query'] ?? 0;
    expect(after - before).toBeLessThanOrEqual(2);
    // A single-currency org writes the value as it is.
    const plain = await sandboxConnector(sandbox, { username: single.username });
    await plain.connector.provision();
    const account = [...single.scan('Account')][0]!;
    await plain.connector.writeCompanies([
      { companyId: account.id, properties: { vigil_expected_ltv: '3000000' } },
    ]);
    expect(single.get('Account', account.id)!.values['Vigil_Expected_LTV__c']).toBe(3_000_000);
  });
});
