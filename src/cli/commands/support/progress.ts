import { SingleBar } from 'cli-progress';
import { setStatusLine } from '../../../log/status-line.ts';
import type { SyncProgress } from '../../../sync/deps.ts';

/**
 * How a sync shows its progress: a cli-progress bar on a terminal (pages, records,
 * API calls, ETA), plain lines when stdout is a file or a pipe (CI logs, `| tee`), so
 * logs don't fill with carriage returns. ETA comes from the read rate so far against
 * the records expected (the portal's size when known).
 */

const PHASE_LABELS: Record<SyncProgress['phase'], string> = {
  read: 'reading',
  removals: 'removals',
  recompute: 'scoring',
  tiers: 'tiers',
  writeback: 'writing back',
  timeline: 'timeline',
  kpis: 'KPIs',
};

const PLURALS: Record<NonNullable<SyncProgress['objectType']>, string> = {
  company: 'companies',
  deal: 'deals',
  ticket: 'tickets',
};

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** Milliseconds left to read the expected records at the rate so far; null when it can't be told. */
export function etaMs(p: SyncProgress, elapsedMs: number): number | null {
  if (p.expectedRecords === null || p.expectedRecords <= 0 || p.records <= 0 || elapsedMs <= 0) return null;
  if (p.phase !== 'read') return null;
  const left = Math.max(0, p.expectedRecords - p.records);
  return (left / p.records) * elapsedMs;
}

/** One line of status, without the bar. */
export function describeProgress(p: SyncProgress, elapsedMs: number): string {
  const what =
    p.objectType === null ? PHASE_LABELS[p.phase] : `${PHASE_LABELS[p.phase]} ${PLURALS[p.objectType]}`;
  const records = p.expectedRecords === null ? `${p.records}` : `${p.records}/${p.expectedRecords}`;
  const parts = [what, `pages ${p.pages}`, `records ${records}`, `API calls ${p.apiCalls}`];
  if (p.phase !== 'read') parts.push(`scored ${p.companiesScored}`, `written ${p.companiesWritten}`);
  const eta = etaMs(p, elapsedMs);
  parts.push(eta === null ? `elapsed ${formatDuration(elapsedMs)}` : `ETA ${formatDuration(eta)}`);
  return parts.join(' | ');
}

export interface ProgressReporter {
  update(progress: SyncProgress): void;
  stop(): void;
}

export interface ProgressOptions {
  stream: NodeJS.WriteStream;
  clock?: { now(): number };
  /** Records expected when the caller knows better than the mirror (a fresh portal). */
  expectedRecords?: number | null;
  /** Plain lines: at most one per this many ms, plus one per phase change. */
  plainIntervalMs?: number;
}

export function createProgressReporter(options: ProgressOptions): ProgressReporter {
  const clock = options.clock ?? Date;
  const started = clock.now();
  const fill = (p: SyncProgress): SyncProgress =>
    p.expectedRecords === null && options.expectedRecords != null
      ? { ...p, expectedRecords: Math.max(options.expectedRecords, p.records) }
      : p;

  if (options.stream.isTTY !== true) {
    let lastPhase: string | null = null;
    let lastAt = 0;
    let last: SyncProgress | null = null;
    const interval = options.plainIntervalMs ?? 5_000;
    const print = (p: SyncProgress) =>
      options.stream.write(`sync: ${describeProgress(p, clock.now() - started)}\n`);
    return {
      update(raw) {
        const p = fill(raw);
        last = p;
        const key = `${p.phase}:${p.objectType ?? ''}`;
        const now = clock.now();
        if (key !== lastPhase || now - lastAt >= interval) {
          print(p);
          lastPhase = key;
          lastAt = now;
        }
      },
      stop() {
        if (last !== null && clock.now() !== lastAt) print(last);
      },
    };
  }

  let current: SyncProgress | null = null;
  const bar = new SingleBar({
    stream: options.stream,
    hideCursor: true,
    // Redraw even when the text is unchanged: a log line may have cleared it meanwhile.
    forceRedraw: true,
    clearOnComplete: false,
    barsize: 24,
    format: (opts, params) => {
      const size = opts.barsize ?? 24;
      const done = Math.round(Math.min(1, Math.max(0, params.progress)) * size);
      const barText = '█'.repeat(done) + '░'.repeat(size - done);
      return current === null ? barText : `${barText} ${describeProgress(current, clock.now() - started)}`;
    },
  });
  let begun = false;
  return {
    update(raw) {
      const p = fill(raw);
      current = p;
      const total = p.expectedRecords ?? Math.max(1, p.records);
      // After the read the bar stays full; the line says what the run is doing.
      const value = p.phase === 'read' ? Math.min(p.records, total) : total;
      if (!begun) {
        bar.start(total, value);
        begun = true;
        // Log lines written meanwhile go above the bar, never into it.
        setStatusLine({
          clear: () => options.stream.write('\r\u001b[2K'),
          // The bar returns to its saved cursor position when it stops: save the new line
          // (DEC save cursor, what cli-progress itself writes at start) before drawing there.
          redraw: () => {
            options.stream.write('\u001b7');
            bar.render();
          },
        });
      } else {
        bar.setTotal(total);
        bar.update(value);
      }
    },
    stop() {
      if (!begun) return;
      setStatusLine(null);
      bar.stop();
    },
  };
}
