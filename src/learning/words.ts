import { REASON_CODES } from '../domain/churn/codes.ts';
import { signalFeatureOf } from '../domain/churn/features.ts';
import { formatNumber } from '../domain/churn/format.ts';
import type { FittedChurnModel } from '../domain/config/schema.ts';

export interface CoefficientInWords {
  feature: string;
  /** Risk points the step adds (negative: takes off) for the portal's average customer. */
  points: number;
  sentence: string;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * A fitted model's coefficients in words ("each 10 more days without a login adds about
 * 3 points of risk"): the effect of one meaningful step of each feature on the risk of
 * the portal's average customer (the model's baseline), largest first. The sentence is
 * built in one place, so a message catalogue can take it over.
 */
export function coefficientsInWords(model: FittedChurnModel, limit = 8): CoefficientInWords[] {
  const baseline = model.baseline ?? {};
  let z = model.intercept;
  for (const [name, c] of Object.entries(model.coefficients)) z += c * (baseline[name] ?? 0);
  const p = sigmoid(z);
  const slope = 100 * p * (1 - p);
  const out: CoefficientInWords[] = [];
  for (const [name, c] of Object.entries(model.coefficients)) {
    const f = signalFeatureOf(name);
    const missing = name.startsWith('missing_');
    let step = 1;
    let what: string;
    if (f !== undefined && missing) what = `not knowing ${f.name.replaceAll('_', ' ')}`;
    else if (f !== undefined) {
      step = f.unit.step;
      what = `each ${f.unit.words}`;
    } else if ((REASON_CODES as readonly string[]).includes(name))
      what = `the rule "${name}" firing at full strength`;
    else if (name === 'health_gap') what = 'health at 0 rather than 100';
    else what = name;
    const points = slope * c * step;
    if (Math.abs(points) < 0.05) continue;
    const amount = formatNumber(Math.abs(points));
    const verb = points > 0 ? 'adds' : 'takes off';
    out.push({
      feature: name,
      points,
      sentence: `${capitalise(what)} ${verb} about ${amount} points of risk`,
    });
  }
  out.sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  return out.slice(0, limit);
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
