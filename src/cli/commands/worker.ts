import { commandBase, untilSignal, withStore } from './runtime/context.ts';
import { startWorker, stopWorker } from './runtime/worker.ts';
import { parseCommandArgs, reportUsageError } from './support/args.ts';
import { cliTranslator } from './support/cli-language.ts';

const USAGE = `Usage: vigil worker

Runs queued jobs — full and incremental syncs, recomputes, write-backs — for every
connected portal until Ctrl-C, and schedules each portal's incremental sync (every
15 minutes). Many workers on many machines share one Postgres (DATABASE_URL).

Options:
  -c, --concurrency <n>  New installs' first syncs run at once (1–4, default 4, or
                         VIGIL_WORKER_CONCURRENCY), and half as many full and incremental
                         syncs each; each running sync holds one database connection
  -h, --help             Show this help

Database connections per worker: at most 15 — the store's pool (10; each running sync's
run lock holds one of them), the queue's pool (4) and the queue's LISTEN connection.`;

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
  if (!Number.isInteger(syncConcurrency) || syncConcurrency < 1 || syncConcurrency > 4) {
    return reportUsageError(
      'worker',
      `--concurrency (or VIGIL_WORKER_CONCURRENCY) must be a whole number from 1 to 4, got "${String(raw)}"`,
      USAGE,
    );
  }
  const base = commandBase('worker');
  if (typeof base === 'number') return base;
  return withStore('worker', base, async (store) => {
    const queue = await startWorker(store, base.env, base.logger, { schedule: true, syncConcurrency });
    console.log(cliTranslator().t('cli.worker.running'));
    await untilSignal(base.logger);
    await stopWorker(queue);
    return 0;
  });
}
