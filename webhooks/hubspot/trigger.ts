/**
 * Debounces processing per install: the first event of a burst starts a timer, later
 * ones push it back (up to `maxWaitMs` after the first), so a burst of changes to one
 * company becomes one pass — one recompute, one write. One pass per install runs at a
 * time; events that arrive during a pass start another timer when it ends. The events
 * themselves are durable (event-store.ts): after a restart, `recover()` schedules every
 * install that still has pending events.
 */
export interface TriggerOptions {
  /** Quiet time before a pass starts (default 1,000 ms). */
  readonly debounceMs?: number;
  /** Longest a pass waits after the first event of a burst (default 5,000 ms). */
  readonly maxWaitMs?: number;
  /** Runs one pass; returns how long to wait before another pass is needed (rate limits), or null. */
  process(installId: string): Promise<{ retryAfterMs: number | null }>;
  readonly onError: (installId: string, error: unknown) => void;
}

export interface ProcessTrigger {
  schedule(installId: string): void;
  /** Schedules the installs given (those with pending events after a restart). */
  recover(installIds: readonly string[]): void;
  /** Resolves when nothing is waiting or running. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

interface Slot {
  timer: NodeJS.Timeout | null;
  firstAt: number;
  running: Promise<void> | null;
  again: boolean;
}

export const DEFAULT_DEBOUNCE_MS = 1_000;
export const DEFAULT_MAX_WAIT_MS = 5_000;

export function createProcessTrigger(options: TriggerOptions): ProcessTrigger {
  const debounce = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const maxWait = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const slots = new Map<string, Slot>();
  let stopped = false;
  let waiters: Array<() => void> = [];

  function settleIfIdle(): void {
    if (slots.size > 0) return;
    const ws = waiters;
    waiters = [];
    for (const w of ws) w();
  }

  function arm(installId: string, slot: Slot, delayMs: number): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = setTimeout(() => run(installId, slot), delayMs);
  }

  function run(installId: string, slot: Slot): void {
    slot.timer = null;
    slot.again = false;
    slot.running = options
      .process(installId)
      .then(
        (r) => r.retryAfterMs,
        (err: unknown) => {
          options.onError(installId, err);
          return null;
        },
      )
      .then((retryAfterMs) => {
        slot.running = null;
        if (stopped) return void slots.delete(installId);
        if (retryAfterMs !== null) return arm(installId, slot, retryAfterMs);
        if (slot.again) {
          slot.firstAt = Date.now();
          return arm(installId, slot, debounce);
        }
        slots.delete(installId);
        settleIfIdle();
      });
  }

  return {
    schedule(installId) {
      if (stopped) return;
      let slot = slots.get(installId);
      if (!slot) {
        slot = { timer: null, firstAt: Date.now(), running: null, again: false };
        slots.set(installId, slot);
      }
      if (slot.running) {
        slot.again = true;
        return;
      }
      const waited = Date.now() - slot.firstAt;
      arm(installId, slot, Math.max(0, Math.min(debounce, maxWait - waited)));
    },
    recover(installIds) {
      for (const id of installIds) this.schedule(id);
    },
    idle() {
      if (slots.size === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    async stop() {
      stopped = true;
      const running: Promise<void>[] = [];
      for (const [id, slot] of slots) {
        if (slot.timer) clearTimeout(slot.timer);
        if (slot.running) running.push(slot.running);
        else slots.delete(id);
      }
      await Promise.all(running);
      slots.clear();
      settleIfIdle();
    },
  };
}
