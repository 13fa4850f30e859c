import { writeSync } from 'node:fs';
import type { DestinationStream } from 'pino';
import { prettyLine } from './pretty.ts';
import { aroundStatusLine } from './status-line.ts';

export interface ConsoleDestinationOptions {
  /** The file descriptor written to (2 = stderr). */
  readonly fd: number;
  /** Readable lines instead of JSON; default: when the fd is a terminal. */
  readonly pretty?: boolean;
  /** Colours in readable lines; default with `pretty`, unless NO_COLOR is set. */
  readonly color?: boolean;
  /** Where the bytes go (tests); default a synchronous write to `fd`. */
  readonly write?: (text: string) => void;
}

/** Every byte, through partial writes and a full pipe's EAGAIN (as pino's sync destination does). */
function writeAll(fd: number, text: string): void {
  let rest = Buffer.from(text, 'utf8');
  while (rest.length > 0) {
    try {
      rest = rest.subarray(writeSync(fd, rest));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}

/** Is the fd a terminal (tty.isatty without importing the module's streams). */
export function isTerminal(fd: number): boolean {
  if (fd === 1) return process.stdout.isTTY === true;
  if (fd === 2) return process.stderr.isTTY === true;
  return false;
}

/**
 * Where a command's logs go: synchronous writes (the last lines before an exit are never
 * lost), readable lines on a terminal and JSON otherwise (`LOG_FORMAT=json` or `pretty`
 * decides instead), always clear of the progress bar's line.
 */
export function consoleDestination(options: ConsoleDestinationOptions): DestinationStream {
  const format = (process.env['LOG_FORMAT'] ?? '').trim().toLowerCase();
  const pretty =
    options.pretty ?? (format === 'json' ? false : format === 'pretty' ? true : isTerminal(options.fd));
  const color = options.color ?? (pretty && (process.env['NO_COLOR'] ?? '') === '');
  const write = options.write ?? ((text: string) => writeAll(options.fd, text));
  return {
    write(msg: string) {
      const text = pretty
        ? `${msg
            .split('\n')
            .filter((l) => l !== '')
            .map((l) => prettyLine(l, { color }))
            .join('\n')}\n`
        : msg;
      aroundStatusLine(() => write(text));
    },
  };
}
