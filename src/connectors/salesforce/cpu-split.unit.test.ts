import { describe, expect, it } from 'vitest';
import { isCpuLimit, MAX_EXTRA_CALLS, type SaveResultLike, saveSplittingOnCpuLimit } from './cpu-split.ts';

// A trigger over the Apex CPU limit rolls its chunk back, each record failing with
// "<Trigger>: System.LimitException: Apex CPU time limit exceeded" ("Execution Governors and
// Limits"; the message as in SFDO-Community/declarative-lookup-rollup-summaries#357). Smaller batches
// fit — but a trigger that fails at any size must not cost 2n calls per batch.

const CPU = {
  success: false,
  errors: [{ message: 'T: System.LimitException: Apex CPU time limit exceeded' }],
};
const OK = { success: true, errors: [] };

/** A trigger that finishes batches of at most `max` records (0: none). */
function trigger(max: number) {
  const calls: number[] = [];
  const send = async (batch: readonly number[]): Promise<SaveResultLike[]> => {
    calls.push(batch.length);
    return batch.map(() => (batch.length <= max ? OK : CPU));
  };
  return { calls, send };
}

const records = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('saveSplittingOnCpuLimit', () => {
  it('saves every record of a batch a trigger takes 30 at a time, in few extra calls', async () => {
    const t = trigger(30);
    const out = await saveSplittingOnCpuLimit(records(200), t.send);
    expect(out.every((r) => r.success)).toBe(true);
    // 200 refused, then 100, 50 refused, 25 × 8 saved.
    expect(t.calls.length - 1).toBeLessThanOrEqual(MAX_EXTRA_CALLS);
    expect(t.calls.reduce((a, b) => a + b, 0)).toBeLessThan(3 * 200);
  });

  it('a trigger that fails at every size: at most MAX_EXTRA_CALLS more calls, each record reported refused', async () => {
    const t = trigger(0);
    const out = await saveSplittingOnCpuLimit(records(200), t.send);
    expect(t.calls.length).toBeLessThanOrEqual(1 + MAX_EXTRA_CALLS);
    expect(out).toHaveLength(200);
    expect(out.every(isCpuLimit)).toBe(true);
  });

  it('a single record refused alone is not sent again', async () => {
    const t = trigger(0);
    const out = await saveSplittingOnCpuLimit(records(1), t.send);
    expect(t.calls).toEqual([1]);
    expect(isCpuLimit(out[0]!)).toBe(true);
  });

  it('only the records refused for the CPU limit are sent again', async () => {
    const calls: number[][] = [];
    const send = async (batch: readonly number[]) => {
      calls.push([...batch]);
      return batch.map((i) =>
        i === 3
          ? { success: false, errors: [{ message: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' }] }
          : batch.length > 2
            ? CPU
            : OK,
      );
    };
    const out = await saveSplittingOnCpuLimit(records(4), send);
    expect(calls[1]).toEqual([0, 1]);
    expect(out.map((r) => r.success)).toEqual([true, true, true, false]);
  });
});
