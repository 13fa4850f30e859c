import { connectorFactory } from './runtime/connectors.ts';
import { commandBase, withStore } from './runtime/context.ts';
import { chooseInstall } from './runtime/installs.ts';
import { ensureProvisioned } from './runtime/provisioning.ts';
import { runSyncWithProgress } from './runtime/sync-run.ts';
import { parseCommandArgs, reportUsageError } from './support/args.ts';
import { cliTranslator } from './support/cli-language.ts';
import { formatSummary, summaryExitCode } from './support/summary-text.ts';

/** The usage text in the reader's language (VIGIL_LANG, else LANG); flags and command names stay as typed. */
const usage = (): string => cliTranslator().t('cli.usage.sync');

export async function runSyncCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    full: { type: 'boolean' },
    json: { type: 'boolean' },
    install: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (!parsed.ok) return reportUsageError('sync', parsed.error, usage());
  if (parsed.values['help'] === true) {
    console.log(usage());
    return 0;
  }
  const json = parsed.values['json'] === true;
  const mode = parsed.values['full'] === true ? 'full' : 'incremental';
  const base = commandBase('sync', { oneShot: true });
  if (typeof base === 'number') return base;
  const installId = parsed.values['install'];
  return withStore('sync', base, async (store) => {
    const install = await chooseInstall(store, base.env, base.logger, {
      installId: typeof installId === 'string' ? installId : undefined,
      contactCrm: true,
    });
    const connector = await connectorFactory(store, base.env, base.logger)(install.id);
    // Write-back needs Vigil's properties in the portal: created on the first sync.
    await ensureProvisioned(store, connector, install.id, base.logger);
    const summary = await runSyncWithProgress({
      store,
      connector,
      installId: install.id,
      mode,
      logger: base.logger,
      progressStream: json ? process.stderr : process.stdout,
    });
    console.log(json ? JSON.stringify(summary) : formatSummary(summary));
    return summaryExitCode(summary);
  });
}
