import jsforce, { type Connection } from 'jsforce';
import { connectSandboxOrg, type RunningSalesforceSandbox, type SandboxTokens } from '../server.ts';

// A real jsforce Connection on the sandbox, authorized through the web-server flow, for contract
// tests. API version 64.0, as Vigil uses (jsforce defaults to 50.0).

export const TEST_API_VERSION = '64.0';
export const REDIRECT_URI = 'http://localhost/oauth/callback';

export async function jsforceConnection(
  sandbox: RunningSalesforceSandbox,
  options: { username?: string } = {},
): Promise<{ conn: Connection; tokens: SandboxTokens }> {
  const tokens = await connectSandboxOrg(sandbox, { redirectUri: REDIRECT_URI, ...options });
  const conn = new jsforce.Connection({
    oauth2: {
      loginUrl: sandbox.baseUrl,
      clientId: sandbox.app.clientId,
      clientSecret: sandbox.app.clientSecret,
      redirectUri: REDIRECT_URI,
    },
    instanceUrl: tokens.instanceUrl,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    version: TEST_API_VERSION,
  });
  return { conn, tokens };
}

/** An error's Salesforce code as jsforce reports it (`errorCode`, else `name`). */
export async function errorCodeOf(promise: PromiseLike<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const e = error as { errorCode?: unknown; name?: unknown };
    return String(e.errorCode ?? e.name);
  }
  throw new Error('expected the call to fail');
}
