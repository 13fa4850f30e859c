import type { Request } from 'express';
import type { SfContext } from '../context.ts';
import type { OrgState } from '../state/org.ts';

// Where an org lives. Salesforce moves orgs between instances (org migrations, instance splits);
// the token endpoint then answers with the new `instance_url`, the sessions of the old instance stop
// working, and the old host answers them 401 INVALID_SESSION_ID — "Since the instance URL has
// changed their access token would come back as being invalid" (jsforce/jsforce#196, where a client
// that keeps the old URL refreshes forever). The sandbox serves every instance from one server:
// an org moved to another URL of it (http://localhost:PORT for http://127.0.0.1:PORT) is told apart
// by the Host the request was sent to.

export function instanceUrlOf(ctx: SfContext, org: OrgState): string {
  return org.instanceUrl ?? ctx.baseUrl.value;
}

/** Whether the request reached the org's current instance (always, for an org never moved). */
export function onInstance(org: OrgState, req: Request): boolean {
  if (org.instanceUrl === null) return true;
  return new URL(org.instanceUrl).host === req.headers.host;
}
