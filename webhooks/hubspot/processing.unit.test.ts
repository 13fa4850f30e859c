import { describe, expect, it } from 'vitest';
import { checkState, issueState } from '../../src/http/hubspot/oauth/state.ts';
import type { SyncSummary } from '../../src/sync/summary.ts';
import { normaliseEvent, type WebhookEvent } from './events.ts';
import { processWebhookEvents } from './processor.ts';
import { createProcessTrigger } from './trigger.ts';

const event = (id: number, objectId: string, type = 'object.propertyChange', extra = {}): WebhookEvent =>
  normaliseEvent({
    eventId: String(id),
    portalId: '1',
    occurredAt: 1_000 + id,
    subscriptionType: type,
    objectTypeId: '0-5',
    objectId,
    ...extra,
  })!;

describe('createProcessTrigger', () => {
  it('folds a burst for one install into one pass, and runs again for events that came during it', async () => {
    const passes: string[] = [];
    let release: () => void = () => undefined;
    const trigger = createProcessTrigger({
      debounceMs: 20,
      maxWaitMs: 200,
      async process(id) {
        passes.push(id);
        if (passes.length === 1) await new Promise<void>((r) => (release = r));
        return { retryAfterMs: null };
      },
      onError: () => undefined,
    });
    for (let i = 0; i < 50; i++) trigger.schedule('a');
    trigger.schedule('b');
    await new Promise((r) => setTimeout(r, 60));
    expect(passes.sort()).toEqual(['a', 'b']);
    trigger.schedule(passes[0]!); // arrives while the first pass still runs
    release();
    await trigger.idle();
    expect(passes).toHaveLength(3);
  });
});

describe('processWebhookEvents', () => {
  const summary = (status: SyncSummary['status']) =>
    ({ status, retryAfterMs: 1000, error: null }) as SyncSummary;

  it('applies removals and dirty marks, runs one pass, then marks the events processed', async () => {
    const calls: string[] = [];
    const events = [event(1, '7'), event(2, '7'), event(3, '8', 'object.deletion')];
    const outcome = await processWebhookEvents(
      {
        mirror: {
          async remove(_i, removals) {
            calls.push(`remove ${removals.map((r) => r.id).join(',')}`);
            return [];
          },
          async markDirty(_i, ids) {
            calls.push(`dirty ${ids.join(',')}`);
          },
          async upsert() {
            return { affectedCompanyIds: [] };
          },
        },
        events: {
          pending: async () => events,
          markProcessed: async (_i, ids) => void calls.push(`processed ${ids.join(',')}`),
        },
        runSync: async (_i, scope) => {
          calls.push(`sync ${scope}`);
          return summary('succeeded');
        },
        onAuthFailed: async () => void calls.push('uninstall'),
        logger: { info: () => undefined, warn: () => undefined },
      },
      'install-1',
    );
    expect(calls).toEqual(['remove 8', 'sync sync', 'processed 1,2,3']);
    expect(outcome).toMatchObject({ events: 3, removals: 1, reread: 1, status: 'done' });
  });

  it('keeps the events when the CRM says wait, and uninstalls on an auth failure', async () => {
    for (const [status, expected] of [
      ['rescheduled', 'rescheduled'],
      ['auth_failed', 'uninstalled'],
    ] as const) {
      const processed: string[] = [];
      let uninstalled = false;
      const outcome = await processWebhookEvents(
        {
          mirror: {
            remove: async () => [],
            markDirty: async () => undefined,
            upsert: async () => ({ affectedCompanyIds: [] }),
          },
          events: {
            pending: async () => [event(1, '7')],
            markProcessed: async (_i, ids) => void processed.push(...ids),
          },
          runSync: async () => summary(status),
          onAuthFailed: async () => {
            uninstalled = true;
          },
          logger: { info: () => undefined, warn: () => undefined },
        },
        'install-1',
      );
      expect(outcome.status).toBe(expected);
      expect(processed).toEqual([]);
      expect(uninstalled).toBe(status === 'auth_failed');
    }
  });
});

describe('OAuth state', () => {
  const secret = 'state-secret';
  it('accepts its own state from the same browser before it expires', () => {
    const s = issueState(secret, 1_000);
    expect(checkState(secret, s.state, s.nonce, 2_000)).toEqual({ ok: true, nonce: s.nonce });
  });
  it('refuses a forged, expired, foreign-browser or malformed state', () => {
    const s = issueState(secret, 1_000);
    expect(checkState('other', s.state, s.nonce, 2_000)).toEqual({ ok: false, reason: 'forged' });
    expect(checkState(secret, s.state, s.nonce, s.expiresAt + 1)).toEqual({ ok: false, reason: 'expired' });
    expect(checkState(secret, s.state, undefined, 2_000)).toEqual({ ok: false, reason: 'other_browser' });
    expect(checkState(secret, s.state, issueState(secret, 1_000).nonce, 2_000)).toEqual({
      ok: false,
      reason: 'other_browser',
    });
    expect(checkState(secret, 'abc', s.nonce, 2_000)).toEqual({ ok: false, reason: 'malformed' });
    const [nonce, , sig] = s.state.split('.');
    expect(checkState(secret, `${nonce}.${s.expiresAt + 999_999}.${sig}`, s.nonce, 2_000)).toEqual({
      ok: false,
      reason: 'forged',
    });
  });
});
