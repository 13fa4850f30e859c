/**
 * Typed store errors. A failed statement never leaks a bare driver error: callers get the
 * operation, the install and the ids involved (never token values), and for constraint
 * violations which constraint refused the row, so bad input is reported, not swallowed.
 * Every write runs in a transaction, so a refused row leaves what was stored untouched.
 */
export type ConstraintKind = 'unique' | 'foreign_key' | 'not_null' | 'check' | 'invalid_input';

export interface ErrorContext {
  readonly operation: string;
  readonly installId?: string;
  readonly [key: string]: unknown;
}

export class StoreError extends Error {
  /** SQLSTATE from Postgres, or a store code such as NOT_FOUND. */
  readonly code: string;
  readonly context: ErrorContext;
  constructor(code: string, message: string, context: ErrorContext, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
    this.context = context;
  }
}

export class StoreConstraintError extends StoreError {
  readonly kind: ConstraintKind;
  /** The constraint or column that refused the row, when Postgres names it. */
  readonly constraint: string | null;
  constructor(
    kind: ConstraintKind,
    code: string,
    constraint: string | null,
    message: string,
    context: ErrorContext,
    cause: unknown,
  ) {
    super(code, message, context, { cause });
    this.name = 'StoreConstraintError';
    this.kind = kind;
    this.constraint = constraint;
  }
}

export class NotFoundError extends StoreError {
  constructor(what: string, context: ErrorContext) {
    super('NOT_FOUND', `${what} not found`, context);
    this.name = 'NotFoundError';
  }
}

/** A list cursor that was not made by this store (tampered, truncated, or for another sort). */
export class InvalidCursorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCursorError';
  }
}

interface PgErrorLike {
  code?: unknown;
  constraint?: unknown;
  column?: unknown;
  table?: unknown;
  detail?: unknown;
  message?: unknown;
}

const CONSTRAINT_CODES: Readonly<Record<string, ConstraintKind>> = {
  '23505': 'unique',
  '23503': 'foreign_key',
  '23502': 'not_null',
  '23514': 'check',
  '22P02': 'invalid_input',
  '22003': 'invalid_input',
  '22007': 'invalid_input',
  '22008': 'invalid_input',
  '22023': 'invalid_input',
  '22P05': 'invalid_input',
  '22021': 'invalid_input',
};

/** Wraps a driver error in a StoreError (StoreConstraintError for SQLSTATE 23xxx/22xxx input errors). */
export function toStoreError(err: unknown, context: ErrorContext): StoreError {
  if (err instanceof StoreError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as PgErrorLike;
  const code = typeof e.code === 'string' ? e.code : 'UNKNOWN';
  const message = typeof e.message === 'string' ? e.message : String(err);
  const kind = CONSTRAINT_CODES[code];
  if (kind !== undefined) {
    const constraint =
      typeof e.constraint === 'string' ? e.constraint : typeof e.column === 'string' ? e.column : null;
    return new StoreConstraintError(
      kind,
      code,
      constraint,
      `${context.operation}: ${kind.replace('_', ' ')} violation${constraint ? ` (${constraint})` : ''}: ${message}`,
      context,
      err,
    );
  }
  return new StoreError(code, `${context.operation}: ${message}`, context, { cause: err });
}
