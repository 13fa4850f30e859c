import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../config/parse.ts';
import { type SignalOverrides, signalsWith } from '../signals/test-fixtures.ts';
import { REASON_CATALOGUE } from './catalogue.ts';
import { REASON_CODES } from './codes.ts';
import { graded, ramp, reasonSeverities } from './reasons.ts';

const NOW = Date.UTC(2026, 0, 15);
const config = defaultScoringConfig();

function reasons(o: SignalOverrides, health: number | null = null, change: number | null = null, c = config) {
  return reasonSeverities(signalsWith(o), health, change, c, NOW);
}
function only(o: SignalOverrides, health: number | null = null, change: number | null = null) {
  const all = reasons(o, health, change);
  expect(all).toHaveLength(1);
  return all[0]!;
}

describe('ramp', () => {
  it.each([
    [30, 30, 90, 0.5],
    [60, 30, 90, 0.75],
    [90, 30, 90, 1],
    [200, 30, 90, 1],
    [5, 0, 0, 1],
  ])('ramp(%d, %d, %d) = %d', (x, t, full, s) => {
    expect(ramp(x, t, full)).toBe(s);
  });
});

describe('graded', () => {
  it('rises from the soft threshold to 0.5 at the hard one, and fires on no value that rounds to 0', () => {
    expect(graded(15, 0, 30, 90)).toBe(0.25);
    expect(graded(30, 0, 30, 90)).toBe(0.5);
    expect(graded(0, 0, 30, 90)).toBeNull();
    // 0.5 × 5e-324 / 30 underflows to 0: a severity of 0 would be a reason that adds nothing.
    expect(graded(5e-324, 0, 30, 90)).toBeNull();
  });
});

describe('reasonSeverities: thresholds, severities and sentences', () => {
  it('fires nothing for a company without signals', () => {
    expect(reasons({})).toEqual([]);
  });

  it.each([
    [15, null],
    // Graded from the soft threshold (half the hard one): 29 days is nearly the risk of 30.
    [20, { severity: 0.5 * (5 / 15), sentence: 'Nobody has logged in for 20 days' }],
    [29, { severity: 0.5 * (14 / 15), sentence: 'Nobody has logged in for 29 days' }],
    [30, { severity: 0.5, sentence: 'Nobody has logged in for 30 days' }],
    [41, { severity: 0.5 + 11 / 120, sentence: 'Nobody has logged in for 41 days' }],
    [90, { severity: 1, sentence: 'Nobody has logged in for 90 days' }],
    [400, { severity: 1, sentence: 'Nobody has logged in for 400 days' }],
  ])('no_login at %d days', (days, expected) => {
    const r = reasons({ usage: { daysSinceLastLogin: days } });
    if (expected === null) expect(r).toEqual([]);
    else {
      expect(r).toEqual([
        {
          code: 'no_login',
          contribution: 0,
          values: { days, threshold: 30 },
          ...expected,
          severity: r[0]!.severity,
        },
      ]);
      expect(r[0]!.severity).toBeCloseTo(expected.severity, 12);
    }
  });

  it('says "1 day" when the threshold is that low', () => {
    const c = defaultScoringConfig();
    c.churn.thresholds.noLoginDays = 1;
    expect(reasons({ usage: { daysSinceLastLogin: 1 } }, null, null, c)[0]!.sentence).toBe(
      'Nobody has logged in for 1 day',
    );
  });

  it('never calls 0 days without login a reason, even with a threshold of 0', () => {
    const c = defaultScoringConfig();
    c.churn.thresholds.noLoginDays = 0;
    expect(reasons({ usage: { daysSinceLastLogin: 0 } }, null, null, c)).toEqual([]);
    expect(reasons({ usage: { daysSinceLastLogin: 2 } }, null, null, c)[0]!.severity).toBe(1);
  });

  it.each([
    [{ activeUsers: 9, licensedSeats: 20, seatUtilisation: 0.45 }, null, null],
    // Graded from 1.5 × the threshold (45 %) to 0.5 at it (30 %).
    [
      { activeUsers: 8, licensedSeats: 25, seatUtilisation: 0.32 },
      'Only 8 of 25 licensed seats are in use (32 %)',
      0.5 * (0.13 / 0.15),
    ],
    [
      { activeUsers: 3, licensedSeats: 10, seatUtilisation: 0.3 },
      'Only 3 of 10 licensed seats are in use (30 %)',
      0.5,
    ],
    [
      { activeUsers: 4, licensedSeats: 25, seatUtilisation: 0.16 },
      'Only 4 of 25 licensed seats are in use (16 %)',
      0.5 + 0.5 * (0.14 / 0.3),
    ],
    [
      { activeUsers: 1, licensedSeats: 25, seatUtilisation: 0.04 },
      'Only 1 of 25 licensed seats is in use (4 %)',
      0.5 + 0.5 * (0.26 / 0.3),
    ],
    [
      { activeUsers: 0, licensedSeats: 25, seatUtilisation: 0 },
      'None of the 25 licensed seats are in use',
      1,
    ],
    [{ activeUsers: 0, licensedSeats: 1, seatUtilisation: 0 }, 'The 1 licensed seat is not in use', 1],
    [
      { activeUsers: 1, licensedSeats: 2000, seatUtilisation: 0.0005 },
      'Only 1 of 2,000 licensed seats is in use (under 1 %)',
      null,
    ],
    [
      { activeUsers: null, licensedSeats: null, seatUtilisation: 0.1 },
      'Only 10 % of licensed seats are in use',
      null,
    ],
  ])('low_seat_utilisation for %j', (usage, sentence, severity) => {
    const r = reasons({ usage });
    if (sentence === null) return expect(r).toEqual([]);
    expect(r[0]!.code).toBe('low_seat_utilisation');
    expect(r[0]!.sentence).toBe(sentence);
    if (severity !== null) expect(r[0]!.severity).toBeCloseTo(severity, 12);
  });

  it.each([
    [3, null, null],
    [2.5, 'Uses only 2.5 features', 0.25],
    [2, 'Uses only 2 features', 0.5],
    [1, 'Uses only 1 feature', 0.75],
    [0, 'Uses no features', 1],
  ])('low_adoption with %d features', (features, sentence, severity) => {
    const r = reasons({ usage: { featuresUsed: features } });
    if (sentence === null) return expect(r).toEqual([]);
    expect(r[0]).toMatchObject({ code: 'low_adoption', sentence, severity });
  });

  it.each([
    [-0.15, null, null],
    [-0.29, 'Usage fell 29 % over the last 30 days', 0.5 * (0.14 / 0.15)],
    [-0.3, 'Usage fell 30 % over the last 30 days', 0.5],
    [-0.45, 'Usage fell 45 % over the last 30 days', 0.5 + 0.5 * (0.15 / 0.7)],
    [-1, 'Usage fell 100 % over the last 30 days', 1],
    [0.5, null, null],
  ])('usage_decline at a trend of %d', (trend, sentence, severity) => {
    const r = reasons({ usage: { usageTrend: trend } });
    if (sentence === null) return expect(r).toEqual([]);
    expect(r[0]).toMatchObject({ code: 'usage_decline', sentence });
    expect(r[0]!.severity).toBeCloseTo(severity!, 12);
  });

  it.each([
    [-7.5, null, null],
    [-14.9, 'Health fell 14.9 points in 30 days', 0.5 * (7.4 / 7.5)],
    [-15, 'Health fell 15 points in 30 days', 0.5],
    [-22, 'Health fell 22 points in 30 days', 0.5 + 7 / 60],
    [-45, 'Health fell 45 points in 30 days', 1],
    [-22.4, 'Health fell 22.4 points in 30 days', null],
    [10, null, null],
  ])('health_drop at a 30-day change of %d', (change, sentence, severity) => {
    const r = reasons({}, 60, change);
    if (sentence === null) return expect(r).toEqual([]);
    expect(r[0]).toMatchObject({ code: 'health_drop', sentence });
    if (severity !== null) expect(r[0]!.severity).toBeCloseTo(severity, 12);
  });

  it('says "1 point" for a one-point drop', () => {
    const c = defaultScoringConfig();
    c.churn.thresholds.healthDropAtLeast = 1;
    expect(reasons({}, 60, -1, c)[0]!.sentence).toBe('Health fell 1 point in 30 days');
  });

  it.each([
    [34, 38, 'Renews in 34 days with health at 38'],
    [1, 38, 'Renews in 1 day with health at 38'],
    [0, 38, 'Renews today with health at 38'],
    [-5, 38, 'Renewal is 5 days overdue with health at 38'],
    [-1, 20.4, 'Renewal is 1 day overdue with health at 20'],
  ])('renewal_at_risk %d days out at health %d', (days, health, sentence) => {
    expect(only({ commercial: { daysToRenewal: days } }, health)).toMatchObject({
      code: 'renewal_at_risk',
      sentence,
    });
  });

  it.each([
    [91, 30],
    [90, 50],
    [30, null],
  ])('no renewal_at_risk %d days out at health %s', (days, health) => {
    expect(reasons({ commercial: { daysToRenewal: days } }, health)).toEqual([]);
  });

  it('rates a renewal more severe the nearer it is and the lower health is', () => {
    const sev = (days: number, health: number) =>
      reasons({ commercial: { daysToRenewal: days } }, health).find((r) => r.code === 'renewal_at_risk')!
        .severity;
    expect(sev(90, 49.99)).toBeCloseTo(0.5, 3);
    expect(sev(0, 0)).toBe(1);
    expect(sev(10, 30)).toBeGreaterThan(sev(60, 30));
    expect(sev(30, 10)).toBeGreaterThan(sev(30, 40));
  });

  it.each([
    [7, null, null],
    [6, 'Latest NPS answer was 6 (detractor)', 0.5],
    [3, 'Latest NPS answer was 3 (detractor)', 0.75],
    [0, 'Latest NPS answer was 0 (detractor)', 1],
  ])('detractor_nps at %d', (nps, sentence, severity) => {
    const r = reasons({ sentiment: { nps } });
    if (sentence === null) return expect(r).toEqual([]);
    expect(r[0]).toMatchObject({ code: 'detractor_nps', sentence, severity });
  });

  it.each([
    [0, null, null],
    [1, '1 urgent ticket is open', 0.5],
    [2, '2 urgent tickets are open', 0.75],
    [3, '3 urgent tickets are open', 1],
  ])('urgent_tickets with %d open', (open, sentence, severity) => {
    const r = reasons({ support: { openUrgentTickets: open } });
    if (sentence === null) return expect(r).toEqual([]);
    expect(r[0]).toMatchObject({ code: 'urgent_tickets', sentence, severity });
  });

  it.each([
    [7, 2, 3.5, '7 tickets in the last 30 days, 3.5× the usual', 0.875],
    [4, 2, 2, '4 tickets in the last 30 days, 2× the usual', 0.5],
    [3, 0, 3, '3 tickets in the last 30 days, none in the 90 days before', 0.75],
    [3, 1 / 3, 3, '3 tickets in the last 30 days, 9× the usual', 0.75],
    [2, 0, 2, null, null],
    [5, 5, 1, null, null],
    // Graded from the usual volume (ratio 1) to 0.5 at the threshold (2×).
    [5, 3, 5 / 3, '5 tickets in the last 30 days, 1.7× the usual', 0.5 * (2 / 3)],
  ])(
    'ticket_spike with %d recent tickets and a baseline of %d',
    (recent, baseline, ratio, sentence, severity) => {
      const r = reasons({
        support: { ticketsLast30d: recent, ticketBaselinePer30d: baseline, ticketSpikeRatio: ratio },
      });
      if (sentence === null) return expect(r).toEqual([]);
      expect(r[0]).toMatchObject({ code: 'ticket_spike', sentence });
      expect(r[0]!.severity).toBeCloseTo(severity!, 12);
    },
  );

  it.each([
    [0, 48_000, null, null],
    [4_000, 44_000, 'Downgraded by $4,000 ARR in the last 12 months', 0.5 + 0.5 * (4 / 48 / 0.5)],
    [30_000, 20_000, 'Downgraded by $30,000 ARR in the last 12 months', 1],
    [5_000, 0, 'Downgraded by $5,000 ARR in the last 12 months', 1],
  ])('contraction of %d with ARR %d left', (removed, arr, sentence, severity) => {
    const r = reasons({ commercial: { contractionArr12m: removed, arr } });
    if (sentence === null) return expect(r).toEqual([]);
    expect(r[0]).toMatchObject({ code: 'contraction', sentence });
    expect(r[0]!.severity).toBeCloseTo(severity!, 12);
  });

  it.each([
    [0, null, null],
    // A payment overdue counts from its first day: 29 days is not the same as paid on time.
    [1, 'Payment 1 day overdue', 0.5 / 30],
    [29, 'Payment 29 days overdue', 0.5 * (29 / 30)],
    [30, 'Payment 30 days overdue', 0.5],
    [45, 'Payment 45 days overdue', 0.625],
    [90, 'Payment 90 days overdue', 1],
  ])('payment_overdue at %d days', (days, sentence, severity) => {
    const r = reasons({ commercial: { daysPaymentOverdue: days } });
    if (sentence === null) return expect(r).toEqual([]);
    expect(r[0]).toMatchObject({ code: 'payment_overdue', sentence });
    expect(r[0]!.severity).toBeCloseTo(severity!, 12);
  });

  it.each([
    [22.5, null, null],
    [44, 'No contact with the customer for 44 days', 0.5 * (21.5 / 22.5)],
    [45, 'No contact with the customer for 45 days', 0.5],
    [62, 'No contact with the customer for 62 days', 0.5 + 17 / 180],
    [135, 'No contact with the customer for 135 days', 1],
  ])('no_contact at %d days', (days, sentence, severity) => {
    const r = reasons({ engagement: { daysSinceLastContact: days } });
    if (sentence === null) return expect(r).toEqual([]);
    expect(r[0]).toMatchObject({ code: 'no_contact', sentence });
    expect(r[0]!.severity).toBeCloseTo(severity!, 12);
  });

  it('lists every reason that fires, in catalogue order, with severities in 0.5–1', () => {
    const all = reasons(
      {
        usage: {
          daysSinceLastLogin: 41,
          seatUtilisation: 0.1,
          activeUsers: 1,
          licensedSeats: 10,
          featuresUsed: 1,
          usageTrend: -0.5,
        },
        support: { openUrgentTickets: 2, ticketsLast30d: 7, ticketBaselinePer30d: 2, ticketSpikeRatio: 3.5 },
        sentiment: { nps: 2 },
        engagement: { daysSinceLastContact: 62 },
        commercial: { daysToRenewal: 30, contractionArr12m: 1000, arr: 9000, daysPaymentOverdue: 40 },
      },
      30,
      -20,
    );
    expect(all.map((r) => r.code)).toEqual([...REASON_CODES]);
    for (const r of all) {
      expect(r.severity).toBeGreaterThanOrEqual(0.5);
      expect(r.severity).toBeLessThanOrEqual(1);
    }
  });

  it('follows configured thresholds', () => {
    const c = defaultScoringConfig();
    c.churn.thresholds.noContactDays = 10;
    expect(reasons({ engagement: { daysSinceLastContact: 10 } }, null, null, c)[0]!.severity).toBe(0.5);
    expect(reasons({ engagement: { daysSinceLastContact: 10 } })).toHaveLength(0);
  });

  it('rises without a jump from the soft threshold through the hard one', () => {
    const sev = (days: number) => reasons({ commercial: { daysPaymentOverdue: days } })[0]?.severity ?? 0;
    let prior = 0;
    for (let d = 0; d <= 120; d += 0.5) {
      const s = sev(d);
      expect(s).toBeGreaterThanOrEqual(prior);
      expect(s - prior).toBeLessThan(0.02);
      prior = s;
    }
  });

  it('keeps the cliffs when grading is off, and never grades NPS or urgent tickets', () => {
    const c = defaultScoringConfig();
    c.churn.graded = false;
    const cliff = (o: SignalOverrides, change: number | null = null) => reasons(o, 60, change, c);
    expect(cliff({ usage: { daysSinceLastLogin: 29 } })).toEqual([]);
    expect(cliff({ usage: { daysSinceLastLogin: 30 } })[0]!.severity).toBe(0.5);
    expect(cliff({ usage: { seatUtilisation: 0.3 } })).toEqual([]);
    expect(cliff({ usage: { seatUtilisation: 0.29 } })[0]!.severity).toBeGreaterThan(0.5);
    expect(cliff({ usage: { featuresUsed: 2.5 } })).toEqual([]);
    expect(cliff({ usage: { usageTrend: -0.29 } })).toEqual([]);
    expect(cliff({}, -14.9)).toEqual([]);
    expect(cliff({ commercial: { daysPaymentOverdue: 29 } })).toEqual([]);
    expect(cliff({ engagement: { daysSinceLastContact: 44 } })).toEqual([]);
    const spike = { ticketsLast30d: 5, ticketBaselinePer30d: 3, ticketSpikeRatio: 5 / 3 };
    expect(cliff({ support: spike })).toEqual([]);
    // Graded or not: a 7 is a passive, not a little detractor.
    expect(reasons({ sentiment: { nps: 7 } })).toEqual([]);
    expect(reasons({ support: { openUrgentTickets: 0 } })).toEqual([]);
  });
});

describe('REASON_CATALOGUE', () => {
  it('has a short label and a description for every code', () => {
    expect(Object.keys(REASON_CATALOGUE).sort()).toEqual([...REASON_CODES].sort());
    const labels = new Set<string>();
    for (const code of REASON_CODES) {
      const { label, description } = REASON_CATALOGUE[code];
      expect(label.length).toBeGreaterThan(3);
      expect(label.length).toBeLessThanOrEqual(30);
      expect(description.length).toBeGreaterThan(label.length);
      labels.add(label);
    }
    expect(labels.size).toBe(REASON_CODES.length);
  });
});
