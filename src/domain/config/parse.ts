import type { z } from 'zod';
import { type ScoringConfig, scoringConfigSchema } from './schema.ts';

export interface ConfigIssue {
  /** Dotted path to the offending setting, e.g. "health.weights.usage". */
  readonly path: string;
  readonly message: string;
  /** How to fix it. */
  readonly hint: string;
  /**
   * What went wrong as data, so a reader's language can say it: the check's code and its
   * numbers (zod's code, or `custom` with the rule a refinement names).
   */
  readonly cause: IssueCause;
}

export interface IssueCause {
  readonly code: string;
  readonly rule?: string;
  readonly expected?: string;
  readonly minimum?: number | string;
  readonly maximum?: number | string;
  readonly inclusive?: boolean;
  readonly array?: boolean;
  readonly keys?: readonly string[];
  readonly values?: readonly string[];
}

export type ParseResult = { ok: true; config: ScoringConfig } | { ok: false; issues: ConfigIssue[] };

export class ScoringConfigError extends Error {
  readonly issues: readonly ConfigIssue[];
  constructor(issues: readonly ConfigIssue[]) {
    super(
      `Invalid scoring config (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((i) => `  - ${i.path || '(root)'}: ${i.message} — ${i.hint}`).join('\n'),
    );
    this.name = 'ScoringConfigError';
    this.issues = issues;
  }
}

/** Parses a (partial) scoring config, filling defaults; reports every problem at once. */
export function parseScoringConfig(input: unknown): ParseResult {
  const result = scoringConfigSchema.safeParse(input ?? {});
  if (result.success) return { ok: true, config: internMapping(result.data) };
  return { ok: false, issues: result.error.issues.map(toIssue) };
}

/** Like parseScoringConfig, but throws a ScoringConfigError listing every problem. */
export function parseScoringConfigOrThrow(input: unknown): ScoringConfig {
  const r = parseScoringConfig(input);
  if (!r.ok) throw new ScoringConfigError(r.issues);
  return r.config;
}

let cachedDefault: ScoringConfig | undefined;
/** The defaults, as a fresh deep copy each call so callers may edit it. */
export function defaultScoringConfig(): ScoringConfig {
  cachedDefault ??= scoringConfigSchema.parse({});
  return internMapping(structuredClone(cachedDefault));
}

/**
 * Replaces every string in the CRM mapping with its internalized copy. The mapping's
 * strings are used as property keys (`properties[mapping.company.lastLogin]`) for every
 * record scored; V8 looks keys up by identity, so a key that is an equal but separate
 * string (as structuredClone and some parsers make) falls off the fast path and slows
 * scoring several times over.
 */
function internMapping(config: ScoringConfig): ScoringConfig {
  internStrings(config.mapping as unknown as Record<string, unknown>);
  return config;
}

function internStrings(node: Record<string, unknown> | unknown[]): void {
  const entries = node as Record<string, unknown>;
  for (const key of Object.keys(entries)) {
    const v = entries[key];
    if (typeof v === 'string') entries[key] = intern(v);
    else if (v !== null && typeof v === 'object') internStrings(v as Record<string, unknown>);
  }
}

function intern(s: string): string {
  // Property names are always internalized, so reading one back gives the interned string.
  return Object.keys({ [s]: 0 })[0] ?? s;
}

function toIssue(issue: z.core.$ZodIssue): ConfigIssue {
  const path = issue.path.map(String).join('.');
  return { path, message: issue.message, hint: hintFor(issue), cause: causeOf(issue) };
}

function causeOf(issue: z.core.$ZodIssue): IssueCause {
  switch (issue.code) {
    case 'invalid_type':
      return { code: issue.code, expected: String(issue.expected) };
    case 'too_small':
      return {
        code: issue.code,
        minimum: Number(issue.minimum),
        inclusive: issue.inclusive === true,
        array: issue.origin === 'array',
      };
    case 'too_big':
      return {
        code: issue.code,
        maximum: Number(issue.maximum),
        inclusive: issue.inclusive === true,
        array: issue.origin === 'array',
      };
    case 'unrecognized_keys':
      return { code: issue.code, keys: issue.keys };
    case 'invalid_value':
      return { code: issue.code, values: issue.values.map((v) => JSON.stringify(v)) };
    case 'custom': {
      const rule = (issue.params as { rule?: unknown } | undefined)?.rule;
      return typeof rule === 'string' ? { code: issue.code, rule } : { code: issue.code };
    }
    default:
      return { code: issue.code };
  }
}

function hintFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `give a ${issue.expected} here`;
    case 'too_small':
      return issue.origin === 'array'
        ? `give at least ${issue.minimum} entries`
        : `use a value ${issue.inclusive ? '≥' : '>'} ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `give at most ${issue.maximum} entries`
        : `use a value ${issue.inclusive ? '≤' : '<'} ${issue.maximum}`;
    case 'unrecognized_keys':
      return `remove ${issue.keys.map((k) => `"${k}"`).join(', ')} or check the spelling`;
    case 'invalid_value':
      return `use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return 'see the documented shapes for this setting';
    default:
      return 'see the scoring settings reference in the README';
  }
}
