import { describe, expect, it } from 'vitest';
import { endpointClass, endpointTemplate, isSearchRequest } from './endpoint.ts';
import { StatsRecorder } from './stats.ts';

describe('endpointTemplate', () => {
  it.each([
    ['/crm/v3/objects/companies', '/crm/v3/objects/companies'],
    ['/crm/v3/objects/companies/123', '/crm/v3/objects/companies/{id}'],
    ['/crm/v3/objects/companies/123/', '/crm/v3/objects/companies/{id}'],
    ['/crm/v3/objects/0-2/123', '/crm/v3/objects/0-2/{id}'],
    ['/crm/v3/objects/deals/batch/read', '/crm/v3/objects/deals/batch/read'],
    ['/crm/v4/objects/companies/9/associations/deals', '/crm/v4/objects/companies/{id}/associations/deals'],
    ['/crm/v3/properties/companies/vigil_health_score', '/crm/v3/properties/companies/{propertyName}'],
    ['/crm/v3/properties/companies/groups/vigil', '/crm/v3/properties/companies/groups/vigil'],
    ['/crm/v3/properties/companies/batch/read', '/crm/v3/properties/companies/batch/read'],
    ['/oauth/v1/access-tokens/CJSP5qf1', '/oauth/v1/access-tokens/{token}'],
    ['/integrators/timeline/v3/events/1234/evt-1', '/integrators/timeline/v3/events/{id}/{eventId}'],
    ['/integrators/timeline/v3/42/event-templates/9', '/integrators/timeline/v3/{id}/event-templates/{id}'],
  ])('%s → %s', (path, template) => {
    expect(endpointTemplate(path)).toBe(template);
  });
});

describe('endpointClass and isSearchRequest', () => {
  it('tells the classes apart', () => {
    expect(endpointClass('POST', '/crm/v3/objects/companies/search')).toBe('search');
    expect(endpointClass('GET', '/crm/v3/objects/companies')).toBe('list');
    expect(endpointClass('GET', '/crm/v3/objects/companies/1')).toBe('read');
    expect(endpointClass('PATCH', '/crm/v3/objects/companies/1')).toBe('write');
    expect(endpointClass('POST', '/crm/v3/objects/companies/batch/update')).toBe('batch');
    expect(endpointClass('POST', '/oauth/v1/token')).toBe('oauth');
    expect(endpointClass('POST', '/crm/v4/associations/companies/deals/batch/read')).toBe('associations');
    expect(isSearchRequest('GET', '/crm/v3/objects/companies/search')).toBe(false);
  });
});

describe('StatsRecorder', () => {
  it('counts by portal, method, endpoint and status, with 429s and bytes, and resets', () => {
    let now = 5;
    const stats = new StatsRecorder(() => now);
    stats.record(1, 'GET', '/crm/v3/objects/companies', 200, 100);
    stats.record(1, 'GET', '/crm/v3/objects/companies', 200, 50);
    stats.record(1, 'GET', '/crm/v3/objects/companies', 429, 10);
    stats.record(2, 'POST', '/crm/v3/objects/companies/search', 200, 7);
    const all = stats.snapshot();
    expect(all.totals).toEqual({ requests: 4, rateLimited: 1, bytesOut: 167 });
    expect(all.byPortal['1']).toEqual({ requests: 3, rateLimited: 1, bytesOut: 160 });
    expect(all.byStatus).toEqual({ '200': 3, '429': 1 });
    expect(all.byEndpoint[0]).toEqual({
      portalId: 1,
      method: 'GET',
      endpoint: '/crm/v3/objects/companies',
      status: 200,
      count: 2,
      bytes: 150,
    });
    expect(stats.snapshot({ portalId: 2 }).totals.requests).toBe(1);
    now = 99;
    stats.reset();
    expect(stats.snapshot()).toMatchObject({ since: 99, totals: { requests: 0 }, byEndpoint: [] });
  });
});
