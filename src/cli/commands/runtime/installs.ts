import type { Logger } from 'pino';
import type { AppEnv } from '../../../config/env.ts';
import type { Install, Store } from '../../../store/index.ts';
import { resolvePortalId } from './portal-id.ts';
import { connectRefreshTokenOrg } from './salesforce.ts';

/**
 * Which portal a command works on. With HUBSPOT_ACCESS_TOKEN set, the private app's
 * portal: its id is read from HubSpot and the install recorded (token encrypted by the
 * store), so `vigil sync` needs nothing but the env. Without it, the installs already in
 * the store: the only one, or the one named with --install.
 */
export class InstallChoiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InstallChoiceError';
  }
}

/** Records (or refreshes) the install of a private app's portal. */
export async function connectPrivateApp(
  store: Store,
  apiBase: string,
  accessToken: string,
  logger: Logger,
): Promise<Install> {
  const accountId = await resolvePortalId(apiBase, accessToken);
  const install = await store.installs.upsert({
    crm: 'hubspot',
    accountId,
    authKind: 'private',
    baseUrl: apiBase,
    scopes: [],
    tokens: { accessToken },
  });
  logger.info({ installId: install.id, accountId, baseUrl: apiBase }, 'private-app portal connected');
  return install;
}

export async function chooseInstall(
  store: Store,
  env: AppEnv,
  logger: Logger,
  options: { installId?: string | undefined; contactCrm: boolean },
): Promise<Install> {
  const privateApp = env.hubspot.privateApp;
  if (
    options.installId === undefined &&
    privateApp !== null &&
    env.hubspot.apiBase !== null &&
    options.contactCrm
  ) {
    return connectPrivateApp(store, env.hubspot.apiBase, privateApp.accessToken, logger);
  }
  if (
    options.installId === undefined &&
    env.crm === 'salesforce' &&
    env.salesforce.connected !== null &&
    options.contactCrm
  ) {
    // A real org given by its refresh token: one refresh grant finds the org and records the install.
    const org = await connectRefreshTokenOrg(store, env, logger);
    if (org !== null) return org;
  }
  const active = await store.installs.list({ status: 'active' });
  if (options.installId !== undefined) {
    const found = active.find((i) => i.id === options.installId);
    if (!found) throw new InstallChoiceError(`no active install with id ${options.installId}`);
    return found;
  }
  const [only, ...others] = active;
  if (only === undefined) {
    throw new InstallChoiceError(
      'no CRM portal is connected: set HUBSPOT_ACCESS_TOKEN (and HUBSPOT_API_BASE for a sandbox), or run `vigil start`',
    );
  }
  if (others.length > 0) {
    const list = active.map((i) => `${i.id} (${i.crm} ${i.accountId})`).join(', ');
    throw new InstallChoiceError(
      `${active.length} portals are connected; choose one with --install <id>: ${list}`,
    );
  }
  return only;
}
