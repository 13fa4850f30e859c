import { EXIT_BAD_CONFIG } from '../../config/env.ts';
import { listen } from '../../http/server.ts';
import { startQueue, stopQueue } from '../../queue/index.ts';
import { commandBase, untilSignal, withStore } from './runtime/context.ts';
import {
  frontDoorEnvOrReport,
  purgeSessionsEvery,
  signInLines,
  vigilFrontDoor,
  vigilHttpApp,
} from './runtime/http.ts';
import { shareQuotaAcrossProcesses } from './runtime/worker.ts';
import { parseCommandArgs, reportUsageError } from './support/args.ts';
import { cliTranslator } from './support/cli-language.ts';

/** The usage text in the reader's language (VIGIL_LANG, else LANG); flags and command names stay as typed. */
const usage = (): string => cliTranslator().t('cli.usage.serve');

export async function runServeCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, { help: { type: 'boolean', short: 'h' } });
  if (!parsed.ok) return reportUsageError('serve', parsed.error, usage());
  if (parsed.values['help'] === true) {
    console.log(usage());
    return 0;
  }
  const base = commandBase('serve');
  if (typeof base === 'number') return base;
  const doorEnv = frontDoorEnvOrReport('serve', base.env);
  if (doorEnv === null) return EXIT_BAD_CONFIG;
  return withStore('serve', base, async (store) => {
    // A new install is provisioned here and synced by a worker a moment later: both count
    // against the portal's one limit.
    shareQuotaAcrossProcesses(store);
    // Sends jobs only: no handlers, no schedule — the workers do the work.
    const queue = await startQueue(
      store,
      {},
      { logger: base.logger.child({ component: 'queue' }), schedule: false },
    );
    try {
      const door = vigilFrontDoor(base.env, doorEnv, store, base.logger);
      purgeSessionsEvery(store, base.logger);
      const http = await listen(vigilHttpApp(store, queue, base.logger, door), base.env.port);
      console.log(cliTranslator().t('cli.serve.running', { url: http.url }));
      for (const line of signInLines(door, doorEnv, http.url)) console.log(line);
      await untilSignal(base.logger);
      await http.close();
      return 0;
    } finally {
      await stopQueue(queue);
    }
  });
}
