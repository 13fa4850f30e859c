import { describe, expect, it } from 'vitest';
import { DAY_MS, type ScoreSnapshot } from '../records.ts';
import { healthChange30d } from './change.ts';

const NOW = Date.UTC(2026, 0, 15);
const snap = (daysAgo: number, health: number): ScoreSnapshot => ({ at: NOW - daysAgo * DAY_MS, health });

describe('healthChange30d', () => {
  it.each([
    [
      'compares with the latest snapshot at or before 30 days ago',
      [snap(45, 90), snap(31, 80), snap(10, 70)],
      60,
      -20,
    ],
    ['takes a snapshot exactly 30 days old', [snap(30, 75), snap(40, 10)], 60, -15],
    ['ignores the order of the history', [snap(10, 70), snap(31, 80), snap(45, 90)], 60, -20],
    [
      'falls back to the oldest recent snapshot when it is at least 7 days old',
      [snap(20, 50), snap(8, 55)],
      60,
      10,
    ],
    ['uses a snapshot exactly 7 days old', [snap(7, 64)], 60, -4],
    ['rounds to one decimal', [snap(31, 33.33)], 66.66, 33.3],
  ] as const)('%s', (_, history, current, expected) => {
    expect(healthChange30d(current, history, NOW)).toBe(expected);
  });

  it.each([
    ['no history', [], 60],
    ['only snapshots younger than 7 days', [snap(6, 40), snap(1, 50)], 60],
    ['only snapshots after now', [snap(-40, 10)], 60],
    ['no current score', [snap(40, 10)], null],
    [
      'only unusable snapshots',
      [{ at: NOW - 40 * DAY_MS, health: Number.NaN }, snap(40, 1e307), snap(50, -1)],
      60,
    ],
  ] as const)('is null with %s', (_, history, current) => {
    expect(healthChange30d(current, history, NOW)).toBeNull();
  });
});
