import { expect, it } from 'vitest';
import { createTestInstall, forEachDatabase } from '../../../test/support/databases.ts';
import { NotFoundError, StoreConstraintError } from '../errors.ts';

forEachDatabase('installs', (db) => {
  it('upserts by account, keeps one row and reactivates an uninstalled account', async () => {
    const a = await createTestInstall(db.store, { accountId: 'acct-1', tokens: { accessToken: 'first' } });
    expect(a.status).toBe('active');
    expect(a.hasTokens).toBe(true);
    await db.store.installs.markUninstalled(a.id);
    const gone = await db.store.installs.get(a.id);
    expect(gone?.status).toBe('uninstalled');
    expect(gone?.hasTokens).toBe(false);
    expect(await db.store.installs.tokens(a.id)).toBeNull();

    const b = await createTestInstall(db.store, {
      accountId: 'acct-1',
      authKind: 'oauth',
      tokens: { accessToken: 'second', refreshToken: 'r2', expiresAt: 1_800_000_000_000 },
    });
    expect(b.id).toBe(a.id);
    expect(b.status).toBe('active');
    expect(b.authKind).toBe('oauth');
    expect(b.tokenExpiresAt).toBe(1_800_000_000_000);
    expect(await db.store.installs.tokens(a.id)).toEqual({
      accessToken: 'second',
      refreshToken: 'r2',
      expiresAt: 1_800_000_000_000,
    });
    expect((await db.store.installs.findByAccount('hubspot', 'acct-1'))?.id).toBe(a.id);
    expect(await db.store.installs.findByAccount('salesforce', 'acct-1')).toBeNull();
  });

  it('stores tokens sealed, never in plain text', async () => {
    const i = await createTestInstall(db.store, {
      tokens: { accessToken: 'pat-na1-secret', refreshToken: 'rt-secret' },
    });
    const r = await db.store.pool.query(
      'SELECT access_token_enc, refresh_token_enc FROM installs WHERE id = $1',
      [i.id],
    );
    const row = r.rows[0] as { access_token_enc: string; refresh_token_enc: string };
    expect(row.access_token_enc.startsWith('v1.')).toBe(true);
    expect(row.access_token_enc).not.toContain('secret');
    expect(row.refresh_token_enc).not.toContain('secret');
  });

  it('refreshes a token once when many workers race under withTokenLock', async () => {
    const i = await createTestInstall(db.store, {
      authKind: 'oauth',
      tokens: { accessToken: 'old', refreshToken: 'r0', expiresAt: 0 },
    });
    let refreshes = 0;
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        db.store.installs.withTokenLock(i.id, async (current) => {
          if (current !== null && (current.expiresAt ?? 0) > Date.now()) return null;
          refreshes++;
          await new Promise((r) => setTimeout(r, 20));
          return { accessToken: `new-${refreshes}`, refreshToken: 'r1', expiresAt: Date.now() + 1_800_000 };
        }),
      ),
    );
    expect(refreshes).toBe(1);
    expect(new Set(results.map((t) => t?.accessToken))).toEqual(new Set(['new-1']));
    expect((await db.store.installs.tokens(i.id))?.accessToken).toBe('new-1');
  });

  it('lets the refresh function’s own error through and keeps the old tokens', async () => {
    const i = await createTestInstall(db.store, { tokens: { accessToken: 'keep-me' } });
    class Revoked extends Error {}
    await expect(
      db.store.installs.withTokenLock(i.id, async () => {
        throw new Revoked('BAD_REFRESH_TOKEN');
      }),
    ).rejects.toBeInstanceOf(Revoked);
    expect((await db.store.installs.tokens(i.id))?.accessToken).toBe('keep-me');
  });

  it('reports bad input as a typed constraint error and unknown ids as NotFoundError', async () => {
    const err = await createTestInstall(db.store, { accountId: '' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreConstraintError);
    expect((err as StoreConstraintError).kind).toBe('check');
    expect((err as StoreConstraintError).context.operation).toBe('installs.upsert');
    await expect(db.store.installs.tokens('00000000-0000-0000-0000-000000000000')).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const bad = await db.store.installs.get('not-a-uuid').catch((e: unknown) => e);
    expect((bad as StoreConstraintError).kind).toBe('invalid_input');
  });

  it('purges tokens and lists installs by status', async () => {
    const i = await createTestInstall(db.store);
    await db.store.installs.purgeTokens(i.id);
    expect(await db.store.installs.tokens(i.id)).toBeNull();
    const active = await db.store.installs.list({ status: 'active' });
    expect(active.some((x) => x.id === i.id)).toBe(true);
    expect(active.every((x) => x.status === 'active')).toBe(true);
  });
});
