import { createHubSpotConnector } from '../../../src/connectors/hubspot/connector.ts';
import { VIGIL_APP_EVENT_TYPE } from '../../../src/connectors/hubspot/vigil-properties.ts';
import type { CrmConnector } from '../../../src/connectors/types.ts';
import type { RunningSandbox } from '../../../src/sandbox/hubspot/server.ts';
import type { Store } from '../../../src/store/index.ts';
import type { SyncDeps } from '../../../src/sync/deps.ts';
import { syncStoreOf } from '../../../src/sync/store-adapter.ts';
import { VIGIL_PROPERTY } from '../../../src/sync/writeback/properties.ts';

/** Helpers the end-to-end tests share: a portal's install, connector and sync deps, and the sandbox seen from outside. */
export const VIGIL_NAMES: readonly string[] = Object.values(VIGIL_PROPERTY);
export const quiet = { info() {}, warn() {}, error() {}, debug() {} };

export interface PortalRef {
  baseUrl: string;
  portalId: number;
  token: string;
}

export function portalRef(sandbox: RunningSandbox, index = 0): PortalRef {
  const p = sandbox.portals[index]!;
  return { baseUrl: sandbox.baseUrl, portalId: p.portalId, token: p.privateAppToken };
}

export async function installFor(store: Store, portal: PortalRef): Promise<string> {
  const install = await store.installs.upsert({
    crm: 'hubspot',
    accountId: String(portal.portalId),
    authKind: 'private',
    baseUrl: portal.baseUrl,
    scopes: [],
    tokens: { accessToken: portal.token },
  });
  return install.id;
}

export function connectorFor(installId: string, portal: PortalRef): CrmConnector {
  return createHubSpotConnector({
    installId,
    accountId: String(portal.portalId),
    basePath: portal.baseUrl,
    auth: { kind: 'private', token: portal.token },
    logger: quiet,
  });
}

export function depsFor(store: Store, connector: CrmConnector, asOf: number): SyncDeps {
  return { store: syncStoreOf(store), connector, clock: { now: () => asOf }, logger: quiet };
}

/** The sandbox's own control API (not HubSpot's): what a test does "as a user in the HubSpot UI". */
export async function control(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const res = await fetch(`${baseUrl}/__sandbox${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

/** Declares Vigil's app event type in the sandbox, as the developer project does on HubSpot. */
export async function declareAppEventType(baseUrl: string): Promise<void> {
  await control(baseUrl, 'POST', '/app-event-types', VIGIL_APP_EVENT_TYPE);
}

export async function editAsUser(
  portal: PortalRef,
  objectType: 'companies' | 'deals' | 'tickets',
  id: string,
  properties: Record<string, string>,
): Promise<void> {
  await control(portal.baseUrl, 'PATCH', `/portals/${portal.portalId}/objects/${objectType}/${id}`, {
    properties,
  });
}

export async function appEvents(
  portal: PortalRef,
): Promise<Array<{ id: string; objectId: string; title: string }>> {
  const body = (await control(portal.baseUrl, 'GET', `/portals/${portal.portalId}/app-events`)) as {
    results: Array<{ id: string; objectId: string | number; properties?: Record<string, unknown> }>;
  };
  return body.results.map((e) => ({
    id: e.id,
    objectId: String(e.objectId),
    title: String(e.properties?.['title'] ?? ''),
  }));
}

/**
 * Every company's vigil_* values, read back through HubSpot's list API with the portal's
 * token (what a marketer's list would see). Values left unset are omitted.
 */
export async function vigilValues(portal: PortalRef): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  let after: string | null = null;
  do {
    const url = new URL(`${portal.baseUrl}/crm/v3/objects/companies`);
    url.searchParams.set('limit', '100');
    url.searchParams.set('properties', VIGIL_NAMES.join(','));
    if (after !== null) url.searchParams.set('after', after);
    const res = await fetch(url, { headers: { authorization: `Bearer ${portal.token}` } });
    if (res.status === 429) {
      await new Promise((r) => setTimeout(r, 1000));
      continue;
    }
    if (!res.ok) throw new Error(`list companies: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as {
      results: Array<{ id: string; properties: Record<string, string | null> }>;
      paging?: { next?: { after?: string } };
    };
    for (const r of body.results) {
      const values: Record<string, string> = {};
      for (const name of VIGIL_NAMES) {
        const v = r.properties[name];
        if (v !== null && v !== undefined && v !== '') values[name] = v;
      }
      out.set(r.id, values);
    }
    after = body.paging?.next?.after ?? null;
  } while (after !== null);
  return out;
}

/** Counts of calls the sandbox saw, by endpoint, for one portal. */
export async function sandboxStats(portal: PortalRef): Promise<Record<string, unknown>> {
  return (await control(portal.baseUrl, 'GET', `/stats?portalId=${portal.portalId}`)) as Record<
    string,
    unknown
  >;
}
