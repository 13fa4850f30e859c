import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SessionRow } from '../../store/repos/sessions.ts';

/**
 * Server-side sessions: the browser holds `<id>.<hmac(id)>` in an HttpOnly cookie; the
 * store keeps only sha256(id), so a database reader cannot replay a cookie, and revoking
 * the row ends the session at once.
 */
export interface SessionStore {
  create(row: SessionRow): Promise<void>;
  get(idHash: string, now: number): Promise<SessionRow | null>;
  revoke(idHash: string): Promise<void>;
}

/** For the routes alone over a read model (no database): sessions live in this process. */
export function memorySessions(): SessionStore {
  const rows = new Map<string, SessionRow & { revoked: boolean }>();
  return {
    async create(row) {
      rows.set(row.idHash, { ...row, revoked: false });
    },
    async get(idHash, now) {
      const row = rows.get(idHash);
      if (row === undefined || row.revoked || row.expiresAt <= now) return null;
      const { revoked: _, ...rest } = row;
      return rest;
    },
    async revoke(idHash) {
      const row = rows.get(idHash);
      if (row !== undefined) row.revoked = true;
    },
  };
}

export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function hashId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

function mac(secret: Buffer, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}

export function signCookie(secret: Buffer, id: string): string {
  return `${id}.${mac(secret, id)}`;
}

/** The id of a cookie value whose signature holds; null otherwise. */
export function unsignCookie(secret: Buffer, value: string): string | null {
  const dot = value.lastIndexOf('.');
  if (dot <= 0) return null;
  const id = value.slice(0, dot);
  return safeEqual(value.slice(dot + 1), mac(secret, id)) ? id : null;
}

/** Constant-time comparison of two strings (different lengths compare unequal). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
