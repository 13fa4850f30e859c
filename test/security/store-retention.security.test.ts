import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQueue, stopQueue } from '../../src/queue/index.ts';
import { RETENTION_JOB, scheduleRetention } from '../../src/queue/retention.ts';
import { openStore, type Store, silentLogger } from '../../src/store/index.ts';
import { UNINSTALLED_RETENTION_DAYS, WEBHOOK_RETENTION_DAYS } from '../../src/store/repos/retention.ts';
import { normaliseEvent } from '../../webhooks/hubspot/events.ts';
import { planEffects } from '../../webhooks/hubspot/plan.ts';
import { createTestInstall } from '../support/databases.ts';

/**
 * Retention as the README states it: an uninstalled portal's data goes after 30 days, webhook
 * payloads after 7, and a HubSpot privacy deletion deletes the record and its scores at once.
 */
const DAY = 86_400_000;
let store: Store;

beforeAll(async () => {
  store = await openStore({
    dataDir: '/nonexistent',
    inMemory: true,
    encryptionKey: '1'.repeat(64),
    logger: silentLogger,
  });
}, 120_000);
afterAll(async () => {
  await store?.close();
});

const count = async (table: string, installId: string) =>
  Number(
    (await store.pool.query(`SELECT count(*) AS n FROM ${table} WHERE install_id = $1`, [installId])).rows[0]
      .n,
  );

const company = (id: string) => ({
  type: 'company' as const,
  id,
  properties: { name: `c${id}` },
  companyIds: [],
  modifiedAt: 1,
  createdAt: 1,
});

describe('retention', () => {
  it(`deletes portals uninstalled over ${UNINSTALLED_RETENTION_DAYS} days ago, and webhook payloads over ${WEBHOOK_RETENTION_DAYS} days old`, async () => {
    const [old, recent, active] = [
      await createTestInstall(store),
      await createTestInstall(store),
      await createTestInstall(store),
    ];
    for (const i of [old, recent, active]) await store.mirror.upsert(i.id, [company('1')]);
    await store.installs.markUninstalled(old.id);
    await store.installs.markUninstalled(recent.id);
    const now = Date.now();
    await store.pool.query('UPDATE installs SET uninstalled_at = $2 WHERE id = $1', [
      old.id,
      new Date(now - 31 * DAY),
    ]);
    await store.pool.query('UPDATE installs SET uninstalled_at = $2 WHERE id = $1', [
      recent.id,
      new Date(now - 29 * DAY),
    ]);
    for (const [eventId, ageDays] of [
      [1, 8],
      [2, 6],
    ] as const) {
      await store.pool.query(
        `INSERT INTO webhook_events (install_id, event_id, subscription_type, object_type, object_id, occurred_at, payload, received_at, processed_at)
         VALUES ($1, $2, 'company.propertyChange', 'company', '1', now(), '{}', $3, $3)`,
        [active.id, eventId, new Date(now - ageDays * DAY)],
      );
    }
    const result = await store.retention.purge(now);
    expect(result).toMatchObject({ installsDeleted: 1, webhookEventsDeleted: 1 });
    expect(await store.installs.get(old.id)).toBeNull();
    expect(await count('companies', old.id)).toBe(0);
    expect(await count('companies', recent.id)).toBe(1);
    expect(await count('companies', active.id)).toBe(1);
    expect(
      (await store.pool.query('SELECT event_id FROM webhook_events')).rows.map((r) => Number(r.event_id)),
    ).toEqual([2]);
  });

  it('runs as a daily pg-boss schedule', async () => {
    const queue = await startQueue(store, {}, { logger: silentLogger, schedule: false });
    try {
      await scheduleRetention(queue.boss, store, silentLogger);
      const schedules = await queue.boss.getSchedules();
      expect(schedules.map((s) => [s.name, s.cron])).toContainEqual([RETENTION_JOB, '17 3 * * *']);
    } finally {
      await stopQueue(queue);
    }
  });

  it('deletes, rather than archives, a record HubSpot reports as a privacy deletion, with its scores', async () => {
    const install = await createTestInstall(store);
    await store.mirror.upsert(install.id, [company('10'), company('11')]);
    await store.pool.query(
      `INSERT INTO score_history (install_id, company_id, at, health, risk, risk_level, cause, config_version)
       SELECT $1, id, now(), 50, 50, 'medium', 'data', 1 FROM companies WHERE install_id = $1`,
      [install.id],
    );
    const events = ['company.privacyDeletion', 'company.deletion'].map((subscriptionType, k) =>
      normaliseEvent({
        eventId: String(100 + k),
        portalId: install.accountId,
        occurredAt: 1_000,
        subscriptionType,
        objectId: k === 0 ? '10' : '11',
      } as Parameters<typeof normaliseEvent>[0]),
    );
    const plan = planEffects(events.filter((e) => e !== null));
    expect(plan.removals).toContainEqual(expect.objectContaining({ id: '10', privacy: true }));
    await store.mirror.remove(install.id, plan.removals);
    const rows = (
      await store.pool.query('SELECT id, archived FROM companies WHERE install_id = $1 ORDER BY id', [
        install.id,
      ])
    ).rows;
    // The ordinary deletion is archived (HubSpot can restore it); the privacy deletion is gone.
    expect(rows).toEqual([{ id: '11', archived: true }]);
    const history = await store.pool.query(
      'SELECT company_id FROM score_history WHERE install_id = $1 ORDER BY company_id',
      [install.id],
    );
    expect(history.rows).toEqual([{ company_id: '11' }]);
  });
});
