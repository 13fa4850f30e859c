import { describe, expect, it } from 'vitest';
import { CrmAuthError } from '../types.ts';
import { HubSpotCallError } from './call-error.ts';
import { memoryTokenLock } from './memory-token-lock.ts';
import { createOAuthTokenSource, type StoredTokens } from './token-source.ts';

const MIN = 60_000;

function setup(initial: StoredTokens, now = { t: 1_000_000 }) {
  const lock = memoryTokenLock(initial);
  const refreshes: string[] = [];
  const refresh = async (refreshToken: string): Promise<StoredTokens> => {
    refreshes.push(refreshToken);
    await new Promise((r) => setTimeout(r, 5));
    return { accessToken: `access-${refreshes.length}`, refreshToken, expiresAt: now.t + 30 * MIN };
  };
  const source = () =>
    createOAuthTokenSource({ withTokenLock: lock.withTokenLock, refresh, now: () => now.t });
  return { lock, refreshes, source, now };
}

describe('OAuth token source', () => {
  it('uses a token with more than a minute left without refreshing', async () => {
    const s = setup({ accessToken: 'old', refreshToken: 'r', expiresAt: 1_000_000 + 5 * MIN });
    expect(await s.source().accessToken()).toBe('old');
    expect(s.refreshes).toEqual([]);
  });

  it('refreshes once for two concurrent callers of one source', async () => {
    const s = setup({ accessToken: 'old', refreshToken: 'r', expiresAt: 1_000_000 + 30_000 });
    const source = s.source();
    const [a, b] = await Promise.all([source.accessToken(), source.accessToken()]);
    expect([a, b]).toEqual(['access-1', 'access-1']);
    expect(s.refreshes).toEqual(['r']);
    expect(s.lock.current().accessToken).toBe('access-1');
  });

  it('refreshes once for two workers (two sources) sharing the store lock', async () => {
    const s = setup({ accessToken: 'old', refreshToken: 'r', expiresAt: 1_000_000 - 1 });
    const [a, b] = await Promise.all([s.source().accessToken(), s.source().accessToken()]);
    expect(a).toBe('access-1');
    expect(b).toBe('access-1');
    expect(s.refreshes).toHaveLength(1);
  });

  it('refreshes again once the new token nears its expiry', async () => {
    const s = setup({ accessToken: 'old', refreshToken: 'r', expiresAt: 0 });
    const source = s.source();
    expect(await source.accessToken()).toBe('access-1');
    s.now.t += 29.5 * MIN;
    expect(await source.accessToken()).toBe('access-2');
  });

  it('refreshes a refused token even though it looks fresh, unless another worker already did', async () => {
    const s = setup({ accessToken: 'old', refreshToken: 'r', expiresAt: 1_000_000 + 20 * MIN });
    const source = s.source();
    expect(await source.accessToken()).toBe('old');
    expect(source.invalidate()).toBe(true);
    expect(await source.accessToken()).toBe('access-1');
    expect(s.refreshes).toEqual(['r']);
  });

  it('turns BAD_REFRESH_TOKEN into CrmAuthError("uninstalled")', async () => {
    const lock = memoryTokenLock({ accessToken: 'old', refreshToken: 'gone', expiresAt: 0 });
    const source = createOAuthTokenSource({
      withTokenLock: lock.withTokenLock,
      now: () => 1,
      refresh: async () => {
        throw new HubSpotCallError(
          'POST /oauth/v1/token',
          400,
          { status: 'BAD_REFRESH_TOKEN', message: 'x' },
          {},
        );
      },
    });
    const error = await source.accessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmAuthError);
    expect((error as CrmAuthError).code).toBe('uninstalled');
  });
});
