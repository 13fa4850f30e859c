/**
 * Which scopes a portal's OAuth calls exercised, for the check certification makes
 * ("requested scopes are compared with API logs"): for each endpoint called, the scopes
 * that would do (`anyOf`, from the spec's `security`) and those of them the token held.
 * A requested scope nobody's call needed is unused; a 403 MISSING_SCOPES is a scope
 * missing. Keyed by method + endpoint template, so memory grows with endpoints, not calls.
 */
export interface ScopeUse {
  method: string;
  endpoint: string;
  anyOf: string[];
  held: string[];
  allowed: number;
  refused: number;
}

export class ScopeLog {
  #uses = new Map<string, ScopeUse>();

  record(method: string, endpoint: string, anyOf: readonly string[], held: readonly string[]): void {
    const key = `${method} ${endpoint} ${anyOf.join(',')}`;
    let use = this.#uses.get(key);
    if (!use) {
      use = { method, endpoint, anyOf: [...anyOf], held: [...held], allowed: 0, refused: 0 };
      this.#uses.set(key, use);
    }
    if (held.length > 0) use.allowed++;
    else use.refused++;
  }

  list(): ScopeUse[] {
    return [...this.#uses.values()];
  }

  clear(): void {
    this.#uses.clear();
  }
}

/**
 * Scopes the calls could not have done without: a scope is needed when it was the only
 * held scope of an allowed call. (A call that several held scopes allow proves none of them.)
 */
export function neededScopes(uses: readonly ScopeUse[]): Set<string> {
  const needed = new Set<string>();
  for (const u of uses) if (u.allowed > 0 && u.held.length === 1) needed.add(u.held[0]!);
  return needed;
}
