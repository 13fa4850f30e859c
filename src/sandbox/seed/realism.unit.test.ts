import { describe, expect, it } from 'vitest';
import { generatePortal } from './generate.ts';

// The seed exists so scoring quality can be measured: these tests prove that churn follows the hidden
// health, and that the observable CRM data carries that health (with noise), so a scorer can find it.

const NOW = Date.parse('2026-03-01T00:00:00.000Z');
const DAY = 86_400_000;
const portal = generatePortal({ size: 'mid', seed: 11, now: NOW, dirtyRate: 0 });
const truthById = new Map(portal.truth.map((t) => [t.companyId, t]));
const companyById = new Map(portal.companies.map((c) => [c.id, c]));
type Props = Record<string, string | null>;

/** Rank AUC (Mann–Whitney U ÷ n₁n₀, ties counted half): how often a positive scores above a negative. */
function rankAuc(scores: number[], positive: boolean[]): number {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(scores.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) ranks[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  const n1 = positive.filter(Boolean).length;
  const n0 = positive.length - n1;
  const rankSum = positive.reduce((sum, p, i) => sum + (p ? ranks[i]! : 0), 0);
  return (rankSum - (n1 * (n1 + 1)) / 2) / (n1 * n0);
}

function daysSinceLogin(properties: Record<string, string | null>): number {
  const day = properties['last_login_date'];
  return day == null ? 365 : (NOW - Date.parse(`${day}T00:00:00Z`)) / DAY;
}

describe('rankAuc', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one, 0.5 for ties', () => {
    expect(rankAuc([1, 2, 3, 4], [false, false, true, true])).toBe(1);
    expect(rankAuc([4, 3, 2, 1], [false, false, true, true])).toBe(0);
    expect(rankAuc([1, 1, 1, 1], [false, true, false, true])).toBe(0.5);
  });
});

describe('churn follows the hidden health', () => {
  // Only customers who reached an anniversary could churn.
  const renewed = portal.truth.filter((t) => t.customerSince + 365 * DAY <= NOW);

  it('churns the bottom health quintile far more than the top one', () => {
    const sorted = [...renewed].sort((a, b) => a.trueHealth - b.trueHealth);
    const fifth = Math.floor(sorted.length / 5);
    const rate = (group: typeof sorted) => group.filter((t) => t.churned).length / group.length;
    const bottom = rate(sorted.slice(0, fifth));
    const top = rate(sorted.slice(-fifth));
    expect(bottom).toBeGreaterThan(0.35);
    expect(top).toBeLessThan(0.06);
    expect(bottom).toBeGreaterThan(8 * top);
  });

  it('has a realistic annual churn among customers who reached a renewal', () => {
    const rate = renewed.filter((t) => t.churned).length / renewed.length;
    expect(rate).toBeGreaterThan(0.08);
    expect(rate).toBeLessThan(0.25);
  });

  it('ranks churners by low true health with AUC well above chance', () => {
    const auc = rankAuc(
      renewed.map((t) => -t.trueHealth),
      renewed.map((t) => t.churned),
    );
    expect(auc).toBeGreaterThan(0.8);
  });

  it('lets days since last login rank churners (AUC > 0.7)', () => {
    const auc = rankAuc(
      portal.companies.map((c) => daysSinceLogin(c.properties)),
      portal.companies.map((c) => truthById.get(c.id)!.churned),
    );
    expect(auc).toBeGreaterThan(0.7);
  });
});

describe('observable signals carry the health of active customers', () => {
  const active = portal.companies.filter((c) => !truthById.get(c.id)!.churned);
  const unhealthy = active.map((c) => truthById.get(c.id)!.trueHealth < 40);
  const num = (value: string | null | undefined, fallback: number) =>
    value == null ? fallback : Number(value);

  it.each([
    ['days since last login', 0.75, (p: Props) => daysSinceLogin(p)],
    ['unused seats', 0.75, (p: Props) => 1 - num(p['active_users'], 0) / num(p['licensed_seats'], 1)],
    ['few features used', 0.75, (p: Props) => -num(p['features_used'], 0)],
    [
      'falling sessions',
      0.7,
      (p: Props) => num(p['sessions_prev_30d'], 0) / (1 + num(p['sessions_last_30d'], 0)),
    ],
    ['days since contacted', 0.65, (p: Props) => -Date.parse(p['notes_last_contacted'] ?? '2000-01-01')],
    // Sparse by nature (most accounts pay on time), so it separates less on its own.
    ['days payment overdue', 0.53, (p: Props) => num(p['days_payment_overdue'], 0)],
  ])('%s ranks unhealthy customers above healthy ones (AUC > %s)', (_, minimum, signal) => {
    const auc = rankAuc(
      active.map((c) => signal(c.properties)),
      unhealthy,
    );
    expect(auc).toBeGreaterThan(minimum);
  });

  it('gives unhealthy customers more, and more urgent, tickets', () => {
    const perCompany = new Map<string, { all: number; urgent: number }>();
    const tickets = new Map(portal.tickets.map((t) => [t.id, t]));
    for (const [ticketId, companyId] of portal.ticketCompany) {
      const entry = perCompany.get(companyId) ?? { all: 0, urgent: 0 };
      entry.all++;
      if (tickets.get(ticketId)!.properties['hs_ticket_priority'] === 'URGENT') entry.urgent++;
      perCompany.set(companyId, entry);
    }
    const mean = (sick: boolean, key: 'all' | 'urgent') => {
      const group = active.filter((_, i) => unhealthy[i] === sick);
      return group.reduce((s, c) => s + (perCompany.get(c.id)?.[key] ?? 0), 0) / group.length;
    };
    expect(mean(true, 'all')).toBeGreaterThan(1.5 * mean(false, 'all'));
    expect(mean(true, 'urgent')).toBeGreaterThan(3 * mean(false, 'urgent'));
  });

  it('leaves NPS unanswered for about 40 % and scores detractors lower', () => {
    const answered = portal.companies.filter((c) => c.properties['nps_score'] !== null);
    expect(1 - answered.length / portal.companies.length).toBeGreaterThan(0.35);
    expect(1 - answered.length / portal.companies.length).toBeLessThan(0.45);
    const health = (group: typeof answered) =>
      group.reduce((s, c) => s + truthById.get(c.id)!.trueHealth, 0) / group.length;
    const detractors = answered.filter((c) => Number(c.properties['nps_score']) <= 6);
    const promoters = answered.filter((c) => Number(c.properties['nps_score']) >= 9);
    expect(health(promoters) - health(detractors)).toBeGreaterThan(20);
  });

  it('stops churned customers logging in after they left', () => {
    for (const c of portal.companies) {
      const truth = truthById.get(c.id)!;
      if (!truth.churned) continue;
      expect(Date.parse(`${c.properties['last_login_date']}T00:00:00Z`)).toBeLessThanOrEqual(
        truth.churnedAt!,
      );
      if (NOW - truth.churnedAt! > 31 * DAY) expect(c.properties['active_users']).toBe('0');
    }
  });
});

describe('commercial shape', () => {
  it('has log-normal ARR: median near $12k, p90 near $50k, a tail past $500k', () => {
    const first = portal.deals.filter(
      (d) => d.properties['dealtype'] === 'newbusiness' && d.properties['dealstage'] === 'closedwon',
    );
    const arr = first.map((d) => Number(d.properties['amount'])).sort((a, b) => a - b);
    const q = (p: number) => arr[Math.floor(p * arr.length)]!;
    expect(q(0.5)).toBeGreaterThan(10_000);
    expect(q(0.5)).toBeLessThan(14_500);
    expect(q(0.9)).toBeGreaterThan(40_000);
    expect(q(0.9)).toBeLessThan(65_000);
    expect(arr[arr.length - 1]).toBeGreaterThan(500_000);
    // Log-normal: log ARR is symmetric, so its mean sits near its median.
    const logs = arr.map(Math.log);
    const meanLog = logs.reduce((s, v) => s + v, 0) / logs.length;
    expect(Math.abs(meanLog - Math.log(q(0.5)))).toBeLessThan(0.1);
  });

  it('correlates licensed seats with ARR', () => {
    const auc = rankAuc(
      portal.truth.map((t) => Number(companyById.get(t.companyId)!.properties['licensed_seats'])),
      portal.truth.map((t) => t.arr > 30_000),
    );
    expect(auc).toBeGreaterThan(0.9);
  });

  it('puts new customers in onboarding and most old ones through it', () => {
    const status = (c: (typeof portal.companies)[number]) => c.properties['onboarding_status'];
    const since = (c: (typeof portal.companies)[number]) => truthById.get(c.id)!.customerSince;
    const recent = portal.companies.filter((c) => NOW - since(c) < 21 * DAY && status(c) !== null);
    const old = portal.companies.filter((c) => NOW - since(c) > 180 * DAY && status(c) !== null);
    expect(recent.every((c) => status(c) !== 'completed')).toBe(true);
    expect(old.filter((c) => status(c) === 'completed').length / old.length).toBeGreaterThan(0.8);
  });
});
