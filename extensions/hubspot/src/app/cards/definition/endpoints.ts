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

export function companyUrl(companyId: string, base: string = VIGIL_BASE_URL): string {
  return `${base}${CARD_API_ROUTES.company.replace(':companyId', encodeURIComponent(companyId))}`;
}

export function rescoreUrl(companyId: string, base: string = VIGIL_BASE_URL): string {
  return `${base}${CARD_API_ROUTES.rescore.replace(':companyId', encodeURIComponent(companyId))}`;
}
