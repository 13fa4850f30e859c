import type { PgBoss } from 'pg-boss';
import type { StoreLogger } from '../store/logger.ts';
import type { Store } from '../store/open.ts';

/**
 * The daily retention job (src/store/repos/retention.ts says what is kept how long). A pg-boss
 * schedule, so of many workers one runs it once a day.
 */
export const RETENTION_JOB = 'store.retention';
const DAILY = '17 3 * * *';

export async function scheduleRetention(boss: PgBoss, store: Store, logger: StoreLogger): Promise<void> {
  await boss.createQueue(RETENTION_JOB, { policy: 'singleton' });
  await boss.work(RETENTION_JOB, async () => {
    const result = await store.retention.purge();
    logger.info({ ...result }, 'retention: purged expired data');
    return result;
  });
  await boss.schedule(RETENTION_JOB, DAILY, {}, { tz: 'UTC' });
}
