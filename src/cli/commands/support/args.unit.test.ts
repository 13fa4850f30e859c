import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from './args.ts';

const SYNC_OPTIONS = {
  full: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

describe('parseCommandArgs', () => {
  it('reads known flags', () => {
    const parsed = parseCommandArgs(['--full', '--json'], SYNC_OPTIONS);
    expect(parsed).toEqual({ ok: true, values: { full: true, json: true }, positionals: [] });
  });

  it('names an unknown flag', () => {
    const parsed = parseCommandArgs(['--ful'], SYNC_OPTIONS);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/Unknown option '--ful'/);
  });

  it('rejects a value given to a boolean flag', () => {
    const parsed = parseCommandArgs(['--json=yes'], SYNC_OPTIONS);
    expect(parsed.ok).toBe(false);
  });

  it('rejects stray positionals and wants the required ones', () => {
    expect(parseCommandArgs(['now'], SYNC_OPTIONS)).toEqual({
      ok: false,
      error: expect.stringMatching(/now/),
    });
    const score = { explain: { type: 'boolean' } } as const;
    expect(parseCommandArgs([], score, { min: 1, max: 1, names: '<companyId>' })).toEqual({
      ok: false,
      error: 'missing <companyId>',
    });
    expect(parseCommandArgs(['1', '2'], score, { min: 1, max: 1, names: '<companyId>' })).toEqual({
      ok: false,
      error: 'unexpected argument "2"',
    });
    expect(parseCommandArgs(['42', '--explain'], score, { min: 1, max: 1, names: '<companyId>' })).toEqual({
      ok: true,
      values: { explain: true },
      positionals: ['42'],
    });
  });

  it('lets --help through without positionals', () => {
    const score = { help: { type: 'boolean' } } as const;
    expect(parseCommandArgs(['--help'], score, { min: 1, max: 1, names: '<companyId>' }).ok).toBe(true);
  });
});
