import { z } from 'zod';

/**
 * Which HubSpot portal a private-app token belongs to. HubSpot answers this at
 * `GET /account-info/v3/details` (portalId) for any token. The local sandbox doesn't
 * serve that endpoint, so for a loopback base the sandbox's control API
 * (`/__sandbox/portals`, which lists each portal's private-app token) is asked instead.
 */
const accountInfoSchema = z.object({ portalId: z.number().int().positive() });
const sandboxPortalsSchema = z.object({
  portals: z.array(z.object({ portalId: z.number().int(), privateAppToken: z.string().nullable() })),
});

export class PortalLookupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PortalLookupError';
  }
}

type Fetch = typeof fetch;

export async function resolvePortalId(
  apiBase: string,
  accessToken: string,
  fetchFn: Fetch = fetch,
): Promise<string> {
  const res = await request(fetchFn, `${apiBase}/account-info/v3/details`, {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
  });
  if (res.status === 401 || res.status === 403) {
    throw new PortalLookupError(
      `HubSpot refused HUBSPOT_ACCESS_TOKEN (HTTP ${res.status}): check the private app's token and its scopes`,
    );
  }
  if (res.ok) {
    const parsed = accountInfoSchema.safeParse(await res.json().catch(() => null));
    if (parsed.success) return String(parsed.data.portalId);
  }
  if (isLoopback(apiBase)) {
    const local = await request(fetchFn, `${apiBase}/__sandbox/portals`, {
      headers: { accept: 'application/json' },
    });
    const parsed = local.ok ? sandboxPortalsSchema.safeParse(await local.json().catch(() => null)) : null;
    const portal = parsed?.success
      ? parsed.data.portals.find((p) => p.privateAppToken === accessToken)
      : undefined;
    if (portal) return String(portal.portalId);
    throw new PortalLookupError(`no portal of the sandbox at ${apiBase} has this HUBSPOT_ACCESS_TOKEN`);
  }
  throw new PortalLookupError(
    `could not read the portal id from ${apiBase}/account-info/v3/details (HTTP ${res.status})`,
  );
}

async function request(fetchFn: Fetch, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetchFn(url, { ...init, signal: AbortSignal.timeout(15_000) });
  } catch (error) {
    const reason =
      error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : '';
    throw new PortalLookupError(`cannot reach ${new URL(url).origin} (${reason}): check HUBSPOT_API_BASE`);
  }
}

export function isLoopback(base: string): boolean {
  const host = new URL(base).hostname;
  return host === 'localhost' || host === '[::1]' || host === '::1' || host.startsWith('127.');
}
