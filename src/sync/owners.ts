import type { SyncDeps } from './deps.ts';

/**
 * Refreshes the install's owner names (full runs): lists show and filter owners by name.
 * Names are a convenience, so a portal that did not grant the owners scope (optional in
 * the app's scopes) keeps syncing, shows owner ids, and says so once per run in the log.
 */
export async function refreshOwners(deps: SyncDeps, installId: string): Promise<void> {
  const read = deps.connector.readOwners;
  const store = deps.store.owners;
  if (read === undefined || store === undefined) return;
  try {
    await store.replaceAll(installId, await read.call(deps.connector));
  } catch (err) {
    deps.logger.warn(
      { installId, err: err instanceof Error ? err.message : String(err) },
      'owner names not refreshed: owners stay shown by id',
    );
  }
}
