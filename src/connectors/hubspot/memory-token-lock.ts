import type { StoredTokens, WithTokenLock } from './token-source.ts';

/**
 * An in-memory stand-in for the store's `installs.withTokenLock`: one lock, one stored token
 * set, critical sections run one at a time. For tests and single-process use.
 */
export function memoryTokenLock(initial: StoredTokens): {
  withTokenLock: WithTokenLock;
  current(): StoredTokens;
} {
  let stored = initial;
  let tail: Promise<unknown> = Promise.resolve();
  const withTokenLock: WithTokenLock = (fn) => {
    const run = tail.then(async () => {
      const next = await fn(stored);
      if (next !== null) stored = next;
      return stored;
    });
    tail = run.catch(() => undefined);
    return run;
  };
  return { withTokenLock, current: () => stored };
}
