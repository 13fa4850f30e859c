import { describe, expect, it } from 'vitest';
import { parseSandboxArgs } from './sandbox.ts';

describe('parseSandboxArgs', () => {
  it('has the documented defaults', () => {
    expect(parseSandboxArgs([])).toEqual({
      ok: true,
      help: false,
      options: {
        port: 4010,
        host: '127.0.0.1',
        portals: [{ size: 'small', seed: 1 }],
        rateScale: 1,
        limits: true,
        privateAppTier: 'standard',
      },
    });
  });

  it('reads every option', () => {
    const parsed = parseSandboxArgs([
      '--port',
      '0',
      '--size',
      'large',
      '--seed',
      '7',
      '--faults',
      '0.05',
      '--fault-seed',
      '3',
      '--rate-scale',
      '10',
      '--no-limits',
      '--tier',
      'enterprise',
    ]);
    expect(parsed).toMatchObject({
      ok: true,
      options: {
        port: 0,
        portals: [{ size: 'large', seed: 7 }],
        faults: { rate: 0.05, seed: 3 },
        rateScale: 10,
        limits: false,
        privateAppTier: 'enterprise',
      },
    });
    expect(parseSandboxArgs(['--size', '1234'])).toMatchObject({
      options: { portals: [{ size: 1234, seed: 1 }] },
    });
    expect(parseSandboxArgs(['-h'])).toMatchObject({ ok: true, help: true });
  });

  it.each([
    [['--port', 'abc'], '--port must be a number'],
    [['--port', '70000'], '--port must be a number from 0 to 65535'],
    [['--size', 'huge'], '--size must be one of tiny, small, mid, large'],
    [['--faults', '1.5'], '--faults must be a number from 0 to 1'],
    [['--seed', '1.5'], '--seed must be a whole number'],
    [['--rate-scale', '0'], '--rate-scale must be a number from above 0'],
    [['--tier', 'gold'], '--tier must be one of standard, professional, enterprise'],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('rejects %j with a clear error', (argv, message) => {
    const parsed = parseSandboxArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });
});
