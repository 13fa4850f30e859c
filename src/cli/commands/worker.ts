import { commandBase, untilSignal, withStore } from './runtime/context.ts';
import { startWorker, stopWorker } from './runtime/worker.ts';
import { parseCommandArgs, reportUsageError } from './support/args.ts';
import { cliTranslator } from './support/cli-language.ts';

/** The usage text in the reader's language (VIGIL_LANG, else LANG); flags and command names stay as typed. */
const usage = (): string => cliTranslator().t('cli.usage.worker');

export async function runWorkerCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    help: { type: 'boolean', short: 'h' },
    concurrency: { type: 'string', short: 'c' },
  });
  if (!parsed.ok) return reportUsageError('worker', parsed.error, usage());
  if (parsed.values['help'] === true) {
    console.log(usage());
    return 0;
  }
  const raw = parsed.values['concurrency'] ?? process.env['VIGIL_WORKER_CONCURRENCY'] ?? '4';
  const syncConcurrency = Number(raw);
  if (!Number.isInteger(syncConcurrency) || syncConcurrency < 1 || syncConcurrency > 4) {
    return reportUsageError(
      'worker',
      `--concurrency (or VIGIL_WORKER_CONCURRENCY) must be a whole number from 1 to 4, got "${String(raw)}"`,
      usage(),
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
