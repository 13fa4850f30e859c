import { commandBase, untilSignal, withStore } from './runtime/context.ts';
import { startWorker, stopWorker } from './runtime/worker.ts';
import { parseCommandArgs, reportUsageError } from './support/args.ts';

const USAGE = `Usage: vigil worker

Runs queued jobs — full and incremental syncs, recomputes, write-backs — for every
connected portal until Ctrl-C, and schedules each portal's incremental sync (every
15 minutes). Many workers on many machines share one Postgres (DATABASE_URL).

Options:
  -c, --concurrency <n>  Syncs of different portals run at once per sync queue (default 4,
                         or VIGIL_WORKER_CONCURRENCY); each holds one database connection
  -h, --help             Show this help

Database connections per worker: the store's pool (10) and the queue's (4), at most 14.`;

export async function runWorkerCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    help: { type: 'boolean', short: 'h' },
    concurrency: { type: 'string', short: 'c' },
  });
  if (!parsed.ok) return reportUsageError('worker', parsed.error, USAGE);
  if (parsed.values['help'] === true) {
    console.log(USAGE);
    return 0;
  }
  const raw = parsed.values['concurrency'] ?? process.env['VIGIL_WORKER_CONCURRENCY'] ?? '4';
  const syncConcurrency = Number(raw);
  if (!Number.isInteger(syncConcurrency) || syncConcurrency < 1 || syncConcurrency > 8) {
    return reportUsageError(
      'worker',
      `--concurrency (or VIGIL_WORKER_CONCURRENCY) must be a whole number from 1 to 8, got "${String(raw)}"`,
      USAGE,
    );
  }
  const base = commandBase('worker');
  if (typeof base === 'number') return base;
  return withStore('worker', base, async (store) => {
    const queue = await startWorker(store, base.env, base.logger, { schedule: true, syncConcurrency });
    console.log('Vigil worker running  (Ctrl-C stops it after the current job)');
    await untilSignal(base.logger);
    await stopWorker(queue);
    return 0;
  });
}
