/**
 * Splits the bytes a Postgres client sends into the units the embedded server runs whole.
 *
 * PGlite is one backend session, shared by every connection. The extended query protocol
 * keeps state in that session between messages (the unnamed prepared statement and portal,
 * from Parse through Sync), so a client's Parse … Sync must reach PGlite as one piece:
 * if another connection's Parse ran in between, the first client would bind the other's
 * statement and get its rows. A unit is therefore everything up to and including the
 * message after which a client waits for an answer (Sync, Query, Flush, FunctionCall, the
 * end of a COPY). See the protocol's message flow:
 * https://www.postgresql.org/docs/current/protocol-flow.html
 */

/** Codes of the untyped messages a connection may open with (protocol §55.7). */
export const PROTOCOL_3 = 196_608;
export const SSL_REQUEST = 80_877_103;
export const GSSENC_REQUEST = 80_877_104;
export const CANCEL_REQUEST = 80_877_102;

/** Real Postgres refuses startup packets over 10,000 bytes and messages over 1 GB. */
const MAX_STARTUP_LENGTH = 10_000;
const MAX_MESSAGE_LENGTH = 0x3fff_ffff;

/** Messages after which the client waits for the server, so a unit ends there. */
const ENDS_UNIT = new Set(['S', 'Q', 'H', 'F', 'c', 'f']);

export type Unit =
  /** SSLRequest or GSSENCRequest: answered 'N' (no encryption on loopback). */
  | { readonly kind: 'decline-encryption' }
  /** CancelRequest: one PGlite session has no other backend to signal; the connection closes. */
  | { readonly kind: 'cancel' }
  /** StartupMessage: run on PGlite, which answers AuthenticationOk and the parameters. */
  | { readonly kind: 'startup'; readonly bytes: Uint8Array }
  /** Typed messages up to one that awaits an answer: run on PGlite as one piece. */
  | { readonly kind: 'run'; readonly bytes: Uint8Array }
  /** Terminate: the client is leaving. */
  | { readonly kind: 'terminate' };

export class WireProtocolError extends Error {
  override readonly name = 'WireProtocolError';
}

export interface FrameState {
  /** True once the StartupMessage went by: from then on every message is typed. */
  started: boolean;
  /** Bytes not yet part of a complete unit (a partial message or an unfinished Parse … Sync). */
  pending: Buffer;
}

export function newFrameState(): FrameState {
  return { started: false, pending: Buffer.alloc(0) };
}

/**
 * Appends `data` and returns the complete units it finished, in order; bytes of an unfinished
 * unit stay in `state.pending`. Throws WireProtocolError on bytes no Postgres client sends.
 */
export function takeUnits(state: FrameState, data: Uint8Array): Unit[] {
  state.pending = state.pending.length === 0 ? Buffer.from(data) : Buffer.concat([state.pending, data]);
  const units: Unit[] = [];
  const buf = state.pending;
  let unitStart = 0;
  let at = 0;
  while (!state.started) {
    if (buf.length - at < 8) break;
    const length = buf.readInt32BE(at);
    if (length < 8 || length > MAX_STARTUP_LENGTH) {
      throw new WireProtocolError(`invalid startup packet length ${length}`);
    }
    if (buf.length - at < length) break;
    const code = buf.readInt32BE(at + 4);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) units.push({ kind: 'decline-encryption' });
    else if (code === CANCEL_REQUEST) units.push({ kind: 'cancel' });
    else if (code === PROTOCOL_3) {
      units.push({ kind: 'startup', bytes: buf.subarray(at, at + length) });
      state.started = true;
    } else {
      throw new WireProtocolError(`unsupported frontend protocol ${code >>> 16}.${code & 0xffff}`);
    }
    at += length;
    unitStart = at;
    if (code === CANCEL_REQUEST) break;
  }
  while (state.started && buf.length - at >= 5) {
    const type = String.fromCharCode(buf[at]!);
    const length = buf.readInt32BE(at + 1);
    if (length < 4 || length > MAX_MESSAGE_LENGTH) {
      throw new WireProtocolError(`invalid length ${length} for message '${type}'`);
    }
    if (buf.length - at < 1 + length) break;
    at += 1 + length;
    if (type === 'X') {
      if (at - 1 - length > unitStart)
        units.push({ kind: 'run', bytes: buf.subarray(unitStart, at - 1 - length) });
      units.push({ kind: 'terminate' });
      unitStart = at;
    } else if (ENDS_UNIT.has(type)) {
      units.push({ kind: 'run', bytes: buf.subarray(unitStart, at) });
      unitStart = at;
    }
  }
  // Units are views of the old buffer; what is left is copied so the two never alias.
  state.pending = Buffer.from(buf.subarray(unitStart));
  return units;
}
