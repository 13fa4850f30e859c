import { expect, it } from 'vitest';
import { createTestInstall, forEachDatabase } from '../../../test/support/databases.ts';

forEachDatabase('write-back ledger', (db) => {
  it('offers only the properties whose value differs from the last written one', async () => {
    const { id } = await createTestInstall(db.store);
    const desired = new Map([
      ['1', { vigil_health_score: '72', vigil_touch_tier: 'high' }],
      ['2', { vigil_health_score: '40', vigil_touch_tier: 'tech' }],
    ]);
    const first = await db.store.ledger.pending(id, desired);
    expect(first).toEqual([
      { companyId: '1', properties: { vigil_health_score: '72', vigil_touch_tier: 'high' } },
      { companyId: '2', properties: { vigil_health_score: '40', vigil_touch_tier: 'tech' } },
    ]);
    await db.store.ledger.recordWritten(id, first, [
      { companyId: '1', ok: true },
      { companyId: '2', ok: true },
    ]);
    expect(await db.store.ledger.pending(id, desired)).toEqual([]);

    const next = new Map<string, Record<string, string>>([
      ['1', { vigil_health_score: '65', vigil_touch_tier: 'high' }],
      ['2', { vigil_health_score: '40', vigil_touch_tier: 'tech', vigil_churn_reasons: '' }],
    ]);
    expect(await db.store.ledger.pending(id, next)).toEqual([
      { companyId: '1', properties: { vigil_health_score: '65' } },
      { companyId: '2', properties: { vigil_churn_reasons: '' } },
    ]);
    // A subset of what was written is already there.
    expect(await db.store.ledger.pending(id, new Map([['1', { vigil_touch_tier: 'high' }]]))).toEqual([]);
  });

  it('keeps failures with code, message and attempts, and offers them again until written', async () => {
    const { id } = await createTestInstall(db.store);
    const desired = new Map([
      ['ok', { vigil_health_score: '50' }],
      ['gone', { vigil_health_score: '20' }],
    ]);
    const updates = await db.store.ledger.pending(id, desired);
    const outcomes = [
      { companyId: 'ok', ok: true },
      {
        companyId: 'gone',
        ok: false,
        error: { code: 'OBJECT_NOT_FOUND', message: 'Object not found', retryable: false },
      },
    ];
    await db.store.ledger.recordWritten(id, updates, outcomes);
    await db.store.ledger.recordWritten(id, updates, outcomes.slice(1));
    const failures = await db.store.ledger.failures(id);
    expect(failures).toEqual([
      {
        companyId: 'gone',
        code: 'OBJECT_NOT_FOUND',
        message: 'Object not found',
        retryable: false,
        attempts: 2,
        failedAt: expect.any(Number),
      },
    ]);
    expect(await db.store.ledger.pending(id, desired)).toEqual([
      { companyId: 'gone', properties: { vigil_health_score: '20' } },
    ]);
    await db.store.ledger.recordWritten(id, updates, [{ companyId: 'gone', ok: true }]);
    expect(await db.store.ledger.failures(id)).toEqual([]);
    expect(await db.store.ledger.pending(id, desired)).toEqual([]);
  });

  it('keeps installs apart', async () => {
    const a = await createTestInstall(db.store);
    const b = await createTestInstall(db.store);
    const desired = new Map([['1', { vigil_health_score: '1' }]]);
    await db.store.ledger.recordWritten(a.id, await db.store.ledger.pending(a.id, desired), [
      { companyId: '1', ok: true },
    ]);
    expect(await db.store.ledger.pending(b.id, desired)).toHaveLength(1);
  });

  it('keeps a sent batch in doubt until its outcome is recorded; a refusal settles it, a timeout does not', async () => {
    const { id } = await createTestInstall(db.store);
    const updates = ['a', 'b', 'c', 'd'].map((companyId) => ({
      companyId,
      properties: { vigil_health_score: '61' },
    }));
    expect(await db.store.ledger.inDoubt(id, ['a', 'b'])).toEqual(new Set());
    await db.store.ledger.recordIntent(id, updates);
    expect(await db.store.ledger.inDoubt(id, ['a', 'b', 'c', 'd', 'x'])).toEqual(
      new Set(['a', 'b', 'c', 'd']),
    );
    // The intent alone is no write: the values are still offered.
    expect(await db.store.ledger.pending(id, new Map([['a', { vigil_health_score: '61' }]]))).toHaveLength(1);
    await db.store.ledger.recordWritten(id, updates, [
      { companyId: 'a', ok: true },
      { companyId: 'b', ok: false, error: { code: 'VALIDATION_ERROR', message: 'bad', retryable: false } },
      { companyId: 'c', ok: false, error: { code: 'TIMEOUT', message: 'no answer', retryable: true } },
      { companyId: 'd', ok: true },
    ]);
    // A timeout may have been taken by the CRM: still in doubt. The rest is settled.
    expect(await db.store.ledger.inDoubt(id, ['a', 'b', 'c', 'd'])).toEqual(new Set(['c']));
  });
});
