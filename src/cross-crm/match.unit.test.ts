import { describe, expect, it } from 'vitest';
import { OrgState } from '../sandbox/salesforce/state/org.ts';
import { seedOrg } from '../sandbox/salesforce/state/seed-org.ts';
import { generatePortal } from '../sandbox/seed/generate.ts';
import { normalizeDomain } from './domain-name.ts';
import { matchCompaniesToAccounts } from './match.ts';

describe('normalizeDomain', () => {
  it('reduces websites to comparable host names', () => {
    expect(normalizeDomain('https://www.Acme.com/about?x=1')).toBe('acme.com');
    expect(normalizeDomain('ACME.COM.')).toBe('acme.com');
    expect(normalizeDomain('http://acme.co.uk:8080')).toBe('acme.co.uk');
    expect(normalizeDomain('www2.acme.io')).toBe('acme.io');
    expect(normalizeDomain('n/a')).toBeNull();
    expect(normalizeDomain('')).toBeNull();
  });
});

describe('matchCompaniesToAccounts', () => {
  const A1 = '001A0000006Vm9rIAC';
  it('prefers HubSpot’s salesforceaccountid (15 or 18 characters), then a unique domain', () => {
    const result = matchCompaniesToAccounts(
      [
        { id: 'c1', domain: 'other.com', salesforceAccountId: A1.slice(0, 15) },
        { id: 'c2', domain: 'beta.io', salesforceAccountId: null },
        { id: 'c3', domain: 'shared.com', salesforceAccountId: null },
        { id: 'c4', domain: 'shared.com', salesforceAccountId: null },
        { id: 'c5', domain: null, salesforceAccountId: null },
      ],
      [
        { id: A1, website: 'https://acme.com' },
        { id: 'a2', website: 'https://www.beta.io/' },
        { id: 'a3', website: 'shared.com' },
        { id: 'a4', website: 'other.com' },
      ],
    );
    expect(result.pairs).toEqual([
      { companyId: 'c1', accountId: A1, by: 'salesforce_id' },
      { companyId: 'c2', accountId: 'a2', by: 'domain' },
    ]);
    expect(result.ambiguousDomains).toEqual(['shared.com']);
    expect(result.unmatchedCompanies).toEqual(['c3', 'c4', 'c5']);
    // a4 shares c1's domain, but c1 is already linked by id: an account never pairs twice.
    expect(result.unmatchedAccounts).toEqual(['a3', 'a4']);
  });

  it('pairs every customer of a HubSpot portal and a Salesforce org seeded alike', () => {
    const now = Date.UTC(2026, 5, 1);
    const portal = generatePortal({ size: 'small', seed: 4, now });
    const org = new OrgState(77, () => now);
    const truth = seedOrg(org, portal);
    const result = matchCompaniesToAccounts(
      portal.companies.map((c) => ({
        id: c.id,
        domain: c.properties['domain'] ?? null,
        salesforceAccountId: c.properties['salesforceaccountid'] ?? null,
      })),
      [...org.scan('Account')].map((a) => ({
        id: a.id,
        website: (a.values['Website'] as string | null) ?? null,
      })),
    );
    const expected = new Map(truth.map((t) => [t.companyId, t.accountId]));
    expect(result.pairs.length).toBeGreaterThan(480);
    expect(result.pairs.every((p) => expected.get(p.companyId) === p.accountId)).toBe(true);
    expect(result.pairs.some((p) => p.by === 'salesforce_id')).toBe(true);
    expect(result.pairs.some((p) => p.by === 'domain')).toBe(true);
  });
});
