import type { CrmKind } from './types.ts';

/**
 * Where a CRM token may be sent (defence in depth, issue 17). An install's API base lives in
 * the database; if someone could change it (a tampered row, a restored backup), the next sync
 * would hand the decrypted token — and for OAuth installs the refresh token and client secret
 * — to their server. So before a connector is built, its base must be one the CRM itself
 * serves, or one this process was configured with or started itself:
 * - HubSpot: https://api.hubapi.com (and its regional api-<region>.hubapi.com), HUBSPOT_API_BASE;
 * - Salesforce: https on *.salesforce.com (login, test, My Domain `*.my.salesforce.com`,
 *   sandboxes `*.sandbox.my.salesforce.com`), SALESFORCE_LOGIN_URL / SALESFORCE_INSTANCE_URL;
 * - either: a local sandbox started in this process (sandbox servers register themselves).
 * Origins are compared exactly (scheme, host and port), never by prefix.
 */

const HUBSPOT_HOST = /^api(-[a-z0-9]+)?\.hubapi\.com$/;
const SALESFORCE_HOST = /^([a-z0-9-]+\.)+salesforce\.com$/;

const sandboxes = new Set<string>();

export class UntrustedApiBaseError extends Error {
  override readonly name = 'UntrustedApiBaseError';
}

function origin(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : null;
  } catch {
    return null;
  }
}

/** A local sandbox this process started: its base may receive the tokens it issued. Returns the undo. */
export function trustSandboxBase(crm: CrmKind, baseUrl: string): () => void {
  const o = origin(baseUrl);
  if (o === null) return () => undefined;
  const key = `${crm} ${o}`;
  sandboxes.add(key);
  return () => sandboxes.delete(key);
}

/** True when `baseUrl` may receive a `crm` token; `configured` are the bases the environment names. */
export function isAllowedApiBase(
  crm: CrmKind,
  baseUrl: string,
  configured: readonly (string | null | undefined)[] = [],
): boolean {
  const o = origin(baseUrl);
  if (o === null) return false;
  if (sandboxes.has(`${crm} ${o}`)) return true;
  if (configured.some((c) => c !== null && c !== undefined && c !== '' && origin(c) === o)) return true;
  const u = new URL(o);
  if (u.protocol !== 'https:' || (u.port !== '' && u.port !== '443')) return false;
  return crm === 'hubspot' ? HUBSPOT_HOST.test(u.hostname) : SALESFORCE_HOST.test(u.hostname);
}

/** Throws UntrustedApiBaseError (naming the base, never a token) unless the base is allowed. */
export function assertAllowedApiBase(
  crm: CrmKind,
  baseUrl: string,
  configured: readonly (string | null | undefined)[] = [],
  what = 'API base',
): void {
  if (isAllowedApiBase(crm, baseUrl, configured)) return;
  throw new UntrustedApiBaseError(
    `${what} ${JSON.stringify(baseUrl)} is not one ${crm === 'hubspot' ? 'HubSpot' : 'Salesforce'} serves nor a configured one: no token is sent there (check the install's base_url, or set ${crm === 'hubspot' ? 'HUBSPOT_API_BASE' : 'SALESFORCE_LOGIN_URL / SALESFORCE_INSTANCE_URL'})`,
  );
}
