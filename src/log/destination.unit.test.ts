import { afterEach, describe, expect, it } from 'vitest';
import { consoleDestination } from './destination.ts';
import { createLogger } from './logger.ts';
import { prettyLine } from './pretty.ts';
import { setStatusLine } from './status-line.ts';

const TOKEN = 'pat-sandbox-not-a-real-token-0000-redact-me';

function sink(pretty: boolean) {
  const out: string[] = [];
  const destination = consoleDestination({ fd: 2, pretty, color: false, write: (t) => out.push(t) });
  return { out, logger: createLogger({ level: 'info', name: 'vigil test', destination }) };
}

afterEach(() => setStatusLine(null));

describe('console log destination', () => {
  it('writes JSON lines when not at a terminal', () => {
    const { out, logger } = sink(false);
    logger.info({ component: 'sync', installId: 'i-1' }, 'sync finished');
    expect(out).toHaveLength(1);
    const line = JSON.parse(out[0]!);
    expect(line).toMatchObject({ level: 30, msg: 'sync finished', component: 'sync', installId: 'i-1' });
  });

  it('writes one readable line per entry at a terminal, still redacted', () => {
    const { out, logger } = sink(true);
    logger.warn({ component: 'queue', seconds: 30, accessToken: TOKEN }, 'rescheduled after rate limit');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} WARN {2}\[queue\] rescheduled after rate limit seconds=30 accessToken=\[redacted\]\n$/,
    );
    expect(out[0]).not.toContain(TOKEN);
    expect(out[0]).not.toContain('{');
  });

  it('moves the progress bar out of the way of every log line and draws it again below', () => {
    const { out, logger } = sink(true);
    setStatusLine({ clear: () => out.push('<clear>'), redraw: () => out.push('<bar>') });
    logger.info('one');
    logger.info('two');
    expect(out.map((t) => (t.startsWith('<') ? t : 'log'))).toEqual([
      '<clear>',
      'log',
      '<bar>',
      '<clear>',
      'log',
      '<bar>',
    ]);
    setStatusLine(null);
    logger.info('three');
    expect(out.at(-1)).toMatch(/three\n$/);
    expect(out).toHaveLength(7);
  });
});

describe('prettyLine', () => {
  it('shows an error with its message and stack, and leaves non-JSON text alone', () => {
    const line = JSON.stringify({
      level: 50,
      time: 0,
      msg: 'sync failed',
      err: { message: 'boom', stack: 'Error: boom\n    at x' },
    });
    const text = prettyLine(line, { color: false });
    expect(text).toContain('ERROR sync failed err=boom');
    expect(text.split('\n')).toHaveLength(3);
    expect(prettyLine('plain text', { color: false })).toBe('plain text');
  });
});
