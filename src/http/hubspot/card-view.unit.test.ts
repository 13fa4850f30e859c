import { describe, expect, it } from 'vitest';
import { toCardResponse } from './card-view.ts';

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
