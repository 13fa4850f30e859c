import type { ScoringMapping } from '../config/schema.ts';
import type { DealRecord } from '../records.ts';
import { isOneOf, readBoolean, readDate, readNumber, readString } from './parse.ts';
import type { DataQualityNote } from './types.ts';

export type DealKind = 'new_business' | 'renewal' | 'expansion' | 'contraction';
export type DealOutcome = 'won' | 'lost' | 'open';

export interface ClassifiedDeal {
  readonly id: string;
  readonly kind: DealKind;
  readonly outcome: DealOutcome;
  /** ARR the deal is worth (a contraction's ARR removed, as a positive number). */
  readonly amount: number | null;
  readonly closeDate: number | null;
}

type DealMapping = ScoringMapping['deal'];

/**
 * Which pipeline or deal type means renewal, upsell or downgrade is the admin's
 * mapping. Precedence: contraction, expansion, renewal, else new business — a
 * "downgrade" deal in the renewals pipeline is a contraction, not a renewal. A deal
 * with no type in a sales pipeline starts a term (most portals leave dealtype empty).
 */
export function classifyDeal(
  deal: DealRecord,
  m: DealMapping,
  notes: DataQualityNote[],
  now: number,
): ClassifiedDeal {
  const p = deal.properties;
  const type = m.dealType === null ? null : readString(p[m.dealType]);
  const pipeline = m.pipeline === null ? null : readString(p[m.pipeline]);
  const kind = kindOf(type, pipeline, m);

  let amount: number | null;
  if (kind === 'contraction') {
    // Downgrades are often entered as negative amounts; either sign means ARR removed.
    const raw = readNumber(p[m.amount], notes, deal.id, 'commercial.dealAmount', m.amount);
    amount = raw === null ? null : Math.abs(raw);
  } else {
    amount = readNumber(p[m.amount], notes, deal.id, 'commercial.dealAmount', m.amount, 0);
  }
  const closeDate = readDate(
    p[m.closeDate],
    notes,
    deal.id,
    'commercial.dealCloseDate',
    m.closeDate,
    now,
    true,
  );
  return { id: deal.id, kind, outcome: outcomeOf(deal, m, notes), amount, closeDate };
}

function kindOf(type: string | null, pipeline: string | null, m: DealMapping): DealKind {
  if (matches(type, pipeline, m.contraction)) return 'contraction';
  if (matches(type, pipeline, m.expansion)) return 'expansion';
  if (matches(type, pipeline, m.renewal)) return 'renewal';
  return 'new_business';
}

function matches(
  type: string | null,
  pipeline: string | null,
  rule: { pipelines: readonly string[]; dealTypes: readonly string[] },
): boolean {
  return (
    (type !== null && isOneOf(rule.dealTypes, type)) ||
    (pipeline !== null && isOneOf(rule.pipelines, pipeline))
  );
}

function outcomeOf(deal: DealRecord, m: DealMapping, notes: DataQualityNote[]): DealOutcome {
  const p = deal.properties;
  if (m.isWon !== null) {
    const won = readBoolean(p[m.isWon], notes, deal.id, 'commercial.dealWon', m.isWon);
    if (won === true) return 'won';
    if (m.isClosed !== null) {
      const closed = readBoolean(p[m.isClosed], notes, deal.id, 'commercial.dealClosed', m.isClosed);
      if (closed !== null) return closed ? 'lost' : 'open';
    }
  }
  const stage = readString(p[m.stage]);
  if (stage === null) return 'open';
  if (isOneOf(m.wonStages, stage)) return 'won';
  if (isOneOf(m.lostStages, stage)) return 'lost';
  return 'open';
}
