import { describe, expect, it } from 'vitest';
import { diffOutcomes, type Outcome } from './preview-diff.ts';

const o = (id: string, over: Partial<Outcome> = {}): Outcome => ({
  companyId: id,
  name: `Co ${id}`,
  health: 75,
  status: 'healthy',
  risk: 10,
  riskLevel: 'low',
  tier: 'low',
  ...over,
});

describe('settings preview diff', () => {
  it('counts status, tier and risk-level moves with their transitions', () => {
    const before = [o('1'), o('2'), o('3'), o('4', { health: null, status: null })];
    const after = [
      o('1', { health: 65, status: 'neutral' }),
      o('2', { health: 50, status: 'neutral', risk: 60, riskLevel: 'high' }),
      o('3', { tier: 'high' }),
      o('4', { health: null, status: null }),
    ];
    const d = diffOutcomes(before, after);
    expect(d.companies).toBe(4);
    expect(d.status.changed).toBe(2);
    expect(d.status.byTransition).toEqual({ 'healthy → neutral': 2 });
    // Largest health move first.
    expect(d.status.examples.map((e) => e.companyId)).toEqual(['2', '1']);
    expect(d.status.examples[0]).toEqual({ companyId: '2', name: 'Co 2', from: 'healthy', to: 'neutral' });
    expect(d.riskLevel).toMatchObject({ changed: 1, byTransition: { 'low → high': 1 } });
    expect(d.tier).toMatchObject({ changed: 1, byTransition: { 'low → high': 1 } });
    expect(d.averageHealth).toEqual({ before: 75, after: (65 + 50 + 75) / 3 });
  });

  it('reports nothing for an unchanged book, and at most five examples', () => {
    const book = Array.from({ length: 20 }, (_, i) => o(String(i)));
    expect(diffOutcomes(book, book).status).toEqual({ changed: 0, byTransition: {}, examples: [] });
    const moved = book.map((b) => ({ ...b, status: 'at_risk' as const, health: 10 }));
    const d = diffOutcomes(book, moved);
    expect(d.status.changed).toBe(20);
    expect(d.status.examples).toHaveLength(5);
  });

  it('ignores companies on one side only', () => {
    const d = diffOutcomes([o('1')], [o('2', { status: 'neutral' })]);
    expect(d.companies).toBe(0);
    expect(d.status.changed).toBe(0);
  });
});
