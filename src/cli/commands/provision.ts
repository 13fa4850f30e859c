import { connectorFactory } from './runtime/connectors.ts';
import { commandBase, withStore } from './runtime/context.ts';
import { chooseInstall } from './runtime/installs.ts';
import { ensureProvisioned } from './runtime/provisioning.ts';
import { parseCommandArgs, reportUsageError } from './support/args.ts';
import { cliTranslator } from './support/cli-language.ts';

/** The usage text in the reader's language (VIGIL_LANG, else LANG); flags and command names stay as typed. */
const usage = (): string => cliTranslator().t('cli.usage.provision');

export async function runProvisionCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    install: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (!parsed.ok) return reportUsageError('provision', parsed.error, usage());
  if (parsed.values['help'] === true) {
    console.log(usage());
    return 0;
  }
  const base = commandBase('provision', { oneShot: true });
  if (typeof base === 'number') return base;
  const installId = parsed.values['install'];
  return withStore('provision', base, async (store) => {
    const install = await chooseInstall(store, base.env, base.logger, {
      installId: typeof installId === 'string' ? installId : undefined,
      contactCrm: true,
    });
    const connector = await connectorFactory(store, base.env, base.logger)(install.id);
    const report = await ensureProvisioned(store, connector, install.id, base.logger, { force: true });
    if (report === null) throw new Error('provisioning did not run');
    if (parsed.values['json'] === true) {
      console.log(JSON.stringify({ installId: install.id, accountId: install.accountId, ...report }));
      return 0;
    }
    const tr = cliTranslator();
    const list = (names: readonly string[]) =>
      names.length === 0 ? tr.t('cli.provision.none') : names.join(', ');
    console.log(
      [
        tr.t('cli.provision.done', { account: install.accountId }),
        `  ${tr.t('cli.provision.created', { names: list(report.created) })}`,
        `  ${tr.t('cli.provision.updated', { names: list(report.updated) })}`,
        `  ${tr.t('cli.provision.unchanged', { names: list(report.unchanged) })}`,
        `  ${tr.t('cli.provision.timeline', { via: report.timeline })}`,
      ].join('\n'),
    );
    return 0;
  });
}
