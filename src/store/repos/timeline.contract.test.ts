import { expect, it } from 'vitest';
import { createTestInstall, forEachDatabase } from '../../../test/support/databases.ts';
import type { TimelineEntry } from '../../connectors/types.ts';
import { MAX_TIMELINE_ATTEMPTS } from './timeline.ts';

const entry = (id: string, companyId: string, at: number): TimelineEntry => ({
  id,
  companyId,
  occurredAt: at,
  title: 'Health dropped to at risk',
  body: 'Health fell 22 points in 30 days',
  properties: { health: 38, status: 'at_risk' },
});

forEachDatabase('timeline outbox', (db) => {
  it('stores an entry once however often it is enqueued', async () => {
    const { id } = await createTestInstall(db.store);
    expect(await db.store.timeline.enqueue(id, [entry('e1', 'c1', 1000), entry('e2', 'c1', 2000)])).toBe(2);
    expect(await db.store.timeline.enqueue(id, [entry('e1', 'c1', 1000), entry('e3', 'c2', 1500)])).toBe(1);
    expect((await db.store.timeline.pending(id, 10)).map((e) => e.id)).toEqual(['e1', 'e3', 'e2']);
    expect(await db.store.timeline.pending(id, 10)).toContainEqual(entry('e1', 'c1', 1000));
  });

  it('marks sent entries, retries retryable failures and gives up on the others', async () => {
    const { id } = await createTestInstall(db.store);
    await db.store.timeline.enqueue(id, [entry('a', 'c', 1), entry('b', 'c', 2), entry('x', 'c', 3)]);
    await db.store.timeline.markSent(id, [
      { entryId: 'a', ok: true, via: 'app_event' },
      { entryId: 'b', ok: false, via: null, error: { code: 'RATE_LIMIT', message: '429', retryable: true } },
      { entryId: 'x', ok: false, via: null, error: { code: 'INVALID', message: 'bad', retryable: false } },
    ]);
    expect((await db.store.timeline.pending(id, 10)).map((e) => e.id)).toEqual(['b']);
    const listed = await db.store.timeline.list(id, 'c');
    expect(listed.map((e) => [e.id, e.status, e.via, e.attempts])).toEqual([
      ['x', 'failed', null, 1],
      ['b', 'pending', null, 1],
      ['a', 'sent', 'app_event', 1],
    ]);
    expect(listed[0]?.lastError).toEqual({ code: 'INVALID', message: 'bad', retryable: false });

    for (let i = 1; i < MAX_TIMELINE_ATTEMPTS; i++) {
      await db.store.timeline.markSent(id, [
        {
          entryId: 'b',
          ok: false,
          via: null,
          error: { code: 'RATE_LIMIT', message: '429', retryable: true },
        },
      ]);
    }
    expect(await db.store.timeline.pending(id, 10)).toEqual([]);
    // A late failure report never un-sends a sent entry.
    await db.store.timeline.markSent(id, [{ entryId: 'a', ok: false, via: null }]);
    expect((await db.store.timeline.list(id, 'c')).find((e) => e.id === 'a')?.status).toBe('sent');
  });

  it('keeps the note id an entry became, and never offers that entry again', async () => {
    const { id } = await createTestInstall(db.store);
    await db.store.timeline.enqueue(id, [entry('n1', 'c', 1), entry('n2', 'c', 2)]);
    await db.store.timeline.markSent(id, [{ entryId: 'n1', ok: true, via: 'note', externalId: '9001' }]);
    expect((await db.store.timeline.pending(id, 10)).map((e) => e.id)).toEqual(['n2']);
    const listed = await db.store.timeline.list(id, 'c');
    expect(listed.map((e) => [e.id, e.status, e.externalId])).toEqual([
      ['n2', 'pending', null],
      ['n1', 'sent', '9001'],
    ]);
  });
});
