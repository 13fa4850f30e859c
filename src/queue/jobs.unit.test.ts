import { describe, expect, it } from 'vitest';
import {
  everyMinutesCron,
  recomputeJobSchema,
  scheduleOffsetMinutes,
  spreadCron,
  syncJobSchema,
  writebackJobSchema,
} from './jobs.ts';

const ID = '3f1c2b9e-8d4a-4c1e-9b7f-2a6d5e4c3b2a';

describe('job data', () => {
  it('fills defaults and keeps what was sent', () => {
    expect(syncJobSchema.parse({ installId: ID })).toEqual({ installId: ID, reason: 'manual' });
    expect(recomputeJobSchema.parse({ installId: ID, cause: 'config' })).toEqual({
      installId: ID,
      cause: 'config',
    });
    expect(writebackJobSchema.parse({ installId: ID, companyIds: ['1'] })).toEqual({
      installId: ID,
      companyIds: ['1'],
    });
  });

  it('refuses data a handler cannot act on', () => {
    expect(syncJobSchema.safeParse({ installId: 'acct-1' }).success).toBe(false);
    expect(syncJobSchema.safeParse({ installId: ID, reason: 'because' }).success).toBe(false);
    expect(recomputeJobSchema.safeParse({}).success).toBe(false);
    expect(writebackJobSchema.safeParse({ installId: ID, companyIds: [''] }).success).toBe(false);
  });
});

describe('incremental schedule', () => {
  it('is a cron expression every n minutes for n dividing 60', () => {
    expect(everyMinutesCron(15)).toBe('*/15 * * * *');
    expect(everyMinutesCron(1)).toBe('*/1 * * * *');
    expect(everyMinutesCron(60)).toBe('0 * * * *');
  });

  it('refuses intervals that would not be evenly spaced', () => {
    for (const n of [0, 7, 45, 61, 2.5]) expect(() => everyMinutesCron(n)).toThrow(RangeError);
  });
});

describe('spread schedule', () => {
  const ids = Array.from(
    { length: 300 },
    (_, i) => `${i.toString(16).padStart(8, '0')}-8d4a-4c1e-9b7f-2a6d5e4c3b2a`,
  );

  it('gives each install the same minute every time, inside the interval', () => {
    for (const id of ids.slice(0, 20)) {
      const m = scheduleOffsetMinutes(id, 15);
      expect(m).toBe(scheduleOffsetMinutes(id, 15));
      expect(m).toBeGreaterThanOrEqual(0);
      expect(m).toBeLessThan(15);
      expect(spreadCron(id, 15)).toBe(`${m}-59/15 * * * *`);
      expect(spreadCron(id, 60)).toBe(`${scheduleOffsetMinutes(id, 60)} * * * *`);
    }
  });

  it('spreads 300 installs over a 15-minute interval: no minute gets more than twice its share', () => {
    const perMinute = new Array<number>(15).fill(0);
    for (const id of ids) perMinute[scheduleOffsetMinutes(id, 15)]!++;
    expect(Math.min(...perMinute)).toBeGreaterThan(0);
    expect(Math.max(...perMinute)).toBeLessThanOrEqual(40);
  });
});
