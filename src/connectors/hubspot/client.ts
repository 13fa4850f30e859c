import { Agent } from 'node:http';
import { Client } from '@hubspot/api-client';
import { RAW_BODY_HEADER } from './call-error.ts';
import { POLICY_HEADER } from './retry.ts';

/**
 * Builds the official client the way Vigil uses it: no retries of its own
 * (`numberOfApiCallRetries: 0`) and no limiter of its own — both are ours, per portal —
 * and a response hook that keeps error bodies whole. The generated client deserialises
 * error bodies into its `Error` model, which drops a 429's `policyName` and an OAuth
 * error's `status` (BAD_REFRESH_TOKEN), so the hook copies the raw body into a response
 * header that survives into the thrown ApiException (call-error.ts reads it back).
 */
interface ResponseLike {
  httpStatusCode: number;
  headers: Record<string, string>;
  body: { text(): Promise<string> };
}

function isResponseLike(value: unknown): value is ResponseLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { httpStatusCode?: unknown }).httpStatusCode === 'number' &&
    typeof (value as { headers?: unknown }).headers === 'object'
  );
}

/** Exported for its unit test: the client's responses are buffered, so reading the body here is safe. */
export async function keepErrorBody(context: unknown): Promise<unknown> {
  if (!isResponseLike(context) || context.httpStatusCode < 400) return context;
  const text = await context.body.text();
  context.headers[RAW_BODY_HEADER] = text.slice(0, 20_000);
  try {
    const name = (JSON.parse(text) as { policyName?: unknown } | null)?.policyName;
    if (typeof name === 'string') context.headers[POLICY_HEADER] = name;
  } catch {
    // Not JSON (a proxy's error page): the decision treats an unnamed 429 as the 10-second one.
  }
  return context;
}

/** Keep-alive sockets: a sync makes thousands of calls to one host. */
const sharedAgent = new Agent({ keepAlive: true, maxSockets: 16 });

export function createClient(accessToken: string, basePath: string | undefined): Client {
  const https = basePath === undefined || basePath.startsWith('https:');
  return new Client({
    accessToken,
    ...(basePath === undefined ? {} : { basePath }),
    numberOfApiCallRetries: 0,
    // An http.Agent only fits http URLs; HubSpot itself (https) uses the runtime's pooled fetch.
    ...(https ? {} : { httpAgent: sharedAgent }),
    middleware: [{ pre: (ctx: unknown) => ctx, post: keepErrorBody }],
  });
}
