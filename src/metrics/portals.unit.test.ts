import { describe, expect, it } from 'vitest';
import { portalApiCalls, portalRateLimited, recordPortalCalls } from './portals.ts';

describe('per-portal call counters', () => {
  it("adds a run's calls and 429s to its own portal only", async () => {
    const a = 'install-a-portals-unit';
    const b = 'install-b-portals-unit';
    recordPortalCalls({
      installId: a,
      apiCalls: { total: 12, byStatus: { '200': 10, '429': 2 }, http429: 2, retries: 2 },
    });
    recordPortalCalls({
      installId: b,
      apiCalls: { total: 3, byStatus: { '200': 3 }, http429: 0, retries: 0 },
    });
    const calls = (await portalApiCalls.get()).values;
    const limited = (await portalRateLimited.get()).values;
    expect(calls.find((v) => v.labels.install === a)?.value).toBe(12);
    expect(calls.find((v) => v.labels.install === b)?.value).toBe(3);
    expect(limited.find((v) => v.labels.install === a)?.value).toBe(2);
    expect(limited.find((v) => v.labels.install === b)).toBeUndefined();
  });
});
