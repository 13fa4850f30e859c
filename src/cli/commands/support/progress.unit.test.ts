import { describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../../sync/deps.ts';
import { createProgressReporter, describeProgress, etaMs, formatDuration } from './progress.ts';

function progress(over: Partial<SyncProgress> = {}): SyncProgress {
  return {
    phase: 'read',
    objectType: 'company',
    pages: 2,
    records: 200,
    companiesScored: 0,
    companiesWritten: 0,
    apiCalls: 2,
    expectedRecords: 1000,
    ...over,
  };
}

function fakeStream(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = {
    isTTY,
    columns: 120,
    write(chunk: string) {
      chunks.push(chunk);
      return true;
    },
    cursorTo() {
      return true;
    },
    clearLine() {
      return true;
    },
    moveCursor() {
      return true;
    },
    on() {
      return stream;
    },
    removeListener() {
      return stream;
    },
  };
  return { stream: stream as unknown as NodeJS.WriteStream, chunks };
}

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [59_400, '59s'],
    [61_000, '1m01s'],
    [3_600_000 + 5 * 60_000, '1h05m'],
  ])('%i ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('etaMs', () => {
  it('extrapolates the read rate to the expected records', () => {
    // 200 of 1000 in 10 s → 800 left at 20/s = 40 s.
    expect(etaMs(progress(), 10_000)).toBe(40_000);
  });

  it('is unknown without an expected size, before the first record, or after the read', () => {
    expect(etaMs(progress({ expectedRecords: null }), 10_000)).toBeNull();
    expect(etaMs(progress({ records: 0 }), 10_000)).toBeNull();
    expect(etaMs(progress({ phase: 'writeback' }), 10_000)).toBeNull();
  });
});

describe('describeProgress', () => {
  it('shows pages, records, API calls and the ETA while reading', () => {
    expect(describeProgress(progress(), 10_000)).toBe(
      'reading companies | pages 2 | records 200/1000 | API calls 2 | ETA 40s',
    );
  });

  it('shows scored and written companies after the read', () => {
    const line = describeProgress(
      progress({ phase: 'writeback', objectType: null, companiesScored: 50, companiesWritten: 20 }),
      65_000,
    );
    expect(line).toBe(
      'writing back | pages 2 | records 200/1000 | API calls 2 | scored 50 | written 20 | elapsed 1m05s',
    );
  });
});

describe('createProgressReporter without a terminal', () => {
  it('prints a plain line per phase and at most one per interval', () => {
    let now = 0;
    const { stream, chunks } = fakeStream(false);
    const reporter = createProgressReporter({ stream, clock: { now: () => now }, plainIntervalMs: 5_000 });
    reporter.update(progress({ records: 100 }));
    now = 1_000;
    reporter.update(progress({ records: 200 }));
    now = 6_000;
    reporter.update(progress({ records: 300 }));
    now = 7_000;
    reporter.update(progress({ objectType: 'deal', records: 400 }));
    now = 8_000;
    reporter.stop();
    expect(chunks.every((c) => c.startsWith('sync: ') && c.endsWith('\n') && !c.includes('\r'))).toBe(true);
    expect(chunks.map((c) => c.match(/records (\d+)/)?.[1])).toEqual(['100', '300', '400', '400']);
  });

  it('fills in the expected size the caller knows', () => {
    const { stream, chunks } = fakeStream(false);
    const reporter = createProgressReporter({ stream, clock: { now: () => 1 }, expectedRecords: 5000 });
    reporter.update(progress({ expectedRecords: null }));
    expect(chunks[0]).toContain('records 200/5000');
  });
});

describe('createProgressReporter on a terminal', () => {
  it('draws a bar with the status line', () => {
    const { stream, chunks } = fakeStream(true);
    const reporter = createProgressReporter({ stream, clock: { now: () => 10_000 } });
    reporter.update(progress({ records: 500 }));
    reporter.stop();
    const out = chunks.join('');
    expect(out).toContain('█'.repeat(12) + '░'.repeat(12));
    expect(out).toContain('records 500/1000');
  });
});
