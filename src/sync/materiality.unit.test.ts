import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMaterialChange, type ScoreState, timelineEntry, timelineEntryId } from './materiality.ts';

const before: ScoreState = {
  health: 72,
  status: 'healthy',
  risk: 30,
  riskLevel: 'medium',
  reasons: [],
  reasonCodes: [],
};

describe('isMaterialChange', () => {
  it('is material when status or risk level changes, or health moves by the threshold', () => {
    expect(isMaterialChange(before, { ...before, health: 63 }, 10)).toBe(false);
    expect(isMaterialChange(before, { ...before, health: 82 }, 10)).toBe(true);
    expect(isMaterialChange(before, { ...before, health: 62 }, 10)).toBe(true);
    expect(isMaterialChange(before, { ...before, status: 'neutral' }, 10)).toBe(true);
    expect(isMaterialChange(before, { ...before, riskLevel: 'high' }, 10)).toBe(true);
    expect(isMaterialChange(before, { ...before, risk: 44 }, 10)).toBe(false);
  });

  it('treats a first score as no change, and losing the score as one', () => {
    expect(isMaterialChange(null, before, 10)).toBe(false);
    expect(isMaterialChange(before, { ...before, health: null, status: null }, 10)).toBe(true);
  });

  it('is never material without a change', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 100 }), (h, t) => {
        const s: ScoreState = { ...before, health: h };
        return !isMaterialChange(s, s, t);
      }),
    );
  });
});

describe('timelineEntry', () => {
  const after: ScoreState = {
    health: 48,
    status: 'at_risk',
    risk: 81,
    riskLevel: 'critical',
    reasons: ['Nobody has logged in for 41 days', 'Latest NPS answer was 3 (detractor)'],
    reasonCodes: ['no_login', 'detractor_nps'],
  };

  it('reads like a sentence a rep understands', () => {
    const e = timelineEntry('inst-1', '101', before, after, 1000, 5000);
    expect(e.title).toBe('Health fell from 72 to 48 (at risk): nobody has logged in for 41 days');
    expect(e.body).toBe(
      'Nobody has logged in for 41 days.\nLatest NPS answer was 3 (detractor).\nChurn risk 81 (critical), was 30 (medium).',
    );
    expect(e.companyId).toBe('101');
    expect(e.occurredAt).toBe(5000);
    expect(e.properties['reasons']).toBe('no_login;detractor_nps');
  });

  it('has a deterministic id: same change → same id, any other change → another', () => {
    const a = timelineEntry('inst-1', '101', before, after, 1000, 5000);
    const b = timelineEntry('inst-1', '101', before, after, 1000, 9999);
    expect(a.id).toBe(b.id);
    expect(a.id).toMatch(/^vigil-[0-9a-f]{32}$/);
    const others = [
      timelineEntryId('inst-2', '101', before, after, 1000),
      timelineEntryId('inst-1', '102', before, after, 1000),
      timelineEntryId('inst-1', '101', before, { ...after, health: 47 }, 1000),
      timelineEntryId('inst-1', '101', before, after, 2000),
    ];
    expect(new Set([a.id, ...others]).size).toBe(5);
  });

  it('names a risk-level change when health is unchanged', () => {
    const e = timelineEntry('i', '1', before, { ...before, riskLevel: 'high', risk: 52 }, null, 0);
    expect(e.title).toBe('Churn risk rose from medium to high');
  });
});
