import type { Client } from '@hubspot/api-client';
import { HubSpotCallError } from './call-error.ts';
import type { Caller, CallResult, CallSpec } from './caller.ts';

/**
 * What the read, write, timeline and provisioning modules get: the call runner and the
 * client for the current access token. `typed` runs a method of the official client
 * (its `…WithHttpInfo` form, so the status — 207! — is kept); `raw` sends a JSON request
 * through `client.apiRequest` for endpoints the client has no method for (app events).
 */
export interface HubSpotApi {
  typed<T>(
    spec: CallSpec,
    run: (client: Client) => Promise<{ httpStatusCode: number; data: T }>,
  ): Promise<CallResult<T>>;
  raw(spec: CallSpec, path: string, body?: unknown): Promise<CallResult<unknown>>;
}

export function createApi(call: Caller, client: () => Promise<Client>): HubSpotApi {
  return {
    typed: (spec, run) =>
      call(spec, async () => {
        const info = await run(await client());
        return { status: info.httpStatusCode, data: info.data };
      }),
    raw: (spec, path, body) =>
      call(spec, async () => {
        const response = await (await client()).apiRequest({
          method: spec.method,
          path,
          ...(body === undefined ? {} : { body }),
        });
        const text = await response.text();
        const data = parseJson(text);
        if (!response.ok) {
          const headers: Record<string, string> = {};
          response.headers.forEach((value, name) => {
            headers[name] = value;
          });
          throw new HubSpotCallError(spec.endpoint, response.status, data, headers);
        }
        return { status: response.status, data };
      }),
  };
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
