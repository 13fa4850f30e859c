import type { Response } from 'express';

// Salesforce's REST error body: a JSON array of {message, errorCode, fields?} ("Status Codes and
// Error Responses", REST API Developer Guide). Never a stack trace.

export interface SfErrorItem {
  message: string;
  errorCode: string;
  fields?: string[];
}

export function sfError(
  res: Response,
  status: number,
  errorCode: string,
  message: string,
  fields?: string[],
): void {
  const item: SfErrorItem = { message, errorCode };
  if (fields !== undefined) item.fields = fields;
  res.status(status).json([item]);
}

/** Thrown inside routes; the app's error handler turns it into the body above. */
export class SfHttpError extends Error {
  readonly status: number;
  readonly errorCode: string;
  constructor(status: number, errorCode: string, message: string) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }
}

export const NOT_FOUND_MESSAGE = 'The requested resource does not exist';
