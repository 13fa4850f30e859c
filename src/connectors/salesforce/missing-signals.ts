import type { ScoringMapping } from '../../domain/config/schema.ts';
import type { CrmObjectType } from '../types.ts';
import { missingKey } from './reads.ts';

/**
 * Which mapped signals an org cannot supply: the mapping's keys whose fields the last read left out
 * because the org lacks them or field-level security hides them. For the admin (Settings, the sync
 * summary): the score goes on without them, at lower confidence.
 */
export interface MissingSignal {
  readonly type: CrmObjectType;
  /** The mapping key, e.g. `lastLogin`, `nps`. */
  readonly signal: string;
  readonly field: string;
}

export async function missingSignals(
  mapping: ScoringMapping,
  state: { get(key: string): Promise<string | null> },
): Promise<MissingSignal[]> {
  const out: MissingSignal[] = [];
  for (const type of ['company', 'deal', 'ticket'] as const) {
    const text = await state.get(missingKey(type));
    if (text === null) continue;
    const missing = new Set<string>(JSON.parse(text) as string[]);
    const section: Record<string, unknown> =
      type === 'company' ? mapping.company : type === 'deal' ? mapping.deal : mapping.ticket;
    for (const [signal, value] of Object.entries(section)) {
      const fields = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
      for (const field of fields)
        if (typeof field === 'string' && missing.has(field)) out.push({ type, signal, field });
    }
  }
  return out;
}
