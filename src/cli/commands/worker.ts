import { commandBase, untilSignal, withStore } from './runtime/context.ts';
import { startWorker, stopWorker } from './runtime/worker.ts';
import { parseCommandArgs, reportUsageError } from './support/args.ts';

const USAGE = `Usage: vigil worker

Runs queued jobs — full and incremental syncs, recomputes, write-backs — for every
connected portal until Ctrl-C, and schedules each portal's incremental sync (every
15 minutes). Many workers on many machines share one Postgres (DATABASE_URL).

Options:
  -h, --help   Show this help`;

export async function runWorkerCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, { help: { type: 'boolean', short: 'h' } });
  if (!parsed.ok) return reportUsageError('worker', parsed.error, USAGE);
  if (parsed.values['help'] === true) {
    console.log(USAGE);
    return 0;
  }
  const base = commandBase('worker');
  if (typeof base === 'number') return base;
  return withStore('worker', base, async (store) => {
    const queue = await startWorker(store, base.env, base.logger, { schedule: true });
    console.log('Vigil worker running  (Ctrl-C stops it after the current job)');
    await untilSignal(base.logger);
    await stopWorker(queue);
    return 0;
  });
}
