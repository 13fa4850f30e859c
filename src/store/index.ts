export {
  type Cipher,
  createCipher,
  DecryptionError,
  EncryptionKeyError,
  loadEncryptionKey,
  parseKey,
} from './crypto.ts';
export { decodeCursor, encodeCursor, type ScoreSort, SORTS, type SortOrder } from './cursor.ts';
export {
  type ConstraintKind,
  type ErrorContext,
  InvalidCursorError,
  NotFoundError,
  StoreConstraintError,
  StoreError,
} from './errors.ts';
export { canonicalJson, recordHash, VOLATILE_PROPERTIES, valuesHash } from './hash.ts';
export { type StoreLogger, silentLogger } from './logger.ts';
export { type OpenStoreOptions, openStore, type Store } from './open.ts';
export type { ConfigVersion } from './repos/configs.ts';
export type { AuthKind, Install, InstallInput, InstallStatus, InstallTokens } from './repos/installs.ts';
export type { KpiSnapshot } from './repos/kpis.ts';
export type { WriteFailure } from './repos/ledger.ts';
export { RUN_LOCK_NAMESPACE, type RunLock, runLockKey } from './repos/locks.ts';
export type { LoadInputsOptions, MirrorUpsertOptions, MirrorUpsertResult } from './repos/mirror.ts';
export type { Checkpoint, RunKind, RunStatus, SyncRun } from './repos/runs.ts';
export type {
  CompanyScoreRow,
  PreviousScore,
  ReasonDetail,
  ScoreBreakdown,
  ScoreListItem,
} from './repos/score-rows.ts';
export type {
  HistoryPoint,
  ListScoresQuery,
  SaveScoresOptions,
  ScoreDistribution,
  ScorePage,
} from './repos/scores.ts';
export { MAX_TIMELINE_ATTEMPTS, type StoredTimelineEntry, type TimelineStatus } from './repos/timeline.ts';
