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

const USAGE = `Usage: vigil serve

Serves the dashboard and the HTTP API (portfolio, companies by churn risk, company
detail, sync runs, /healthz, /metrics) on PORT (default 3000) from the store, until
Ctrl-C. Jobs it asks for (a rescore after a settings change) run on 'vigil worker'.

Options:
  -h, --help   Show this help`;

export async function runServeCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, { help: { type: 'boolean', short: 'h' } });
  if (!parsed.ok) return reportUsageError('serve', parsed.error, USAGE);
  if (parsed.values['help'] === true) {
    console.log(USAGE);
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
      console.log(`Vigil dashboard and API on ${http.url}  (Ctrl-C stops it)`);
      for (const line of signInLines(door, doorEnv, http.url)) console.log(line);
      await untilSignal(base.logger);
      await http.close();
      return 0;
    } finally {
      await stopQueue(queue);
    }
  });
}
