/**
 * Where the card fetches from. `hubspot.fetch` only reaches fully qualified HTTPS URLs
 * listed in the app's `permittedUrls.fetch` (app-hsmeta.json) — the project's tests check
 * that this base is listed there. Replace it with Vigil's public URL when deploying
 * (extensions/hubspot/README.md). HubSpot appends userId, portalId, userEmail and appId to the
 * query and signs the request (X-HubSpot-Signature-v3); the server trusts only those.
 */
export const VIGIL_BASE_URL = 'https://vigil.example.com';

/** Route templates, shared with the server's router (src/http/hubspot/card-api.ts). */
export const CARD_API_ROUTES = {
  company: '/hubspot/card/companies/:companyId',
  rescore: '/hubspot/card/companies/:companyId/rescore',
} as const;

/**
 * The card's own copy of its portal id (`context.portal.id`). Under `hs project dev` the
 * local proxy signs the URL but appends no portalId, so the server reads the portal from
 * this (signed) parameter there; in production HubSpot's appended portalId is the one that
 * counts and this one must agree with it (src/http/hubspot/signed-request.ts).
 */
export const CARD_PORTAL_PARAM = 'portal';

function withPortal(path: string, base: string, portalId: string | number | undefined): string {
  const url = `${base}${path}`;
  return portalId === undefined ? url : `${url}?${CARD_PORTAL_PARAM}=${encodeURIComponent(String(portalId))}`;
}

export function companyUrl(
  companyId: string,
  base: string = VIGIL_BASE_URL,
  portalId?: string | number,
): string {
  return withPortal(
    CARD_API_ROUTES.company.replace(':companyId', encodeURIComponent(companyId)),
    base,
    portalId,
  );
}

export function rescoreUrl(
  companyId: string,
  base: string = VIGIL_BASE_URL,
  portalId?: string | number,
): string {
  return withPortal(
    CARD_API_ROUTES.rescore.replace(':companyId', encodeURIComponent(companyId)),
    base,
    portalId,
  );
}
