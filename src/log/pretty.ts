/**
 * pino's JSON lines made readable for a person at a terminal: time, level, where it came
 * from, the message, then the remaining fields as key=value. Errors keep their message and
 * stack. Only for terminals: anything read by a program (a pipe, a file, a log shipper)
 * keeps the JSON lines.
 */

const LEVELS: Record<number, { name: string; color: string }> = {
  10: { name: 'TRACE', color: '90' },
  20: { name: 'DEBUG', color: '36' },
  30: { name: 'INFO ', color: '32' },
  40: { name: 'WARN ', color: '33' },
  50: { name: 'ERROR', color: '31' },
  60: { name: 'FATAL', color: '35' },
};

/** Fields every line has, shown in the prefix or not at all. */
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'name', 'component', 'v']);

function paint(text: string, code: string, color: boolean): string {
  return color ? `\u001b[${code}m${text}\u001b[39m` : text;
}

function clock(ms: unknown): string {
  const d = typeof ms === 'number' ? new Date(ms) : new Date();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

function value(v: unknown): string {
  if (typeof v === 'string') return /^[^\s="]+$/.test(v) ? v : JSON.stringify(v);
  return JSON.stringify(v) ?? String(v);
}

/** One JSON log line → one or more readable lines (a stack adds lines); not JSON → as is. */
export function prettyLine(line: string, options: { color: boolean }): string {
  let entry: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return line;
    entry = parsed as Record<string, unknown>;
  } catch {
    return line;
  }
  const level = LEVELS[Number(entry['level'])] ?? { name: String(entry['level']).padEnd(5), color: '37' };
  const where = typeof entry['component'] === 'string' ? `[${entry['component']}] ` : '';
  const parts = [
    paint(clock(entry['time']), '90', options.color),
    paint(level.name, level.color, options.color),
    `${paint(where, '90', options.color)}${typeof entry['msg'] === 'string' ? entry['msg'] : ''}`,
  ];
  let stack = '';
  for (const [key, v] of Object.entries(entry)) {
    if (HIDDEN.has(key) || v === undefined) continue;
    const err = v as { message?: unknown; stack?: unknown } | null;
    if ((key === 'err' || key === 'error') && err !== null && typeof err === 'object') {
      parts.push(`${paint(`${key}=`, '90', options.color)}${value(err.message ?? err)}`);
      if (typeof err.stack === 'string') stack = `\n${paint(err.stack, '90', options.color)}`;
      continue;
    }
    parts.push(`${paint(`${key}=`, '90', options.color)}${value(v)}`);
  }
  return `${parts.join(' ')}${stack}`;
}
