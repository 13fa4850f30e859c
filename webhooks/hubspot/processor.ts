import type { CrmObjectType, CrmRecord, Removal } from '../../src/connectors/types.ts';
import type { SyncSummary } from '../../src/sync/summary.ts';
import type { WebhookEventStore } from './event-store.ts';
import { planEffects } from './plan.ts';

/**
 * Turns an install's stored webhook events into a rescore: fold them (plan.ts), apply
 * removals and dirty marks to the mirror, bring the changed records in, then run one
 * sync pass that recomputes the dirty companies and writes only what changed. Events
 * are marked processed only after that pass succeeded, so a crash re-runs them
 * (every step is idempotent).
 *
 * Changed records come in one of two ways:
 * - `readRecords` (when given): read exactly those records by id, then a `recompute` pass;
 * - otherwise an incremental `sync` pass, which reads what changed since its high-water
 *   mark with search (`hs_lastmodifieddate >=`) and the archived lists. On HubSpot the
 *   search index trails writes by a few seconds; the debounce in front of this (trigger.ts)
 *   gives it that time, and the next scheduled incremental sync catches any straggler.
 */
export interface ProcessorMirror {
  remove(installId: string, removals: readonly Removal[]): Promise<string[]>;
  markDirty(installId: string, companyIds: readonly string[]): Promise<void>;
  upsert(installId: string, records: readonly CrmRecord[]): Promise<{ affectedCompanyIds: string[] }>;
}

export interface ProcessorDeps {
  readonly mirror: ProcessorMirror;
  readonly events: Pick<WebhookEventStore, 'pending' | 'markProcessed'>;
  /** One sync pass of the install (the sync's runSync with the install's connector). */
  runSync(installId: string, scope: 'sync' | 'recompute'): Promise<SyncSummary>;
  readRecords?(installId: string, type: CrmObjectType, ids: readonly string[]): Promise<CrmRecord[]>;
  /** The CRM refused our credentials for good: uninstall (see uninstall.ts). */
  onAuthFailed(installId: string, reason: string): Promise<void>;
  readonly logger: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
  /** Events folded per pass (default 5,000). */
  readonly batchLimit?: number;
}

export interface ProcessOutcome {
  readonly events: number;
  readonly removals: number;
  readonly reread: number;
  readonly summary: SyncSummary | null;
  readonly status: 'done' | 'rescheduled' | 'uninstalled';
}

export async function processWebhookEvents(deps: ProcessorDeps, installId: string): Promise<ProcessOutcome> {
  const events = await deps.events.pending(installId, deps.batchLimit ?? 5_000);
  const plan = planEffects(events);
  if (plan.removals.length > 0) await deps.mirror.remove(installId, plan.removals);
  if (plan.dirtyCompanies.length > 0) await deps.mirror.markDirty(installId, plan.dirtyCompanies);

  const toRead = (Object.entries(plan.reread) as Array<[CrmObjectType, string[]]>).filter(
    ([, ids]) => ids.length > 0,
  );
  const reread = toRead.reduce((n, [, ids]) => n + ids.length, 0);
  let scope: 'sync' | 'recompute' = 'recompute';
  if (reread > 0) {
    if (deps.readRecords === undefined) scope = 'sync';
    else {
      for (const [type, ids] of toRead) {
        const records = await deps.readRecords(installId, type, ids);
        if (records.length > 0) await deps.mirror.upsert(installId, records);
      }
    }
  }

  const summary = await deps.runSync(installId, scope);
  const base = { events: events.length, removals: plan.removals.length, reread, summary };
  if (summary.status === 'auth_failed') {
    await deps.onAuthFailed(installId, summary.error ?? 'the CRM refused our credentials');
    return { ...base, status: 'uninstalled' };
  }
  if (summary.status === 'rescheduled') {
    // Keep the events pending: the trigger runs again after the CRM's wait.
    deps.logger.warn({ installId, retryAfterMs: summary.retryAfterMs }, 'webhook processing rescheduled');
    return { ...base, status: 'rescheduled' };
  }
  await deps.events.markProcessed(
    installId,
    events.map((e) => e.eventId),
  );
  deps.logger.info(
    {
      installId,
      events: events.length,
      removals: plan.removals.length,
      reread,
      scope,
      companiesScored: summary.companiesScored,
      companiesWritten: summary.companiesWritten,
    },
    'webhook events processed',
  );
  return { ...base, status: 'done' };
}
