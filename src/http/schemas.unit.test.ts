import { describe, expect, it } from 'vitest';
import { HttpError, parseOr400 } from './errors.ts';
import { companiesQuerySchema, companyIdParamSchema, runsQuerySchema } from './schemas.ts';

function rejection(run: () => unknown): HttpError {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected an HttpError');
}

describe('companies query', () => {
  it('lists by churn risk, highest first, 50 at a time by default', () => {
    expect(parseOr400(companiesQuerySchema, {})).toEqual({
      sort: 'churn_risk',
      customers: 'active',
      order: 'desc',
      limit: 50,
    });
  });

  it('defaults the order to what each sort is for', () => {
    expect(parseOr400(companiesQuerySchema, { sort: 'health' }).order).toBe('asc');
    expect(parseOr400(companiesQuerySchema, { sort: 'arr' }).order).toBe('desc');
    expect(parseOr400(companiesQuerySchema, { sort: 'name' }).order).toBe('asc');
    expect(parseOr400(companiesQuerySchema, { sort: 'health', order: 'desc' }).order).toBe('desc');
  });

  it('reads filters and a numeric limit from strings', () => {
    const q = parseOr400(companiesQuerySchema, {
      limit: '10',
      tier: 'high',
      level: 'critical',
      reason: 'no_login',
      owner: '1234',
      cursor: 'abc',
      installId: 'i-1',
    });
    expect(q).toMatchObject({
      limit: 10,
      tier: 'high',
      level: 'critical',
      reason: 'no_login',
      owner: '1234',
    });
  });

  it.each([
    [{ sort: 'revenue' }, 'sort'],
    [{ order: 'up' }, 'order'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '201' }, 'limit'],
    [{ limit: '2.5' }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ tier: 'gold' }, 'tier'],
    [{ level: 'severe' }, 'level'],
    [{ reason: 'bored' }, 'reason'],
    [{ owner: 'bob' }, 'owner'],
    [{ cursor: '' }, 'cursor'],
    [{ tier: ['high', 'low'] }, 'tier'],
    [{ sortt: 'health' }, 'sortt'],
  ])('%j → 400 naming %s', (query, field) => {
    const error = rejection(() => parseOr400(companiesQuerySchema, query));
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_request');
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
  });
});

describe('other params', () => {
  it('bounds the runs limit', () => {
    expect(parseOr400(runsQuerySchema, {}).limit).toBe(20);
    expect(rejection(() => parseOr400(runsQuerySchema, { limit: '500' })).field).toBe('limit');
  });

  it('names the path parameter', () => {
    expect(parseOr400(companyIdParamSchema, '12345', 'id')).toBe('12345');
    const error = rejection(() => parseOr400(companyIdParamSchema, 'a b;c', 'id'));
    expect(error.field).toBe('id');
    expect(error.message).toMatch(/^"id" must be a CRM record id/);
  });
});
