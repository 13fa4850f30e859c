import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { VIGIL_APP_EVENT_TYPE, VIGIL_GROUP, VIGIL_PROPERTIES } from '../../../connectors/hubspot/index.ts';
import type { CrmConnector, ProvisionReport } from '../../../connectors/types.ts';
import type { Store } from '../../../store/index.ts';

/**
 * Provisioning (the `vigil` property group, its properties and the timeline event type)
 * is idempotent but not free: it reads and compares every definition. So a portal is
 * provisioned once per version of the definitions — the hash of what would be created —
 * and again only when they change (a new churn reason adds an option) or when asked
 * (`vigil provision`).
 */
const CURSOR_KEY = 'provisioned:hubspot';

export function definitionsVersion(): string {
  const text = JSON.stringify({
    group: VIGIL_GROUP,
    properties: VIGIL_PROPERTIES,
    event: VIGIL_APP_EVENT_TYPE,
  });
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export async function ensureProvisioned(
  store: Store,
  connector: CrmConnector,
  installId: string,
  logger: Logger,
  options: { force?: boolean } = {},
): Promise<ProvisionReport | null> {
  const version = definitionsVersion();
  if (options.force !== true && (await store.cursors.get(installId, CURSOR_KEY)) === version) return null;
  const report = await connector.provision();
  await store.cursors.set(installId, CURSOR_KEY, version);
  logger.info(
    {
      installId,
      created: report.created.length,
      updated: report.updated.length,
      unchanged: report.unchanged.length,
      timeline: report.timeline,
    },
    'portal provisioned',
  );
  return report;
}
