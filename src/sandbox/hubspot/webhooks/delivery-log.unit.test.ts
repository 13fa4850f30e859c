import { describe, expect, it } from 'vitest';
import { type DeliveryAttempt, DeliveryLog } from './delivery-log.ts';

const attempt = (outcome: DeliveryAttempt['outcome'], status: number | null): DeliveryAttempt => ({
  deliveryId: 1,
  portalId: 1,
  url: 'https://vigil.test/webhooks/hubspot',
  attemptNumber: 0,
  startedAt: 0,
  durationMs: 1,
  status,
  eventIds: [1],
  outcome,
});

describe('delivery success rate', () => {
  it('counts every attempt, retries included, past the bounded buffer, until cleared', () => {
    const log = new DeliveryLog(2);
    expect(log.stats()).toEqual({ attempts: 0, delivered: 0, successRate: null });
    log.add(attempt('retrying', 409));
    log.add(attempt('delivered', 200));
    log.add(attempt('delivered', 204));
    log.add(attempt('failed', null));
    expect(log.stats()).toEqual({ attempts: 4, delivered: 2, successRate: 0.5 });
    expect(log.list()).toHaveLength(2);
    log.clear();
    expect(log.stats().attempts).toBe(0);
  });
});
