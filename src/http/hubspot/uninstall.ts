/**
 * What happens when a portal uninstalls Vigil — detected when HubSpot refuses the refresh
 * token (BAD_REFRESH_TOKEN → the connector's CrmAuthError, which ends a sync as
 * `auth_failed`), or when the admin uninstalls from Vigil's side.
 *
 * Policy (extensions/hubspot/README.md, "Uninstall and your data"):
 * - at once: the install is marked uninstalled, its OAuth tokens are erased, its scheduled
 *   syncs stop, and its pending webhook events are dropped; the card API and the webhook
 *   receiver answer 404 for the portal from then on;
 * - kept for RETENTION_DAYS: the mirror, scores, history and configuration, so a re-install
 *   within that time (installs.upsert reactivates the same row) carries on where it left off;
 * - after RETENTION_DAYS: `purgeExpiredUninstalls` deletes the install row, and with it,
 *   by ON DELETE CASCADE, every row of the portal.
 */
export const RETENTION_DAYS = 30;

export interface UninstallDeps {
  readonly installs: { markUninstalled(id: string): Promise<void> };
  readonly events: { purge(installId: string): Promise<number> };
  /** Stops the install's scheduled jobs (the queue's unscheduleIncremental). */
  stopJobs?(installId: string): Promise<void>;
  readonly logger: { info(obj: object, msg?: string): void };
}

export async function uninstallHubSpot(
  deps: UninstallDeps,
  installId: string,
  reason: string,
): Promise<void> {
  await deps.installs.markUninstalled(installId);
  await deps.stopJobs?.(installId);
  const dropped = await deps.events.purge(installId);
  deps.logger.info(
    { installId, reason, droppedEvents: dropped },
    'HubSpot install uninstalled: tokens erased, jobs stopped',
  );
}

/** Deletes installs uninstalled more than `retentionDays` ago, with all their data. */
export async function purgeExpiredUninstalls(
  pool: { query(text: string, params: unknown[]): Promise<{ rows: Array<{ id: string }> }> },
  now: number,
  retentionDays = RETENTION_DAYS,
): Promise<string[]> {
  const r = await pool.query(
    `DELETE FROM installs WHERE crm = 'hubspot' AND status = 'uninstalled' AND uninstalled_at < $1 RETURNING id`,
    [new Date(now - retentionDays * 86_400_000)],
  );
  return r.rows.map((x) => x.id);
}
