import { describe, expect, it } from 'vitest';
import { CrmAuthError, CrmRateLimitError } from '../connectors/types.ts';
import { type SyncJobEnv, syncHandlers } from './jobs.ts';
import { memoryCrm } from './testing/memory-connector.ts';
import { memoryStore } from './testing/memory-store.ts';

const NOW = Date.UTC(2026, 5, 1);
const INSTALL = '6f1c2b9e-3d4a-4f5b-8c7d-112233445566';

function env(options: { withReschedule?: boolean } = {}) {
  const crm = memoryCrm({ seed: 2, now: NOW, size: 20 });
  const calls: { reschedule: Array<[string, unknown, number]>; stop: Array<[string, string]> } = {
    reschedule: [],
    stop: [],
  };
  const e: SyncJobEnv = {
    store: memoryStore(),
    connectorFor: async () => crm.connector,
    clock: { now: () => NOW },
    logger: { info() {}, warn() {}, error() {} },
    stopInstall: async (installId, reason) => {
      calls.stop.push([installId, reason]);
    },
  };
  if (options.withReschedule !== false) {
    e.reschedule = async (job, data, afterMs) => {
      calls.reschedule.push([job, data, afterMs]);
    };
  }
  return { crm, calls, handlers: syncHandlers(e) };
}

describe('sync job handlers', () => {
  it('runs a full sync to the end', async () => {
    const { crm, handlers } = env();
    const out = await handlers.syncFull({ installId: INSTALL, reason: 'manual' });
    expect(out.status).toBe('done');
    expect(out.summary.companiesWritten).toBe(crm.records.company.size);
  });

  it('reschedules the same job for the wait the CRM asked for', async () => {
    const { crm, calls, handlers } = env();
    crm.beforeCall = () => {
      throw new CrmRateLimitError('DAILY', 120_000);
    };
    const data = { installId: INSTALL, reason: 'schedule' as const };
    const out = await handlers.syncIncremental(data);
    expect(out.status).toBe('rescheduled');
    expect(calls.reschedule).toEqual([['syncIncremental', data, 120_000]]);
  });

  it('without a reschedule hook, hands the wait to the queue as a CrmRateLimitError', async () => {
    const { crm, handlers } = env({ withReschedule: false });
    crm.beforeCall = () => {
      throw new CrmRateLimitError('DAILY', 90_000);
    };
    const err = await handlers.syncFull({ installId: INSTALL, reason: 'manual' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CrmRateLimitError);
    expect((err as CrmRateLimitError).retryAfterMs).toBe(90_000);
  });

  it("stops the install's jobs when the CRM refuses the credentials", async () => {
    const { crm, calls, handlers } = env();
    crm.beforeCall = () => {
      throw new CrmAuthError('BAD_REFRESH_TOKEN', 'refresh token revoked');
    };
    const out = await handlers.syncFull({ installId: INSTALL, reason: 'manual' });
    expect(out.status).toBe('stopped');
    expect(calls.stop).toHaveLength(1);
    expect(calls.stop[0]![0]).toBe(INSTALL);
    expect(calls.stop[0]![1]).toContain('BAD_REFRESH_TOKEN');
  });

  it('rescores every company after a churn model change, as after a settings edit', async () => {
    const { crm, handlers } = env();
    await handlers.syncFull({ installId: INSTALL, reason: 'manual' });
    const before = crm.connector.callStats().calls;
    const out = await handlers.recompute({ installId: INSTALL, cause: 'model' });
    expect(out.status).toBe('done');
    expect(out.summary.companiesScored).toBe(crm.records.company.size);
    expect(crm.connector.callStats().calls).toBe(before);
  });

  it('recomputes only dirty companies without reading the CRM', async () => {
    const { crm, handlers } = env();
    await handlers.syncFull({ installId: INSTALL, reason: 'manual' });
    const before = crm.connector.callStats().calls;
    const out = await handlers.recompute({ installId: INSTALL, cause: 'data' });
    expect(out.status).toBe('done');
    expect(out.summary.companiesScored).toBe(0);
    expect(crm.connector.callStats().calls).toBe(before);
  });
});
