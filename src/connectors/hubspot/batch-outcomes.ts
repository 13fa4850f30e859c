import { z } from 'zod';
import type { WriteError, WriteOutcome } from '../types.ts';

/**
 * A batch answer (200 all done, 207 multi-status) → one outcome per input, in input
 * order. HubSpot lists the records it wrote in `results` and each failure in `errors`
 * (`category`, `message`, `context`); a failure names its records in `context.ids` or
 * `context.id` when it can (OBJECT_NOT_FOUND does), but a VALIDATION_ERROR names only the
 * property (`context.propertyName`). So: an id in `results` succeeded; an id named by an
 * error failed with it; the ids left over share the errors that named nobody.
 */
const errorSchema = z.object({
  category: z.string().nullish(),
  subCategory: z.string().nullish(),
  message: z.string().nullish(),
  context: z.record(z.string(), z.array(z.string()).nullish()).nullish(),
});
const batchBodySchema = z.object({
  results: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String) })).nullish(),
  errors: z.array(errorSchema).nullish(),
});

/** Categories that won't fix themselves: the same write fails the same way until the data changes. */
const PERMANENT = new Set([
  'VALIDATION_ERROR',
  'OBJECT_NOT_FOUND',
  'INVALID_OPTION',
  'CONFLICT',
  'MISSING_SCOPES',
]);

export function isRetryableCategory(category: string): boolean {
  return !PERMANENT.has(category);
}

function toWriteError(e: z.output<typeof errorSchema>): WriteError {
  const code = e.category ?? 'UNKNOWN';
  return { code, message: e.message ?? code, retryable: isRetryableCategory(code) };
}

export function batchOutcomes(ids: readonly string[], body: unknown): WriteOutcome[] {
  const parsed = batchBodySchema.safeParse(body);
  if (!parsed.success) {
    const error: WriteError = { code: 'BAD_RESPONSE', message: 'Unreadable batch response', retryable: true };
    return ids.map((companyId) => ({ companyId, ok: false, error }));
  }
  const done = new Set((parsed.data.results ?? []).map((r) => r.id));
  const named = new Map<string, WriteError>();
  const anonymous: WriteError[] = [];
  for (const e of parsed.data.errors ?? []) {
    const targets = [...(e.context?.['ids'] ?? []), ...(e.context?.['id'] ?? [])];
    if (targets.length === 0) anonymous.push(toWriteError(e));
    for (const id of targets) named.set(id, toWriteError(e));
  }
  const leftover = combine(anonymous);
  return ids.map((companyId): WriteOutcome => {
    const error = named.get(companyId);
    if (error) return { companyId, ok: false, error };
    if (done.has(companyId)) return { companyId, ok: true };
    return {
      companyId,
      ok: false,
      error: leftover ?? {
        code: 'NOT_WRITTEN',
        message: 'HubSpot did not report this record',
        retryable: true,
      },
    };
  });
}

function combine(errors: readonly WriteError[]): WriteError | null {
  const [first] = errors;
  if (first === undefined) return null;
  if (errors.length === 1) return first;
  return {
    code: first.code,
    message: errors.map((e) => e.message).join('; '),
    retryable: errors.every((e) => e.retryable),
  };
}
