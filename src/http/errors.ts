import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';

/**
 * Errors as the API shows them: `{ error: { code, message, field? } }` with the right
 * status, never a stack trace. Anything that is not an HttpError is logged with its
 * stack and answered with a plain 500.
 */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

/** Parses a query or path value, or throws a 400 that names the first bad field. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, fieldPrefix = ''): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key =
    issue?.code === 'unrecognized_keys'
      ? String(issue.keys[0])
      : issue && issue.path.length > 0
        ? issue.path.join('.')
        : fieldPrefix;
  const field = fieldPrefix !== '' && key !== fieldPrefix ? `${fieldPrefix}.${key}` : key;
  const message =
    issue?.code === 'unrecognized_keys'
      ? `unknown parameter "${key}"`
      : `${field === '' ? 'value' : `"${field}"`} ${issue?.message ?? 'is invalid'}`;
  throw new HttpError(400, 'invalid_request', message, field === '' ? undefined : field);
}

export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => {
    next(new HttpError(404, 'not_found', `No route for ${req.method} ${req.path}`));
  };
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (error instanceof HttpError) {
      const body: { code: string; message: string; field?: string } = {
        code: error.code,
        message: error.message,
      };
      if (error.field !== undefined) body.field = error.field;
      res.status(error.status).json({ error: body });
      return;
    }
    // express.json and friends throw errors carrying a 4xx status (e.g. malformed JSON).
    const status = statusOf(error);
    if (status !== null && status >= 400 && status < 500) {
      res.status(status).json({ error: { code: 'bad_request', message: 'The request could not be read' } });
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    res
      .status(500)
      .json({ error: { code: 'internal', message: 'Something went wrong; the error is in the server log' } });
  };
}

function statusOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : null;
}
