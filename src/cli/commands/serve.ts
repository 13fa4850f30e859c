import { createHttpApp } from '../../http/app.ts';
import { listen } from '../../http/server.ts';
import { commandBase, untilSignal, withStore } from './runtime/context.ts';
import { parseCommandArgs, reportUsageError } from './support/args.ts';

const USAGE = `Usage: vigil serve

Serves the HTTP API (portfolio, companies by churn risk, company detail, sync runs,
/healthz, /metrics) on PORT (default 3000) from the store, until Ctrl-C.

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
  return withStore('serve', base, async (store) => {
    const http = await listen(
      createHttpApp({ store, logger: base.logger.child({ component: 'http' }) }),
      base.env.port,
    );
    console.log(`Vigil API on ${http.url}  (Ctrl-C stops it)`);
    await untilSignal(base.logger);
    await http.close();
    return 0;
  });
}
