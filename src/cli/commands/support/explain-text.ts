import type { ReasonCode } from '../../../domain/churn/codes.ts';
import type { RiskLevel } from '../../../domain/churn/risk.ts';
import type { HealthScore } from '../../../domain/health/score.ts';
import type { CompanyScore } from '../../../domain/score.ts';
import type { DataQualityNote } from '../../../domain/signals/types.ts';
import type { TierAssignment } from '../../../domain/tiers/assign.ts';
import type { CompanyScoreRow } from '../../../store/repos/score-rows.ts';

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
const money = (x: number | null) => (x === null ? 'none' : `$${Math.round(x).toLocaleString('en-US')}`);

/** Signal keys are camelCase ("daysSinceLastLogin"); show them as words. */
export function signalLabel(signal: string): string {
  const words = signal
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([a-z])(\d)/g, '$1 $2')
    .toLowerCase();
  return words.replace(/\b(nps|csat|arr)\b/g, (w) => w.toUpperCase());
}

export function formatExplanation(input: ExplainInput): string {
  const { tier } = input;
  const h = input.health;
  const lines: string[] = [];
  lines.push(`Company ${input.companyId}${input.name ? ` — ${input.name}` : ''}`);
  lines.push(`  scored as of ${new Date(input.asOf).toISOString()}`);
  lines.push('');

  const change =
    input.change30d === null
      ? 'no 30-day history'
      : `${input.change30d > 0 ? '+' : ''}${num(input.change30d)} in 30 days`;
  lines.push(
    h.score === null
      ? `Health: not scored (no component had data), confidence ${pct(h.confidence)}`
      : `Health ${num(h.score)} (${(h.status ?? 'unscored').replace('_', ' ')}), confidence ${pct(h.confidence)}, ${change}`,
  );
  for (const c of h.components) {
    const head =
      c.score === null
        ? `  ${c.component.padEnd(11)} no data      weight ${c.weight} (left out)`
        : `  ${c.component.padEnd(11)} ${num(c.score).padStart(5)}       weight ${c.weight} → ${pct(c.effectiveWeight)} of the score`;
    lines.push(head);
    for (const s of c.signals) {
      const value = s.value === null ? 'no data' : `${num(s.value)} → ${num(s.score)}`;
      lines.push(`      ${signalLabel(s.signal).padEnd(28)} ${value}`);
    }
  }
  lines.push('');

  const r = input.risk;
  lines.push(
    `Churn risk ${num(r.score)} (${r.level}), ${r.model === 'fitted' ? "model fitted to this portal's churn" : 'rules model'}`,
  );
  if (r.all.length === 0) lines.push('  no churn signal fired');
  for (const reason of r.all) {
    const top = r.top.some((t) => t.code === reason.code) ? '*' : ' ';
    lines.push(`  ${top} ${reason.sentence} [${reason.code}, +${num(reason.contribution)} points]`);
  }
  if (r.top.length > 0) lines.push('  (* = the top reasons written to the CRM)');
  lines.push('');

  if (tier === null) {
    lines.push('Touch tier: not assigned yet');
  } else {
    lines.push(`Touch tier: ${tier.tier} touch (${tier.rule.replace(/_/g, ' ')})`);
    lines.push(
      `  expected LTV ${money(tier.expectedLtv)}, ARR ${money(input.arr)}, lifetime ${num(tier.lifetimeYears)} years at ${pct(tier.annualChurnRate)} annual churn`,
    );
    lines.push(`  ${tier.explanation}`);
  }

  if (input.quality.length > 0) {
    lines.push('');
    lines.push(`Data Vigil could not use (${input.quality.length}):`);
    for (const q of input.quality.slice(0, 10)) lines.push(`  ${q.property} on ${q.recordId}: ${q.message}`);
    if (input.quality.length > 10) lines.push(`  … and ${input.quality.length - 10} more`);
  }
  return lines.join('\n');
}
