import type { Logger } from 'pino';
import type { AppEnv } from '../../../config/env.ts';
import { sharedLimiters } from '../../../connectors/hubspot/limiter-registry.ts';
import { databaseSharedQuota } from '../../../connectors/hubspot/shared-quota.ts';
import { fitAfterFirstSync, modelFitHandler, storeFitDeps } from '../../../learning/job.ts';
import { fitAfterNewOutcomes } from '../../../learning/refit.ts';
import { setPortalStatusSource } from '../../../metrics/portals.ts';
import { setQueueDepthSource } from '../../../metrics/registry.ts';
import { recordSyncSummary } from '../../../metrics/sync.ts';
import { type Queue, startQueue } from '../../../queue/index.ts';
import { readPortalStatus } from '../../../queue/portal-status.ts';
import { scheduleRetention } from '../../../queue/retention.ts';
import type { Store } from '../../../store/index.ts';
import { createRateQuotasRepo } from '../../../store/repos/rate-quotas.ts';
import { syncHandlers } from '../../../sync/jobs.ts';
import { connectorFactory, type OAuthAppCredentials } from './connectors.ts';
import { linkedView } from './crm-choice.ts';

/**
 * The queue with the sync's handlers for every job: what `vigil worker` runs, and what
 * `vigil start` runs beside its HTTP server. The queue's depth feeds the metrics. Every
 * sync goes through the cross-CRM view, so the installs of a HubSpot–Salesforce link are
 * scored as one customer base (others pass straight through).
 */
export async function startWorker(
  store: Store,
  env: AppEnv,
  logger: Logger,
  options: { schedule: boolean; salesforceApp?: OAuthAppCredentials | null; syncConcurrency?: number },
): Promise<Queue> {
  let queue: Queue | null = null;
  const view = linkedView(store);
  const connectorFor = connectorFactory(store, env, logger, env.hubspot.oauthApp, {
    salesforceApp: options.salesforceApp ?? null,
    linked: view,
  });
  const modelLog = logger.child({ component: 'model' });
  const sync = syncHandlers({
    store: view.store,
    connectorFor,
    clock: { now: () => Date.now() },
    logger: logger.child({ component: 'sync' }),
    onSummary: (summary) => {
      recordSyncSummary(summary);
      // Day one: the first full sync queues the first fit (its own queue: the sync never waits).
      if (queue !== null) {
        fitAfterFirstSync(store, queue, summary).catch((err: unknown) =>
          modelLog.warn({ installId: summary.installId, err: String(err) }, 'model fit: could not queue'),
        );
        // Later syncs: a fit before the weekly one once enough new outcomes arrived.
        fitAfterNewOutcomes(store, queue, summary, Date.now())
          .then((d) => {
            if (d.queued)
              modelLog.info(
                { installId: summary.installId, newOutcomes: d.newOutcomes, threshold: d.threshold },
                'model fit: queued, enough new outcomes arrived',
              );
          })
          .catch((err: unknown) =>
            modelLog.warn({ installId: summary.installId, err: String(err) }, 'model fit: could not queue'),
          );
      }
    },
    async stopInstall(installId, reason) {
      await queue?.unscheduleIncremental(installId);
      // Tokens that do not decrypt or a base its CRM does not serve: a person must act, and the
      // tokens stay (the right key opens them again). Retrying would fail the same way.
      if (reason.startsWith('needs_attention')) {
        logger.error({ installId, reason }, 'install stopped: it needs attention');
        await store.installs.markAttention(installId, reason);
        return;
      }
      // The CRM refused the credentials for good (uninstalled, revoked): stop syncing it.
      logger.warn({ installId, reason }, 'install stopped: the CRM refused its credentials');
      await store.installs.markUninstalled(installId);
    },
  });
  // Several workers on one Postgres may serve the same portal: its rate limit is kept by
  // all of them together, through start times reserved in the database. The embedded
  // store is one process, whose own limiter already holds the limit.
  shareQuotaAcrossProcesses(store);
  const handlers = {
    ...sync,
    modelFit: modelFitHandler({
      store,
      fitDeps: storeFitDeps(store, connectorFor),
      clock: { now: () => Date.now() },
      logger: modelLog,
    }),
  };
  queue = await startQueue(store, handlers, {
    logger: logger.child({ component: 'queue' }),
    schedule: options.schedule,
    ...(options.syncConcurrency === undefined ? {} : { syncConcurrency: options.syncConcurrency }),
  });
  const started = queue;
  // Retention as documented: uninstalled portals after 30 days, webhook payloads after 7.
  if (options.schedule) await scheduleRetention(queue.boss, store, logger.child({ component: 'retention' }));
  setPortalStatusSource(() => readPortalStatus(store));
  setQueueDepthSource(async () => {
    const depth = await started.depth();
    return Object.fromEntries(Object.entries(depth).map(([name, d]) => [name, d.queued + d.active]));
  });
  return queue;
}

/**
 * Several processes on one Postgres may call the same portal — workers, and `vigil serve`
 * provisioning a new install just before a worker starts its first sync: its rate limit is
 * kept by all of them together, through start times reserved in the database. The embedded
 * store is one process, whose own limiter already holds the limit.
 */
export function shareQuotaAcrossProcesses(store: Store): void {
  if (store.kind === 'postgres') {
    sharedLimiters.shareAcrossProcesses(databaseSharedQuota(createRateQuotasRepo(store.pool)));
  }
}

/** How long a stopping worker lets its running jobs go on before handing them back. */
export const SHUTDOWN_GRACE_MS = 2_000;

export async function stopWorker(queue: Queue): Promise<void> {
  setQueueDepthSource(null);
  setPortalStatusSource(null);
  sharedLimiters.shareAcrossProcesses(null);
  // Running jobs get 2 s to end; then pg-boss fails them back to the queue and aborts them,
  // and each sync stops at its next checkpoint (the page in hand stored), so another worker
  // resumes it seconds later instead of after this one's heartbeat goes stale.
  await queue.stop({ graceful: true, timeoutMs: SHUTDOWN_GRACE_MS });
}
