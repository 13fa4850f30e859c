import { describe, expect, it } from 'vitest';
import { cardResponseSchema } from '../../../extensions/hubspot/src/app/cards/definition/card-response.ts';
import type { CompanyScoreRow } from '../../store/index.ts';
import { toCardResponse } from './card-view.ts';

const LINKS = { dashboardUrl: 'https://vigil.example.com', portalId: '1001', currency: 'USD' };

function row(owner: string | null): CompanyScoreRow {
  return {
    companyId: '101',
    name: 'Acme',
    owner,
    health: 72.44,
    status: 'healthy',
    confidence: 0.9,
    change30d: null,
    risk: 20,
    riskLevel: 'low',
    reasons: [],
    topReason: null,
    reasonsDetail: [],
    tier: 'low',
    expectedLtv: null,
    arr: null,
    renewalDate: null,
    scoredAt: 1_700_000_000_000,
    configVersion: 1,
    tenureDays: null,
    churned: false,
    breakdown: {} as CompanyScoreRow['breakdown'],
    runId: null,
  };
}

describe('the card’s owner', () => {
  it('gives the owner id with its cached name, the id alone without one, and nobody for a blank owner', () => {
    const owned = (owner: string | null, ownerName?: string | null) => {
      const res = cardResponseSchema.parse(toCardResponse('101', row(owner), [], { ...LINKS, ownerName }));
      if (res.state !== 'scored') throw new Error('expected a score');
      return { ownerId: res.score.ownerId, ownerName: res.score.ownerName };
    };
    expect(owned('3001', 'Aiko Tanaka')).toEqual({ ownerId: '3001', ownerName: 'Aiko Tanaka' });
    expect(owned('3001', null)).toEqual({ ownerId: '3001', ownerName: null });
    expect(owned('3001', '')).toEqual({ ownerId: '3001', ownerName: null });
    expect(owned('', 'Aiko Tanaka')).toEqual({ ownerId: null, ownerName: null });
    expect(owned(null)).toEqual({ ownerId: null, ownerName: null });
  });
});

describe('the card’s links', () => {
  it("open the dashboard's company page for the calling portal (no hash route), surviving sign-in", () => {
    const res = toCardResponse('101', null, [], {
      dashboardUrl: 'https://vigil.example.com/',
      portalId: '1001',
      currency: 'USD',
    });
    // The dashboard serves /companies/:id and /settings (src/http/dashboard/routes/pages.ts) and
    // picks the install from ?portalId= among the session's (src/http/dashboard/context.ts).
    expect(res.links.dashboard).toBe('https://vigil.example.com/companies/101?portalId=1001');
    expect(res.links.settings).toBe('https://vigil.example.com/settings?portalId=1001');
  });

  it('encodes what it puts in the path and query', () => {
    const res = toCardResponse('1 2', null, [], {
      dashboardUrl: 'https://v.example',
      portalId: '9&x=1',
      currency: 'USD',
    });
    expect(res.links.dashboard).toBe('https://v.example/companies/1%202?portalId=9%26x%3D1');
  });
});
