import type { TimelineEntry } from '../types.ts';

/**
 * Timeline entries as HubSpot Notes, for portals where app events are unavailable. A
 * Note has no external id, so the entry id travels in the body behind a fixed marker
 * word: it maps a batch create's results back to their entries (the note id is stored
 * with the entry in Vigil's outbox), and lets a person trace a note to its entry.
 */
export const NOTE_MARKER = 'vigilref';
const REF = new RegExp(`${NOTE_MARKER}\\s+([A-Za-z0-9._:-]+)`, 'g');

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Entry ids are the outbox's deterministic ids; anything outside the safe set is escaped as ~hex. */
export function safeRef(id: string): string {
  return id.replace(/[^A-Za-z0-9._:-]/g, (c) => `~${c.charCodeAt(0).toString(16)}`);
}

export function noteBody(entry: TimelineEntry): string {
  const facts = Object.entries(entry.properties)
    .map(([k, v]) => `${escapeHtml(k)}: ${escapeHtml(String(v))}`)
    .join(' · ');
  return [
    `<p><strong>${escapeHtml(entry.title)}</strong></p>`,
    `<p>${escapeHtml(entry.body)}</p>`,
    facts === '' ? '' : `<p>${facts}</p>`,
    `<p><small>Vigil customer health · ${NOTE_MARKER} ${safeRef(entry.id)}</small></p>`,
  ].join('');
}

/** The entry refs written in note bodies. */
export function refsIn(bodies: ReadonlyArray<string | null | undefined>): Set<string> {
  const refs = new Set<string>();
  for (const body of bodies) for (const m of (body ?? '').matchAll(REF)) if (m[1]) refs.add(m[1]);
  return refs;
}
