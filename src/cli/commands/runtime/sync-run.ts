import type { Logger } from 'pino';
import type { CrmConnector } from '../../../connectors/types.ts';
import { recordSyncSummary } from '../../../metrics/sync.ts';
import type { Store } from '../../../store/index.ts';
import type { SyncProgress } from '../../../sync/deps.ts';
import { runSync } from '../../../sync/engine.ts';
import { syncStoreOf } from '../../../sync/store-adapter.ts';
import type { SyncSummary } from '../../../sync/summary.ts';
import { createProgressReporter } from '../support/progress.ts';

/**
 * One sync run in this process, with its progress shown (a bar on a terminal, plain
 * lines otherwise) and its numbers counted into the metrics.
 */
export interface SyncRunOptions {
  store: Store;
  connector: CrmConnector;
  installId: string;
  mode: 'full' | 'incremental';
  logger: Logger;
  /** Where progress goes; null = nowhere. */
  progressStream: NodeJS.WriteStream | null;
  /** Records the run will read, when known better than the mirror (a fresh portal). */
  expectedRecords?: number | null;
}

export async function runSyncWithProgress(options: SyncRunOptions): Promise<SyncSummary> {
  const reporter =
    options.progressStream === null
      ? null
      : createProgressReporter({
          stream: options.progressStream,
          expectedRecords: options.expectedRecords ?? null,
        });
  try {
    const summary = await runSync(
      {
        store: syncStoreOf(options.store),
        connector: options.connector,
        clock: { now: () => Date.now() },
        logger: options.logger.child({ component: 'sync' }),
        ...(reporter === null ? {} : { onProgress: (p: SyncProgress) => reporter.update(p) }),
      },
      { installId: options.installId, mode: options.mode },
    );
    recordSyncSummary(summary);
    return summary;
  } finally {
    reporter?.stop();
  }
}
