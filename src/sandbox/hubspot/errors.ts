import { randomUUID } from 'node:crypto';
import type { Response } from 'express';

// HubSpot's standard error body (the `Error` schema shared by every v3/v4 spec):
// `{ status: 'error', message, correlationId, category, subCategory?, context?, errors?, links? }`.
// Every sandbox error goes through here, so no route ever leaks a stack trace.

export type ErrorCategory =
  | 'VALIDATION_ERROR'
  | 'OBJECT_NOT_FOUND'
  | 'MISSING_SCOPES'
  | 'INVALID_AUTHENTICATION'
  | 'EXPIRED_AUTHENTICATION'
  | 'OBJECT_ALREADY_EXISTS'
  | 'CONFLICT'
  | 'RATE_LIMITS'
  | 'INTERNAL_ERROR'
  | 'BAD_REQUEST';

export interface ErrorDetail {
  message: string;
  in?: string;
  code?: string;
  subCategory?: string;
  context?: Record<string, string[]>;
}

export interface HubSpotErrorBody {
  status: 'error';
  message: string;
  correlationId: string;
  category: ErrorCategory;
  subCategory?: string;
  context?: Record<string, string[]>;
  errors?: ErrorDetail[];
  links?: Record<string, string>;
}

export interface ErrorExtra {
  subCategory?: string;
  context?: Record<string, string[]>;
  errors?: ErrorDetail[];
  links?: Record<string, string>;
}

/** A HubSpot error raised inside a route; the app's error handler turns it into the body. */
export class HubSpotHttpError extends Error {
  readonly status: number;
  readonly category: ErrorCategory;
  readonly extra: ErrorExtra;
  constructor(status: number, category: ErrorCategory, message: string, extra: ErrorExtra = {}) {
    super(message);
    this.status = status;
    this.category = category;
    this.extra = extra;
  }
}

/** The request's correlation id (set by the app's first middleware), or a fresh one. */
export function correlationIdOf(res: Response): string {
  const id = res.locals['correlationId'];
  return typeof id === 'string' ? id : randomUUID();
}

export function errorBody(
  correlationId: string,
  category: ErrorCategory,
  message: string,
  extra: ErrorExtra = {},
): HubSpotErrorBody {
  return { status: 'error', message, correlationId, category, ...extra };
}

export function hubspotError(
  res: Response,
  status: number,
  category: ErrorCategory,
  message: string,
  extra: ErrorExtra = {},
): void {
  res.status(status).json(errorBody(correlationIdOf(res), category, message, extra));
}

export function validationError(message: string, field?: string, code?: string): HubSpotHttpError {
  const detail: ErrorDetail = { message };
  if (field !== undefined) detail.in = field;
  if (code !== undefined) detail.code = code;
  return new HubSpotHttpError(400, 'VALIDATION_ERROR', message, { errors: [detail] });
}

export function notFound(message = 'resource not found'): HubSpotHttpError {
  return new HubSpotHttpError(404, 'OBJECT_NOT_FOUND', message);
}

/**
 * One entry of a batch response's `errors` (the `StandardError` schema, whose `context`, `errors`
 * and `links` are required), as HubSpot sends for each failed input of a 207 multi-status.
 */
export interface StandardError {
  status: 'error';
  category: ErrorCategory;
  message: string;
  subCategory?: string;
  context: Record<string, string[]>;
  errors: ErrorDetail[];
  links: Record<string, string>;
  id?: string;
}

export function standardError(
  category: ErrorCategory,
  message: string,
  context: Record<string, string[]> = {},
  errors: ErrorDetail[] = [],
): StandardError {
  return { status: 'error', category, message, context, errors, links: {} };
}
