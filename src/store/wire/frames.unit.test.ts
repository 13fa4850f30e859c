import { describe, expect, it } from 'vitest';
import {
  CANCEL_REQUEST,
  newFrameState,
  PROTOCOL_3,
  SSL_REQUEST,
  takeUnits,
  WireProtocolError,
} from './frames.ts';

function untyped(code: number, extra = Buffer.alloc(0)): Buffer {
  const b = Buffer.alloc(8 + extra.length);
  b.writeInt32BE(8 + extra.length, 0);
  b.writeInt32BE(code, 4);
  extra.copy(b, 8);
  return b;
}

function typed(type: string, body = ''): Buffer {
  const payload = Buffer.from(body, 'utf8');
  const b = Buffer.alloc(5 + payload.length);
  b.write(type, 0, 'latin1');
  b.writeInt32BE(4 + payload.length, 1);
  payload.copy(b, 5);
  return b;
}

const startup = untyped(PROTOCOL_3, Buffer.from('user\0postgres\0\0'));
const extended = Buffer.concat([
  typed('P', '\0SELECT 1\0\0\0'),
  typed('B', 'bind'),
  typed('D', 'P\0'),
  typed('E', 'exec'),
]);
const sync = typed('S');

function started() {
  const state = newFrameState();
  takeUnits(state, startup);
  return state;
}

describe('takeUnits', () => {
  it('answers an SSL request, then passes the startup message on whole', () => {
    const state = newFrameState();
    const units = takeUnits(state, Buffer.concat([untyped(SSL_REQUEST), startup]));
    expect(units.map((u) => u.kind)).toEqual(['decline-encryption', 'startup']);
    expect(Buffer.from((units[1] as { bytes: Uint8Array }).bytes)).toEqual(startup);
    expect(state.started).toBe(true);
  });

  it('keeps Parse … Execute back until Sync arrives, then yields them as one unit', () => {
    const state = started();
    expect(takeUnits(state, extended)).toEqual([]);
    const units = takeUnits(state, sync);
    expect(units).toHaveLength(1);
    expect(Buffer.from((units[0] as { bytes: Uint8Array }).bytes)).toEqual(Buffer.concat([extended, sync]));
    expect(state.pending).toHaveLength(0);
  });

  it('gives the same units however the bytes are split into packets', () => {
    const stream = Buffer.concat([extended, sync, typed('Q', 'SELECT 2\0'), extended, sync, typed('X')]);
    const whole = takeUnits(started(), stream);
    for (const size of [1, 3, 7, 64]) {
      const state = started();
      const pieces = [];
      for (let at = 0; at < stream.length; at += size)
        pieces.push(...takeUnits(state, stream.subarray(at, at + size)));
      expect(pieces.map((u) => ('bytes' in u ? Buffer.from(u.bytes).toString('hex') : u.kind))).toEqual(
        whole.map((u) => ('bytes' in u ? Buffer.from(u.bytes).toString('hex') : u.kind)),
      );
    }
    expect(whole.map((u) => u.kind)).toEqual(['run', 'run', 'run', 'terminate']);
  });

  it('ends a unit at every message a client waits on: Query, Flush, FunctionCall, CopyDone, CopyFail', () => {
    for (const type of ['Q', 'H', 'F', 'c', 'f']) {
      const units = takeUnits(started(), typed(type, 'x'));
      expect(
        units.map((u) => u.kind),
        type,
      ).toEqual(['run']);
    }
    expect(takeUnits(started(), typed('d', 'copy data'))).toEqual([]);
  });

  it('runs what came before a Terminate, then terminates', () => {
    const units = takeUnits(started(), Buffer.concat([typed('Q', 'SELECT 1\0'), typed('X')]));
    expect(units.map((u) => u.kind)).toEqual(['run', 'terminate']);
  });

  it('recognises a cancel request and reads nothing after it', () => {
    const key = Buffer.alloc(8);
    const units = takeUnits(newFrameState(), Buffer.concat([untyped(CANCEL_REQUEST, key), startup]));
    expect(units.map((u) => u.kind)).toEqual(['cancel']);
  });

  it('refuses bytes no Postgres client sends, saying what was wrong', () => {
    expect(() => takeUnits(newFrameState(), untyped(0x0002_0000))).toThrow(
      new WireProtocolError('unsupported frontend protocol 2.0'),
    );
    const tooLong = Buffer.alloc(8);
    tooLong.writeInt32BE(1_000_000, 0);
    expect(() => takeUnits(newFrameState(), tooLong)).toThrow(/invalid startup packet length 1000000/);
    const badLength = Buffer.from([0x51, 0, 0, 0, 2]);
    expect(() => takeUnits(started(), badLength)).toThrow(/invalid length 2 for message 'Q'/);
  });
});
