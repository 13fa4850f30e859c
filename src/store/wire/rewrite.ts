/**
 * What the wire server does to a client's unit before PGlite sees it.
 *
 * PGlite is one backend session shared by every connection, so two things a real backend
 * keeps per connection would collide or wedge it:
 * - Named prepared statements and portals: `pg` names its statements `P_0`, … per client, and
 *   two clients preparing `P_0` would get "prepared statement already exists" (or run the
 *   other's). Every non-empty name in Parse, Bind, Describe, Close and Execute is prefixed with
 *   the connection's own prefix, so each connection has its own namespace, as on Postgres.
 * - COPY … FROM STDIN / TO STDOUT: PGlite (0.3) spins inside WASM waiting for copy data that a
 *   single-call protocol cannot deliver, holding the event loop for good. Such a statement is
 *   refused (SQLSTATE 0A000) before it reaches PGlite; COPY to or from a file is left to PGlite.
 */

/** COPY with the client as source or sink, anywhere in the statement text (case-insensitive). */
const COPY_STDIO = /\bcopy\b[\s\S]*?\b(from\s+stdin|to\s+stdout)\b/i;

export interface UnitCheck {
  /** The unit with names rewritten, ready for PGlite. */
  readonly bytes: Buffer;
  /** Set when the unit must not reach PGlite: the message for the client's ErrorResponse. */
  readonly refused: string | null;
  /** Statement names (rewritten) the unit creates and closes, for cleanup on disconnect. */
  readonly parsed: readonly string[];
  readonly closed: readonly string[];
}

export const COPY_REFUSED =
  'COPY … FROM STDIN / TO STDOUT is not supported by the embedded database; use INSERT, or set DATABASE_URL to a Postgres server';

function cstring(buf: Buffer, at: number): [string, number] {
  const end = buf.indexOf(0, at);
  if (end < 0) return [buf.toString('utf8', at), buf.length];
  return [buf.toString('utf8', at, end), end + 1];
}

function message(type: string, body: Buffer): Buffer {
  const out = Buffer.alloc(5 + body.length);
  out.write(type, 0, 'latin1');
  out.writeInt32BE(4 + body.length, 1);
  body.copy(out, 5);
  return out;
}

const z = (s: string) => Buffer.from(`${s}\0`, 'utf8');

/** Walks a unit's typed messages (already framed by frames.ts), renaming and screening them. */
export function checkUnit(unit: Uint8Array, prefix: string): UnitCheck {
  const buf = Buffer.from(unit.buffer, unit.byteOffset, unit.byteLength);
  const rename = (name: string) => (name === '' ? '' : prefix + name);
  const parts: Buffer[] = [];
  const parsed: string[] = [];
  const closed: string[] = [];
  let refused: string | null = null;
  let at = 0;
  while (at + 5 <= buf.length) {
    const type = String.fromCharCode(buf[at]!);
    const length = buf.readInt32BE(at + 1);
    const body = buf.subarray(at + 5, at + 1 + length);
    const whole = buf.subarray(at, at + 1 + length);
    at += 1 + length;
    switch (type) {
      case 'Q': {
        const [sqlText] = cstring(body, 0);
        if (COPY_STDIO.test(sqlText)) refused = COPY_REFUSED;
        parts.push(whole);
        break;
      }
      case 'P': {
        const [name, q] = cstring(body, 0);
        const [sqlText, rest] = cstring(body, q);
        if (COPY_STDIO.test(sqlText)) refused = COPY_REFUSED;
        if (name !== '') parsed.push(rename(name));
        parts.push(
          message('P', Buffer.concat([z(rename(name)), body.subarray(q, rest), body.subarray(rest)])),
        );
        break;
      }
      case 'B': {
        const [portal, s] = cstring(body, 0);
        const [statement, rest] = cstring(body, s);
        parts.push(
          message('B', Buffer.concat([z(rename(portal)), z(rename(statement)), body.subarray(rest)])),
        );
        break;
      }
      case 'D':
      case 'C': {
        const kind = body.subarray(0, 1);
        const [name, rest] = cstring(body, 1);
        if (type === 'C' && kind.toString('latin1') === 'S' && name !== '') closed.push(rename(name));
        parts.push(message(type, Buffer.concat([kind, z(rename(name)), body.subarray(rest)])));
        break;
      }
      case 'E': {
        const [portal, rest] = cstring(body, 0);
        parts.push(message('E', Buffer.concat([z(rename(portal)), body.subarray(rest)])));
        break;
      }
      default:
        parts.push(whole);
    }
  }
  return { bytes: Buffer.concat(parts), refused, parsed, closed };
}

/** Close (statement) for each name, then Sync: what a departed connection leaves behind. */
export function closeStatements(names: Iterable<string>): Buffer {
  const parts: Buffer[] = [];
  for (const name of names) parts.push(message('C', Buffer.concat([Buffer.from('S', 'latin1'), z(name)])));
  parts.push(message('S', Buffer.alloc(0)));
  return Buffer.concat(parts);
}

/** An ERROR (not FATAL) response followed by ReadyForQuery: the connection stays usable. */
export function refusal(code: string, text: string, txStatus: 'I' | 'T' | 'E'): Buffer {
  const fields = Buffer.from(`SERROR\0VERROR\0C${code}\0M${text}\0\0`, 'utf8');
  return Buffer.concat([message('E', fields), message('Z', Buffer.from(txStatus, 'latin1'))]);
}
