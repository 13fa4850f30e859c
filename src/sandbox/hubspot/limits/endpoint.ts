/**
 * What a request path is, for counting and for fault classes: the search test that
 * routes a call to the search limit, the template that groups calls by endpoint
 * (`/crm/v3/objects/companies/123` → `/crm/v3/objects/companies/{id}`), and a coarse
 * endpoint class for per-class fault rates.
 */

/** HubSpot's CRM search: `POST /crm/v3/objects/{objectType}/search`. */
const SEARCH_PATH = /^\/crm\/v3\/objects\/[^/]+\/search\/?$/;

export function isSearchRequest(method: string, path: string): boolean {
  return method === 'POST' && SEARCH_PATH.test(path);
}

const NUMERIC = /^\d+$/;
const TOKEN_PARENTS = new Set(['access-tokens', 'refresh-tokens']);

/**
 * Replaces the variable parts of a path with placeholders, so stats group calls by
 * endpoint rather than by record. Numeric segments are ids; a property name follows
 * `/crm/v3/properties/{objectType}/`; a token follows `access-tokens`/`refresh-tokens`.
 */
export function endpointTemplate(path: string): string {
  const segments = path.split('/');
  const out: string[] = [];
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i]!;
    const parent = segments[i - 1] ?? '';
    if (NUMERIC.test(segment)) out.push('{id}');
    else if (TOKEN_PARENTS.has(parent)) out.push('{token}');
    else if (isPropertyName(segments, i)) out.push('{propertyName}');
    else if (isEventId(segments, i)) out.push('{eventId}');
    else out.push(segment);
  }
  const joined = out.join('/');
  return joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
}

// /crm/v3/properties/{objectType}/{propertyName}, but not .../batch/... or .../groups/...
function isPropertyName(segments: string[], i: number): boolean {
  return (
    i === 5 &&
    segments[1] === 'crm' &&
    segments[3] === 'properties' &&
    segments[4] !== 'groups' &&
    segments[i] !== 'batch' &&
    segments[i] !== 'groups'
  );
}

// /integrators/timeline/v3/events/{eventTemplateId}/{eventId}
function isEventId(segments: string[], i: number): boolean {
  return i === 6 && segments[1] === 'integrators' && segments[4] === 'events' && segments[5] !== 'batch';
}

export const ENDPOINT_CLASSES = [
  'search',
  'batch',
  'list',
  'read',
  'write',
  'properties',
  'associations',
  'pipelines',
  'oauth',
  'timeline',
  'other',
] as const;
export type EndpointClass = (typeof ENDPOINT_CLASSES)[number];

/** A coarse class of a request, for per-class fault rates. */
export function endpointClass(method: string, path: string): EndpointClass {
  if (isSearchRequest(method, path)) return 'search';
  if (path.startsWith('/oauth/')) return 'oauth';
  if (path.startsWith('/integrators/timeline/')) return 'timeline';
  if (path.startsWith('/crm/v3/properties/')) return 'properties';
  if (path.startsWith('/crm/v4/')) return 'associations';
  if (path.startsWith('/crm/v3/pipelines/')) return 'pipelines';
  if (path.startsWith('/crm/v3/objects/')) {
    if (path.includes('/batch/')) return 'batch';
    const rest = path.slice('/crm/v3/objects/'.length).split('/').filter(Boolean);
    if (method === 'GET') return rest.length <= 1 ? 'list' : 'read';
    return 'write';
  }
  return 'other';
}
