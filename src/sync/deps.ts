import type {
  CompanyUpdate,
  CrmConnector,
  CrmObjectType,
  CrmRecord,
  Removal,
  TimelineEntry,
  TimelineOutcome,
  WriteOutcome,
} from '../connectors/types.ts';
import type { ScoringConfig, ScoringMapping } from '../domain/config/schema.ts';
import type { PortfolioKpis } from '../domain/kpis/portfolio.ts';
import type { CompanyInput } from '../domain/records.ts';
import type { CompanyScore } from '../domain/score.ts';
import type { ScoreCause } from '../domain/score-cause.ts';
import type { TierAssignment, TierInput } from '../domain/tiers/assign.ts';
import type { Locale } from '../i18n/index.ts';
import type { ScoreValues } from './writeback/properties.ts';

/**
 * What the sync needs from the store, as a structural interface: the store's
 * repositories satisfy it as they are, and the engine's unit tests run against an
 * in-memory one. Only the calls the sync makes are listed.
 */
export type SyncMode = 'full' | 'incremental';
export type RunPhase = 'read' | 'removals' | 'recompute' | 'tiers' | 'writeback' | 'timeline' | 'kpis';

export interface Scored {
  score: CompanyScore;
  tier: TierAssignment;
}

/** A company's current stored score, as the sync needs it back for write-back and materiality. */
export interface StoredScore extends ScoreValues {
  readonly companyId: string;
  /** The as-of time of the score (epoch ms). */
  readonly scoredAt: number;
}

export interface RunCheckpoint {
  phase: string;
  cursor: string | null;
  stats: object;
}

export interface ResumableRun {
  id: string;
  kind: SyncMode;
  phase: string | null;
  cursor: string | null;
  stats: Record<string, unknown>;
}

export interface SyncStore {
  /** The portal's language and currency (optional: absent means English and USD). */
  portalLocale?: {
    get(installId: string): Promise<{ language: Locale; currency: string; timeZone: string }>;
    update?(installId: string, patch: { currency?: string; timeZone?: string }): Promise<unknown>;
  };
  /** Owner names by id (optional: absent means owners are shown by id). */
  owners?: {
    replaceAll(
      installId: string,
      owners: ReadonlyArray<{ id: string; name: string; email: string | null }>,
    ): Promise<void>;
  };
  mirror: {
    /** Content-hashed upsert that marks affected companies dirty in the same transaction. */
    upsert(
      installId: string,
      records: readonly CrmRecord[],
      options?: { properties?: Partial<Record<CrmObjectType, readonly string[]>> },
    ): Promise<{ written: number; unchanged: number; affectedCompanyIds: string[] }>;
    remove(installId: string, removals: readonly Removal[]): Promise<string[]>;
    dirtyCompanyIds(installId: string, limit: number): Promise<string[]>;
    allCompanyIds(installId: string, afterId: string | null, limit: number): Promise<string[]>;
    loadInputs(
      installId: string,
      companyIds: readonly string[],
      options?: { now?: number },
    ): Promise<CompanyInput[]>;
    counts(installId: string): Promise<{ companies: number; deals: number; tickets: number }>;
  };
  scores: {
    /** Saves current scores and history, clears the dirty flags; returns the rows they replaced. */
    save(
      installId: string,
      scored: readonly Scored[],
      options: {
        configVersion: number;
        cause: ScoreCause;
        runId: string;
        loadedAt?: number;
        /** The mapped name and owner properties (Salesforce: Name, OwnerId); default HubSpot's. */
        mapping?: Pick<ScoringMapping['company'], 'name' | 'owner'>;
      },
    ): Promise<unknown>;
    /** Current scores of these companies (missing ones left out). */
    current(installId: string, companyIds: readonly string[]): Promise<StoredScore[]>;
    tierInputs(installId: string): Promise<TierInput[]>;
    /** Stores the tiers; returns the ids of the companies whose tier or expected LTV changed. */
    updateTiers(installId: string, tiers: ReadonlyMap<string, TierAssignment>): Promise<string[]>;
  };
  ledger: {
    pending(
      installId: string,
      desired: ReadonlyMap<string, Record<string, string>>,
    ): Promise<CompanyUpdate[]>;
    recordWritten(
      installId: string,
      updates: readonly CompanyUpdate[],
      outcomes: readonly WriteOutcome[],
    ): Promise<void>;
    /** Before a batch is sent: its companies are in doubt until `recordWritten`. */
    recordIntent(installId: string, updates: readonly CompanyUpdate[]): Promise<void>;
    /** The companies of these whose last write was sent but never recorded (a crash between). */
    inDoubt(installId: string, companyIds: readonly string[]): Promise<Set<string>>;
  };
  timeline: {
    enqueue(installId: string, entries: readonly TimelineEntry[]): Promise<unknown>;
    pending(installId: string, limit: number): Promise<TimelineEntry[]>;
    markSent(installId: string, outcomes: readonly TimelineOutcome[]): Promise<void>;
  };
  runs: {
    start(installId: string, kind: SyncMode): Promise<string>;
    checkpoint(runId: string, checkpoint: RunCheckpoint): Promise<unknown>;
    finish(
      runId: string,
      result: { status: 'succeeded' | 'failed'; stats: object; error?: string },
    ): Promise<unknown>;
    resumable(installId: string): Promise<ResumableRun | null>;
    /**
     * Whether a run that started at or after `since` (epoch ms) succeeded and covers a
     * request of `kind` (a full run covers both kinds). Optional: without it every job runs.
     */
    succeededSince?(installId: string, kind: SyncMode, since: number): Promise<boolean>;
  };
  cursors: {
    get(installId: string, key: string): Promise<string | null>;
    set(installId: string, key: string, value: string): Promise<void>;
  };
  configs: {
    current(installId: string): Promise<{ version: number; config: ScoringConfig }>;
  };
  kpis: {
    save(installId: string, runId: string, kpis: PortfolioKpis): Promise<void>;
  };
  /**
   * One run per install at a time, across workers (the store's advisory lock). Optional so
   * that stores without it (in-memory tests, decorators) still fit; without it, only the
   * queue handlers' in-process turn-taking applies.
   */
  locks?: {
    /** The install's run lock, or null at once when another run holds it. */
    tryRun(installId: string): Promise<{ release(): Promise<void> } | null>;
  };
}

export interface SyncLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface SyncProgress {
  phase: RunPhase;
  objectType: CrmObjectType | null;
  pages: number;
  records: number;
  companiesScored: number;
  companiesWritten: number;
  apiCalls: number;
  /** Records the read is expected to see (from the mirror's last counts), for an ETA; null if unknown. */
  expectedRecords: number | null;
}

export interface SyncDeps {
  store: SyncStore;
  connector: CrmConnector;
  clock: { now(): number };
  logger: SyncLogger;
  onProgress?: (progress: SyncProgress) => void;
  /** Batch of companies recomputed or scanned at once (default 500): bounds memory. */
  batchSize?: number;
  /**
   * Aborted when the run must stop (its worker is shutting down and has handed the job back
   * to the queue): the run ends at its next checkpoint — after the page or batch in hand is
   * stored and checkpointed — and lets go of the install for the worker that resumes it.
   */
  signal?: AbortSignal;
  /**
   * How long a run waits for another worker's run of the same install to end (default 0:
   * it doesn't wait, and ends as "rescheduled" so the queue runs it again later).
   */
  lockWaitMs?: number;
  /**
   * How often an incremental run looks for deleted and merged records (default one hour;
   * full runs always look). Removals are rare and cost a few calls per object type, so
   * checking on every 15-minute run would spend more quota on them than on the changes;
   * with the HubSpot app installed, webhooks report deletions and merges as they happen.
   */
  removalsEveryMs?: number;
}
