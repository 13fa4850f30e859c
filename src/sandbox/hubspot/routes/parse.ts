import type { Request } from 'express';
import type { z } from 'zod';
import { HubSpotHttpError, validationError } from '../errors.ts';
import { type ObjectType, resolveObjectType } from '../state/object-types.ts';

// Request parsing at the edge: zod schemas for bodies, with failures turned into HubSpot's 400
// VALIDATION_ERROR naming the field ("Invalid input JSON ... : inputs[0].properties ...").

function pathOf(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc === '' ? String(key) : `${acc}.${String(key)}`;
  }, '');
}

export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const details = result.error.issues.slice(0, 10).map((issue) => {
    const field = pathOf(issue.path) || 'body';
    return { message: `${field}: ${issue.message}`, in: field, code: issue.code.toUpperCase() };
  });
  const message = `Invalid input JSON: ${details.map((d) => d.message).join('; ')}`;
  throw new HubSpotHttpError(400, 'VALIDATION_ERROR', message, { errors: details });
}

/** `companies` or `0-2` → 'companies'; an unknown type is HubSpot's 400. */
export function objectTypeParam(req: Request, name = 'objectType'): ObjectType {
  const raw = req.params[name];
  const type = typeof raw === 'string' ? resolveObjectType(raw) : null;
  if (type === null) throw validationError(`Unable to infer object type from: ${String(raw)}`, name);
  return type;
}

/** Batch endpoints take at most `max` inputs (100 for objects, 1,000 for association reads). */
export function checkBatchSize(count: number, max: number): void {
  if (count > max) {
    throw validationError(
      `Too many inputs: the batch has ${count} inputs; the limit is ${max}.`,
      'inputs',
      'TOO_MANY_INPUTS',
    );
  }
}
