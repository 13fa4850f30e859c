import { describe, expect, it } from 'vitest';
import { everyMinutesCron, recomputeJobSchema, syncJobSchema, writebackJobSchema } from './jobs.ts';

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
