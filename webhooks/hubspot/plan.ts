import type { CrmObjectType, Removal } from '../../src/connectors/types.ts';
import type { WebhookEvent } from './events.ts';

/**
 * What a batch of stored events asks of the mirror, folded per record in the order the
 * changes happened (occurredAt, then eventId — HubSpot does not deliver in order, and a
 * retried request can bring an old event after a newer one). Only each record's final
 * state counts: created-then-deleted is a removal, deleted-then-restored a re-read, and
 * fifty property changes of one ticket are one re-read — which is how a burst for one
 * company becomes one recompute and one write.
 */
export interface EventEffects {
  /** Deleted, privacy-deleted, or merged away (with the survivor's id). */
  readonly removals: Removal[];
  /** Records whose current values must be read again: created, changed, restored, re-associated, merge survivors. */
  readonly reread: Readonly<Record<CrmObjectType, string[]>>;
  /** Companies to recompute even if nothing is re-read (their own events, association ends). */
  readonly dirtyCompanies: string[];
}

type FinalState =
  | { present: true }
  | { present: false; mergedInto: string | null; at: number; privacy: boolean };

export function byOccurrence(a: WebhookEvent, b: WebhookEvent): number {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt - b.occurredAt;
  // eventIds are numeric strings, possibly beyond 2^53: compare by length, then text.
  return a.eventId.length - b.eventId.length || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}

export function planEffects(events: readonly WebhookEvent[]): EventEffects {
  const state = new Map<string, FinalState>();
  const dirty = new Set<string>();
  const key = (type: CrmObjectType, id: string) => `${type}:${id}`;
  const present = (type: CrmObjectType, id: string) => state.set(key(type, id), { present: true });
  const removed = (type: CrmObjectType, id: string, mergedInto: string | null, at: number, privacy = false) =>
    state.set(key(type, id), { present: false, mergedInto, at, privacy });

  for (const e of [...events].sort(byOccurrence)) {
    switch (e.kind) {
      case 'creation':
      case 'propertyChange':
      case 'restore':
        present(e.objectType, e.objectId);
        break;
      case 'deletion':
        removed(e.objectType, e.objectId, null, e.occurredAt);
        break;
      case 'privacyDeletion':
        // A GDPR delete: the record and what Vigil derived from it go, not just archived.
        removed(e.objectType, e.objectId, null, e.occurredAt, true);
        break;
      case 'merge': {
        const survivor = e.mergedInto ?? e.objectId;
        for (const loser of e.mergedIds)
          if (loser !== survivor) removed(e.objectType, loser, survivor, e.occurredAt);
        present(e.objectType, survivor);
        break;
      }
      case 'associationChange':
        // The record's list of companies changed: read it again. A company end is recomputed.
        present(e.objectType, e.objectId);
        if (e.associatedType === 'company' && e.associatedId !== null) dirty.add(e.associatedId);
        else if (e.associatedType !== null && e.associatedId !== null && e.objectType === 'company') {
          present(e.associatedType, e.associatedId);
        }
        break;
    }
  }

  const removals: Removal[] = [];
  const reread: Record<CrmObjectType, string[]> = { company: [], deal: [], ticket: [] };
  for (const [k, s] of state) {
    const [type, id] = k.split(':', 2) as [CrmObjectType, string];
    if (s.present) {
      reread[type].push(id);
      if (type === 'company') dirty.add(id);
    } else {
      removals.push({
        type,
        id,
        mergedInto: s.mergedInto,
        removedAt: s.at,
        ...(s.privacy ? { privacy: true } : {}),
      });
      if (type === 'company') dirty.delete(id);
    }
  }
  for (const r of removals) if (r.type === 'company') dirty.delete(r.id);
  for (const list of Object.values(reread)) list.sort();
  return { removals, reread, dirtyCompanies: [...dirty].sort() };
}
