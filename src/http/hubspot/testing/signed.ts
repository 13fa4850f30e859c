import { signatureV3 } from '../../../../webhooks/hubspot/signature.ts';

/**
 * Requests signed the way HubSpot signs them (v3), for tests and benches: a card request
 * as `hubspot.fetch` sends it (HubSpot's query parameters appended), and a webhook
 * delivery. `secret` is the app's client secret; anything else forges.
 */
export interface SignOptions {
  readonly secret: string;
  readonly timestamp?: number;
  /** Sign this URI instead of the one requested (a forgery). */
  readonly signUri?: string;
  readonly signature?: string | null;
}

export async function signedRequest(
  url: string,
  method: 'GET' | 'POST',
  body: string,
  options: SignOptions,
): Promise<Response> {
  const timestamp = options.timestamp ?? Date.now();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-hubspot-request-timestamp': String(timestamp),
  };
  if (options.signature !== null) {
    headers['x-hubspot-signature-v3'] =
      options.signature ?? signatureV3(options.secret, method, options.signUri ?? url, body, timestamp);
  }
  return fetch(url, { method, headers, ...(method === 'GET' ? {} : { body }) });
}

/** The URL `hubspot.fetch` calls: the card's URL with HubSpot's query parameters appended. */
export function cardRequestUrl(
  url: string,
  caller: { portalId: string | number; userId?: number; userEmail?: string; appId?: string | number },
): string {
  const u = new URL(url);
  u.searchParams.append('userId', String(caller.userId ?? 1));
  u.searchParams.append('portalId', String(caller.portalId));
  u.searchParams.append('userEmail', caller.userEmail ?? 'rep@example.com');
  if (caller.appId !== undefined) u.searchParams.append('appId', String(caller.appId));
  return u.toString();
}
