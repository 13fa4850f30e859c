import { reasonSentence } from '../../domain/churn/sentences.ts';
import { riskLabel, statusLabel, tierLabel } from '../../i18n/labels.ts';
import { commandBase, withStore } from './runtime/context.ts';
import { chooseInstall } from './runtime/installs.ts';
import { parseCommandArgs, reportUsageError } from './support/args.ts';
import { cliTranslator, portalCliTranslator } from './support/cli-language.ts';
import { explainFromRow, formatExplanation } from './support/explain-text.ts';

/** The usage text in the reader's language (VIGIL_LANG, else LANG); flags and command names stay as typed. */
const usage = (): string => cliTranslator().t('cli.usage.score');

export async function runScoreCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(
    argv,
    {
      explain: { type: 'boolean' },
      json: { type: 'boolean' },
      install: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    { min: 1, max: 1, names: '<companyId>' },
  );
  if (!parsed.ok) return reportUsageError('score', parsed.error, usage());
  if (parsed.values['help'] === true) {
    console.log(usage());
    return 0;
  }
  const companyId = parsed.positionals[0] ?? '';
  const base = commandBase('score', { oneShot: true });
  if (typeof base === 'number') return base;
  const installId = parsed.values['install'];
  return withStore('score', base, async (store) => {
    const install = await chooseInstall(store, base.env, base.logger, {
      installId: typeof installId === 'string' ? installId : undefined,
      contactCrm: false,
    });
    const row = await store.scores.get(install.id, companyId);
    const tr = await portalCliTranslator(store, install.id);
    if (row === null) {
      console.error(
        `vigil score: ${tr.t('cli.score.not_found', { id: companyId, account: install.accountId })}`,
      );
      return 1;
    }
    if (parsed.values['json'] === true) {
      console.log(JSON.stringify(row));
    } else if (parsed.values['explain'] === true) {
      console.log(formatExplanation(explainFromRow(row), tr));
    } else {
      const asStored = tr.locale === 'en' && tr.currency === 'USD';
      const reasons = row.reasonsDetail.map((r) =>
        asStored || r.values === undefined ? r.sentence : reasonSentence(r.code, r.values, tr),
      );
      console.log(
        tr.t('cli.score.line', {
          id: row.companyId,
          hasName: row.name ? 'yes' : 'no',
          name: row.name ?? '',
          scored: row.health === null ? 'no' : 'yes',
          health: row.health ?? 0,
          status: row.status === null ? '' : statusLabel(row.status, tr),
          risk: row.risk,
          level: riskLabel(row.riskLevel, tr),
          tier: tierLabel(row.tier, tr),
        }) + reasons.map((r) => `\n  ${r}`).join(''),
      );
    }
    return 0;
  });
}
