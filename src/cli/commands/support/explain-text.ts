import type { ReasonCode } from '../../../domain/churn/codes.ts';
import type { RiskLevel } from '../../../domain/churn/risk.ts';
import { reasonSentence } from '../../../domain/churn/sentences.ts';
import type { HealthScore } from '../../../domain/health/score.ts';
import type { CompanyScore } from '../../../domain/score.ts';
import type { DataQualityNote } from '../../../domain/signals/types.ts';
import type { TierAssignment } from '../../../domain/tiers/assign.ts';
import { explainTier } from '../../../domain/tiers/explain.ts';
import { type Translator, translator } from '../../../i18n/index.ts';
import {
  componentLabel,
  riskLabel,
  ruleLabel,
  signalName,
  statusLabel,
  tierLabel,
} from '../../../i18n/labels.ts';
import type { CompanyScoreRow } from '../../../store/repos/score-rows.ts';
import { displayWidth } from './cli-language.ts';

/**
 * `vigil score <id> --explain`: a company's score as a rep or an admin reads it — the
 * health with its components and signals (value → curve score, weight), the churn
 * risk with every reason that fired, the tier with the LTV behind it, and the data
 * the CRM held but Vigil could not use.
 */
interface Reason {
  code: ReasonCode;
  sentence: string;
  contribution: number;
  /** The numbers behind the sentence, to say it in the reader's language (absent on old scores). */
  values?: Record<string, number | string | null> | undefined;
}

export interface ExplainInput {
  companyId: string;
  name: string | null;
  asOf: number;
  health: HealthScore;
  change30d: number | null;
  risk: { score: number; level: RiskLevel; model: 'rules' | 'fitted'; top: Reason[]; all: Reason[] };
  tier: TierAssignment | null;
  arr: number | null;
  quality: readonly DataQualityNote[];
}

/** From a score just computed by the domain core. */
export function explainFromScore(
  score: CompanyScore,
  tier: TierAssignment | null,
  name: string | null = null,
): ExplainInput {
  return {
    companyId: score.companyId,
    name,
    asOf: score.asOf,
    health: score.health,
    change30d: score.change30d,
    risk: {
      score: score.risk.score,
      level: score.risk.level,
      model: score.risk.model,
      top: score.risk.reasons,
      all: score.risk.allReasons,
    },
    tier,
    arr: score.signals.commercial.arr,
    quality: score.quality,
  };
}

/** From the store's current score row (what was last written to the CRM). */
export function explainFromRow(row: CompanyScoreRow): ExplainInput {
  return {
    companyId: row.companyId,
    name: row.name,
    asOf: row.scoredAt,
    health: row.breakdown.health,
    change30d: row.change30d,
    risk: {
      score: row.risk,
      level: row.riskLevel,
      model: row.breakdown.risk.model,
      top: row.reasonsDetail,
      all: row.breakdown.risk.allReasons,
    },
    tier: row.breakdown.tier,
    arr: row.arr,
    quality: row.breakdown.quality,
  };
}

const pct = (x: number) => `${Math.round(x * 100)} %`;
const num = (x: number | null) =>
  x === null
    ? '—'
    : Number.isInteger(x)
      ? x.toLocaleString('en-US')
      : x.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** Signal keys are camelCase ("daysSinceLastLogin"); show them as words. */
export function signalLabel(signal: string): string {
  const words = signal
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([a-z])(\d)/g, '$1 $2')
    .toLowerCase();
  return words.replace(/\b(nps|csat|arr)\b/g, (w) => w.toUpperCase());
}

/** Pads to a terminal width: Japanese characters take two columns. */
const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/**
 * The explanation in the reader's language (VIGIL_LANG / LANG) with amounts in the
 * portal's currency. An English reader of a dollar portal reads sentences exactly as
 * stored (what was written to the CRM); others have them said again from their numbers.
 */
export function formatExplanation(input: ExplainInput, tr: Translator = translator('en')): string {
  const { tier } = input;
  const h = input.health;
  const asStored = tr.locale === 'en' && tr.currency === 'USD';
  const lines: string[] = [];
  lines.push(
    tr.t('cli.explain.company', {
      id: input.companyId,
      hasName: input.name ? 'yes' : 'no',
      name: input.name ?? '',
    }),
  );
  lines.push(`  ${tr.t('cli.explain.as_of', { when: tr.dateTime(input.asOf) })}`);
  lines.push('');

  const change =
    input.change30d === null
      ? tr.t('cli.explain.change', { known: 'no', change: '' })
      : tr.t('cli.explain.change', {
          known: 'yes',
          change: `${input.change30d > 0 ? '+' : ''}${num(input.change30d)}`,
        });
  lines.push(
    h.score === null
      ? tr.t('cli.explain.health_unscored', { confidence: pct(h.confidence) })
      : tr.t('cli.explain.health', {
          health: num(h.score),
          status: h.status === null ? tr.t('label.unscored') : statusLabel(h.status, tr),
          confidence: pct(h.confidence),
          change,
        }),
  );
  for (const c of h.components) {
    const name = pad(componentLabel(c.component, tr), 11);
    const head =
      c.score === null
        ? `  ${name} ${pad(tr.t('cli.explain.no_data'), 11)} ${tr.t('cli.explain.weight_left_out', { weight: c.weight })}`
        : `  ${name} ${num(c.score).padStart(5)}       ${tr.t('cli.explain.weight_share', { weight: c.weight, share: pct(c.effectiveWeight) })}`;
    lines.push(head);
    for (const s of c.signals) {
      const value = s.value === null ? tr.t('cli.explain.no_data') : `${num(s.value)} → ${num(s.score)}`;
      lines.push(`      ${pad(signalName(s.signal, tr) ?? signalLabel(s.signal), 28)} ${value}`);
    }
  }
  lines.push('');

  const r = input.risk;
  lines.push(tr.t('cli.explain.risk', { risk: num(r.score), level: riskLabel(r.level, tr), model: r.model }));
  if (r.all.length === 0) lines.push(`  ${tr.t('cli.explain.no_reason')}`);
  for (const reason of r.all) {
    const top = r.top.some((t) => t.code === reason.code) ? '*' : ' ';
    const sentence =
      asStored || reason.values === undefined
        ? reason.sentence
        : reasonSentence(reason.code, reason.values, tr);
    lines.push(
      `  ${top} ${tr.t('cli.explain.reason', { sentence, code: reason.code, points: num(reason.contribution) })}`,
    );
  }
  if (r.top.length > 0) lines.push(`  ${tr.t('cli.explain.top_note')}`);
  lines.push('');

  const money = (x: number | null) => (x === null ? tr.t('cli.explain.no_money') : tr.money(x));
  if (tier === null) {
    lines.push(tr.t('cli.explain.no_tier'));
  } else {
    lines.push(tr.t('cli.explain.tier', { tier: tierLabel(tier.tier, tr), rule: ruleLabel(tier.rule, tr) }));
    lines.push(
      `  ${tr.t('cli.explain.tier_numbers', {
        ltv: money(tier.expectedLtv),
        arr: money(input.arr),
        years: num(tier.lifetimeYears),
        churn: pct(tier.annualChurnRate),
      })}`,
    );
    lines.push(`  ${asStored || tier.facts === undefined ? tier.explanation : explainTier(tier.facts, tr)}`);
  }

  if (input.quality.length > 0) {
    lines.push('');
    lines.push(tr.t('cli.explain.quality', { count: input.quality.length }));
    for (const q of input.quality.slice(0, 10))
      lines.push(
        `  ${tr.t('cli.explain.quality_item', {
          property: q.property,
          record: q.recordId,
          message:
            tr.locale === 'en'
              ? q.message
              : tr.t('company.data_problem', { problem: q.problem, value: q.value }),
        })}`,
      );
    if (input.quality.length > 10)
      lines.push(`  ${tr.t('cli.explain.quality_more', { count: input.quality.length - 10 })}`);
  }
  return lines.join('\n');
}
