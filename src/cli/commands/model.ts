import {
  adoptModel,
  fitPortalModel,
  NoHistoryError,
  type PortalFit,
  revertModel,
} from '../../learning/portal.ts';
import { portalFitDeps } from '../../learning/store-deps.ts';
import { coefficientsInWords } from '../../learning/words.ts';
import { runSync } from '../../sync/engine.ts';
import { syncStoreOf } from '../../sync/store-adapter.ts';
import { connectorFactory } from './runtime/connectors.ts';
import { commandBase, withStore } from './runtime/context.ts';
import { chooseInstall } from './runtime/installs.ts';
import { parseCommandArgs, reportUsageError } from './support/args.ts';
import { cliTranslator, portalCliTranslator } from './support/cli-language.ts';

/** The usage text in the reader's language (VIGIL_LANG, else LANG); flags and command names stay as typed. */
const usage = (): string => cliTranslator().t('cli.usage.model');

const auc = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));

export async function runModelCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(
    argv,
    {
      json: { type: 'boolean' },
      adopt: { type: 'boolean' },
      horizon: { type: 'string' },
      install: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    { min: 1, max: 1, names: '<fit|show|revert>' },
  );
  if (!parsed.ok) return reportUsageError('model', parsed.error, usage());
  if (parsed.values['help'] === true) {
    console.log(usage());
    return 0;
  }
  const sub = parsed.positionals[0];
  if (sub !== 'fit' && sub !== 'show' && sub !== 'revert') {
    return reportUsageError('model', `unknown subcommand "${sub}": use fit, show or revert`, usage());
  }
  const horizonRaw = parsed.values['horizon'];
  const horizonDays = typeof horizonRaw === 'string' ? Number(horizonRaw) : 180;
  if (!Number.isInteger(horizonDays) || horizonDays < 7 || horizonDays > 730) {
    return reportUsageError(
      'model',
      `--horizon must be a whole number of days from 7 to 730, got ${String(horizonRaw)}`,
      usage(),
    );
  }
  const base = commandBase('model', { oneShot: true });
  if (typeof base === 'number') return base;
  const installId = parsed.values['install'];
  const json = parsed.values['json'] === true;
  return withStore('model', base, async (store) => {
    const install = await chooseInstall(store, base.env, base.logger, {
      installId: typeof installId === 'string' ? installId : undefined,
      contactCrm: sub === 'fit',
    });
    const current = await store.configs.current(install.id);
    const tr = await portalCliTranslator(store, install.id);
    if (sub === 'show') {
      const model = current.config.churn.model;
      if (model.kind === 'rules') {
        console.log(tr.t('cli.model.rules', { account: install.accountId, version: current.version }));
        return 0;
      }
      console.log(
        tr.t('cli.model.fitted', {
          account: install.accountId,
          date: tr.date(model.fittedAt),
          samples: model.samples,
          churned: model.churned,
          fitted: auc(model.aucFitted),
          rules: auc(model.aucRules),
        }),
      );
      for (const c of coefficientsInWords(model, 8, tr)) console.log(`  ${c.sentence}`);
      return 0;
    }
    const connector = await connectorFactory(store, base.env, base.logger)(install.id);
    const rescore = () =>
      runSync(
        {
          store: syncStoreOf(store),
          connector,
          clock: { now: () => Date.now() },
          logger: base.logger.child({ component: 'sync' }),
        },
        { installId: install.id, mode: 'full', scope: 'recompute', cause: 'model' },
      );
    if (sub === 'revert') {
      const version = await store.configs.save(
        install.id,
        revertModel(current.config),
        'churn model: back to the rules',
      );
      await store.models.markReverted(install.id);
      await rescore();
      console.log(tr.t('cli.model.reverted', { version }));
      return 0;
    }
    const now = Date.now();
    let fit: PortalFit;
    try {
      fit = await fitPortalModel(portalFitDeps(store, connector, install.id, now), current.config, {
        horizonDays,
        now,
      });
    } catch (error) {
      if (error instanceof NoHistoryError) {
        console.error(`vigil model: ${error.message}`);
        return 1;
      }
      throw error;
    }
    const b = fit.backtest;
    // Every fit is kept with its backtest, proposed or not: the Model page shows the latest.
    const recorded = await store.models.record(install.id, fit, 'manual');
    let adopted = false;
    let version: number | null = null;
    if (parsed.values['adopt'] === true) {
      const next = adoptModel(current.config, fit);
      if (next !== null) {
        version = await store.configs.save(
          install.id,
          next,
          `churn model fitted on ${b.examples} customers: AUC ${auc(b.fittedAuc)} vs rules ${auc(b.rulesAuc)} on the newest ${b.heldOut.examples}`,
        );
        await store.models.markAdopted(install.id, recorded.id, version);
        await rescore();
        adopted = true;
      }
    }
    const line = {
      examples: b.examples,
      churned: b.churned,
      rulesAuc: b.rulesAuc,
      fittedAuc: b.fittedAuc,
      fittedCvAuc: b.fittedCvAuc,
      topDecileCapture: b.topDecileCapture,
      heldOut: b.heldOut.examples,
      proposed: b.proposed,
      adopted,
      configVersion: version,
      fitId: recorded.id,
      horizonDays,
      sources: fit.sources,
      ...(fit.historyNote === undefined ? {} : { historyNote: fit.historyNote }),
      reason: b.reason,
    };
    if (json) console.log(JSON.stringify(line));
    else {
      // The verdict's sentence is English (it names the deciding rule); other languages get its numbers.
      const verdict =
        tr.locale === 'en'
          ? b.reason
          : tr.t('cli.model.verdict', { proposed: b.proposed ? 'yes' : 'no', heldOut: b.heldOut.examples });
      console.log(
        tr.t('cli.model.fit_line', {
          examples: b.examples,
          churned: b.churned,
          horizon: horizonDays,
          rules: auc(b.rulesAuc),
          fitted: auc(b.fittedAuc),
          heldOut: b.heldOut.examples,
          verdict,
          adopted: adopted ? 'yes' : 'no',
          version: version ?? 0,
        }),
      );
      if (b.model !== null)
        for (const c of coefficientsInWords(b.model, 8, tr)) console.log(`  ${c.sentence}`);
      if (fit.historyNote !== undefined) console.log(`  ${fit.historyNote}`);
    }
    return 0;
  });
}
