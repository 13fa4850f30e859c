import { describe, expect, it } from 'vitest';
import { parseEnv, SALESFORCE_DEFAULT_LOGIN_URL } from './env.ts';

function parsed(source: Record<string, string | undefined>) {
  return parseEnv(source, '/srv/vigil');
}

describe('VIGIL_CRM and Salesforce settings', () => {
  it('defaults to HubSpot with no Salesforce app or org', () => {
    const result = parsed({});
    if (!result.ok) throw new Error(result.errors.join('; '));
    expect(result.env.crm).toBe('hubspot');
    expect(result.env.salesforce).toEqual({
      app: null,
      loginUrl: SALESFORCE_DEFAULT_LOGIN_URL,
      connected: null,
    });
  });

  it('reads salesforce or both in any case, an app, a login URL and a connected org', () => {
    const result = parsed({
      VIGIL_CRM: 'Both',
      SALESFORCE_CLIENT_ID: '3MVG9key',
      SALESFORCE_CLIENT_SECRET: 'S3CRET',
      SALESFORCE_LOGIN_URL: 'https://test.salesforce.com/',
      SALESFORCE_REFRESH_TOKEN: '5Aep861refresh',
      SALESFORCE_INSTANCE_URL: 'https://acme.my.salesforce.com/',
    });
    if (!result.ok) throw new Error(result.errors.join('; '));
    expect(result.env.crm).toBe('both');
    expect(result.env.salesforce).toEqual({
      app: { clientId: '3MVG9key', clientSecret: 'S3CRET' },
      loginUrl: 'https://test.salesforce.com',
      connected: { refreshToken: '5Aep861refresh', instanceUrl: 'https://acme.my.salesforce.com' },
    });
    const sf = parsed({ VIGIL_CRM: 'salesforce' });
    expect(sf.ok && sf.env.crm).toBe('salesforce');
  });

  it('rejects another CRM with one line that lists the choices', () => {
    const result = parsed({ VIGIL_CRM: 'pipedrive' });
    expect(result).toEqual({
      ok: false,
      errors: [
        'VIGIL_CRM: must be hubspot, salesforce or both (both: HubSpot and Salesforce linked, one score on each side)',
      ],
    });
  });

  it('names what a half-configured Salesforce connection lacks', () => {
    const result = parsed({ SALESFORCE_CLIENT_ID: 'k', SALESFORCE_REFRESH_TOKEN: 'r' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0]).toMatch(/^SALESFORCE_CLIENT_SECRET: is missing/);
    expect(result.errors[1]).toMatch(/^SALESFORCE_INSTANCE_URL: is missing: a refresh token needs/);
    const noApp = parsed({
      SALESFORCE_REFRESH_TOKEN: 'r',
      SALESFORCE_INSTANCE_URL: 'https://x.my.salesforce.com',
    });
    expect(noApp.ok ? [] : noApp.errors).toEqual([
      'SALESFORCE_REFRESH_TOKEN: is set without an app: also set SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET of the app that issued it',
    ]);
    const badUrl = parsed({ SALESFORCE_LOGIN_URL: 'login.salesforce' });
    expect(badUrl.ok ? [] : badUrl.errors[0]).toMatch(/^SALESFORCE_LOGIN_URL: must be an http\(s\) URL/);
  });
});
