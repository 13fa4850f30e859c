import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../config/parse.ts';
import type { Properties } from '../records.ts';
import { classifyDeal } from './deals.ts';
import type { DataQualityNote } from './types.ts';

const NOW = Date.UTC(2026, 0, 15);
const mapping = defaultScoringConfig().mapping.deal;

function classify(properties: Properties, m = mapping) {
  const notes: DataQualityNote[] = [];
  const deal = classifyDeal({ id: 'd1', properties }, m, notes, NOW);
  return { deal, problems: notes.map((n) => n.problem) };
}

describe('classifyDeal', () => {
  it.each([
    [{ dealtype: 'newbusiness' }, 'new_business'],
    [{}, 'new_business'],
    [{ dealtype: 'renewal' }, 'renewal'],
    [{ pipeline: 'renewals' }, 'renewal'],
    [{ dealtype: 'existingbusiness' }, 'expansion'],
    [{ dealtype: 'upsell' }, 'expansion'],
    [{ dealtype: 'downgrade' }, 'contraction'],
    [{ dealtype: 'downgrade', pipeline: 'renewals' }, 'contraction'],
    [{ dealtype: 'something_else' }, 'new_business'],
  ] as const)('%j is %s', (props, kind) => {
    expect(classify(props).deal.kind).toBe(kind);
  });

  it.each([
    ['closedwon', 'won'],
    ['renewal_won', 'won'],
    ['closedlost', 'lost'],
    ['renewal_lost', 'lost'],
    ['appointmentscheduled', 'open'],
    ['', 'open'],
  ])('stage %s is %s', (dealstage, outcome) => {
    expect(classify({ dealstage }).deal.outcome).toBe(outcome);
  });

  it('lets Salesforce-style IsWon / IsClosed decide before the stage', () => {
    const m = { ...mapping, isWon: 'IsWon', isClosed: 'IsClosed' };
    expect(classify({ IsWon: 'true', IsClosed: 'true', dealstage: 'closedlost' }, m).deal.outcome).toBe(
      'won',
    );
    expect(classify({ IsWon: 'false', IsClosed: 'true', dealstage: 'closedwon' }, m).deal.outcome).toBe(
      'lost',
    );
    expect(classify({ IsWon: false, IsClosed: false, dealstage: 'closedwon' }, m).deal.outcome).toBe('open');
    expect(classify({ IsWon: 'maybe', dealstage: 'closedwon' }, m)).toMatchObject({
      deal: { outcome: 'won' },
      problems: ['not_a_number'],
    });
  });

  it('reads a downgrade amount of either sign as ARR removed, with no note', () => {
    expect(classify({ dealtype: 'downgrade', amount: '-4000' })).toMatchObject({
      deal: { amount: 4000 },
      problems: [],
    });
    expect(classify({ dealtype: 'downgrade', amount: '4000' })).toMatchObject({
      deal: { amount: 4000 },
      problems: [],
    });
  });

  it('makes a negative or unreadable amount on other deals missing, with a note', () => {
    expect(classify({ dealtype: 'newbusiness', amount: '-100' })).toMatchObject({
      deal: { amount: null },
      problems: ['negative'],
    });
    expect(classify({ amount: '$4,000' })).toMatchObject({
      deal: { amount: null },
      problems: ['not_a_number'],
    });
  });

  it('accepts future close dates (open deals close ahead) and notes bad ones', () => {
    expect(classify({ closedate: '2026-06-30T00:00:00Z' }).deal.closeDate).toBe(Date.UTC(2026, 5, 30));
    expect(classify({ closedate: 'soon' })).toMatchObject({
      deal: { closeDate: null },
      problems: ['invalid_date'],
    });
  });
});
