import { parseArgs } from 'node:util';
import { defaultScoringConfig } from '../../src/domain/config/parse.ts';
import { rocAuc } from '../../src/domain/stats/auc.ts';
import { backtest } from '../../src/learning/evaluate.ts';
import { reconstructExamples } from '../../src/learning/reconstruct.ts';
import { seededCompaniesWithHistory } from '../../src/learning/seeded.ts';
import { generatePortal } from '../../src/sandbox/seed/generate.ts';

/**
 * The fitted churn model against the rules: `node scripts/bench/model.ts [--json]
 * [--companies 2000] [--seeds 1,2,3] [--horizon 180]`. For each seeded portal (24 months
 * of history, known truth) it rebuilds training examples from the property history
 * alone, as a new install would on day one, fits on the older examples and reports on
 * the newer ones held out from the fit: the rules' AUC, the fitted model's AUC and the
 * share of churners each finds in its riskiest 10 %. `truthAuc` ranks the same held-out
 * customers by the seed's hidden true health (as of then): the ceiling the data allows.
 */
const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    companies: { type: 'string', default: '2000' },
    seeds: { type: 'string', default: '1,2,3' },
    horizon: { type: 'string', default: '180' },
  },
});
const companies = Number(values.companies);
const seeds = values.seeds.split(',').map(Number);
const horizonDays = Number(values.horizon);
if (!Number.isInteger(companies) || companies < 100) throw new Error('--companies must be an integer ≥ 100');
if (seeds.some((s) => !Number.isInteger(s))) throw new Error('--seeds must be integers, comma-separated');
if (!(horizonDays > 0)) throw new Error('--horizon must be a positive number of days');

const NOW = Date.UTC(2026, 10, 1);
const config = defaultScoringConfig();
const portals = [];
const started = performance.now();
for (const seed of seeds) {
  const portal = generatePortal({ size: companies, seed, now: NOW });
  const t0 = performance.now();
  const r = reconstructExamples(seededCompaniesWithHistory(portal), config, { horizonDays, now: NOW });
  const t1 = performance.now();
  const b = backtest(r.examples, { now: NOW });
  const t2 = performance.now();
  const truth = new Map(portal.truth.map((t) => [t.companyId, t.trueHealth]));
  const held = r.examples.slice(r.examples.length - b.heldOut.examples);
  const truthAuc = rocAuc(
    held.map((e) => -(truth.get(e.companyId) ?? 50)),
    held.map((e) => e.churned),
  );
  portals.push({
    seed,
    companies,
    examples: b.examples,
    churned: b.churned,
    heldOut: b.heldOut.examples,
    heldOutChurned: b.heldOut.churned,
    rulesAuc: round(b.rulesAuc),
    fittedAuc: round(b.fittedAuc),
    fittedCvAuc: round(b.fittedCvAuc),
    truthAuc: round(truthAuc),
    topDecileCapture: { rules: round(b.topDecileCapture.rules), fitted: round(b.topDecileCapture.fitted) },
    proposed: b.proposed,
    reconstructSeconds: round((t1 - t0) / 1000),
    fitSeconds: round((t2 - t1) / 1000),
  });
}
const mean = (xs: Array<number | null>) => {
  const ok = xs.filter((x): x is number => x !== null);
  return ok.length === 0 ? null : round(ok.reduce((a, b) => a + b, 0) / ok.length);
};
const result = {
  bench: 'model',
  horizonDays,
  rulesAuc: mean(portals.map((p) => p.rulesAuc)),
  fittedAuc: mean(portals.map((p) => p.fittedAuc)),
  truthAuc: mean(portals.map((p) => p.truthAuc)),
  topDecileCapture: {
    rules: mean(portals.map((p) => p.topDecileCapture.rules)),
    fitted: mean(portals.map((p) => p.topDecileCapture.fitted)),
  },
  proposed: portals.filter((p) => p.proposed).length,
  portals,
  seconds: round((performance.now() - started) / 1000),
};
if (values.json) console.log(JSON.stringify(result));
else {
  for (const p of portals) {
    console.log(
      `seed ${p.seed}: ${p.examples} examples (${p.churned} churned), held out ${p.heldOut}: ` +
        `rules AUC ${p.rulesAuc}, fitted ${p.fittedAuc} (truth ${p.truthAuc}); top 10 % captures ` +
        `${p.topDecileCapture.rules} vs ${p.topDecileCapture.fitted}; ${p.proposed ? 'proposed' : 'not proposed'}`,
    );
  }
  console.log(
    `mean: rules AUC ${result.rulesAuc}, fitted ${result.fittedAuc}, truth ${result.truthAuc}; ${result.seconds} s`,
  );
}

function round(x: number | null): number | null {
  return x === null ? null : Math.round(x * 1000) / 1000;
}
