import type { CompanyScore } from '../../../domain/score.ts';
import type { TierAssignment } from '../../../domain/tiers/assign.ts';

/**
 * `vigil score <id> --explain`: a company's score as a rep or an admin reads it — the
 * health with its components and signals (value → curve score, weight), the churn
 * risk with every reason that fired, the tier with the LTV behind it, and the data
 * the CRM held but Vigil could not use.
 */
export interface ExplainInput {
  score: CompanyScore;
  tier: TierAssignment | null;
  name?: string | null;
  scoredAt?: number | null;
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
  const { score, tier } = input;
  const h = score.health;
  const lines: string[] = [];
  lines.push(`Company ${score.companyId}${input.name ? ` — ${input.name}` : ''}`);
  lines.push(`  scored as of ${new Date(score.asOf).toISOString()}`);
  lines.push('');

  const change =
    score.change30d === null
      ? 'no 30-day history'
      : `${score.change30d > 0 ? '+' : ''}${num(score.change30d)} in 30 days`;
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

  const r = score.risk;
  lines.push(
    `Churn risk ${num(r.score)} (${r.level}), ${r.model === 'fitted' ? "model fitted to this portal's churn" : 'rules model'}`,
  );
  if (r.allReasons.length === 0) lines.push('  no churn signal fired');
  r.allReasons.forEach((reason, i) => {
    const top = i < r.reasons.length ? '*' : ' ';
    lines.push(`  ${top} ${reason.sentence} [${reason.code}, +${num(reason.contribution)} points]`);
  });
  if (r.reasons.length > 0) lines.push('  (* = the top reasons written to the CRM)');
  lines.push('');

  if (tier === null) {
    lines.push('Touch tier: not assigned yet');
  } else {
    lines.push(`Touch tier: ${tier.tier} touch (${tier.rule.replace(/_/g, ' ')})`);
    lines.push(
      `  expected LTV ${money(tier.expectedLtv)}, ARR ${money(score.signals.commercial.arr)}, lifetime ${num(tier.lifetimeYears)} years at ${pct(tier.annualChurnRate)} annual churn`,
    );
    lines.push(`  ${tier.explanation}`);
  }

  if (score.quality.length > 0) {
    lines.push('');
    lines.push(`Data Vigil could not use (${score.quality.length}):`);
    for (const q of score.quality.slice(0, 10)) lines.push(`  ${q.property} on ${q.recordId}: ${q.message}`);
    if (score.quality.length > 10) lines.push(`  … and ${score.quality.length - 10} more`);
  }
  return lines.join('\n');
}
