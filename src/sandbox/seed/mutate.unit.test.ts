import { describe, expect, it } from 'vitest';
import { generatePortal } from './generate.ts';
import { mutatePortal } from './mutate.ts';

const NOW = Date.parse('2026-03-01T00:00:00.000Z');
const LATER = NOW + 3_600_000;
const portal = generatePortal({ size: 'small', seed: 9, now: NOW });

describe('mutatePortal', () => {
  it('changes the given fraction of each object type, each record at most once', () => {
    const changes = mutatePortal(portal, { fraction: 0.01, seed: 1, now: LATER });
    for (const type of ['companies', 'deals', 'tickets'] as const) {
      const ids = changes.filter((c) => c.objectType === type).map((c) => c.id);
      expect(ids).toHaveLength(Math.round(0.01 * portal[type].length));
      expect(new Set(ids).size).toBe(ids.length);
      const existing = new Set(portal[type].map((r) => r.id));
      for (const id of ids) expect(existing.has(id)).toBe(true);
    }
  });

  it('is deterministic by seed and leaves the portal untouched', () => {
    const before = structuredClone(portal);
    const a = mutatePortal(portal, { fraction: 0.1, seed: 4, now: LATER });
    expect(mutatePortal(portal, { fraction: 0.1, seed: 4, now: LATER })).toEqual(a);
    expect(mutatePortal(portal, { fraction: 0.1, seed: 5, now: LATER })).not.toEqual(a);
    expect(portal).toEqual(before);
  });

  it('writes only valid values of writable properties that differ in kind per object', () => {
    const changes = mutatePortal(portal, { fraction: 0.5, seed: 2, now: LATER });
    const readOnly = [
      'hs_lastmodifieddate',
      'createdate',
      'notes_last_contacted',
      'hs_last_sales_activity_timestamp',
    ];
    const stages = new Set(portal.pipelines.deals.flatMap((p) => p.stages.map((s) => s.id)));
    const deals = new Map(portal.deals.map((d) => [d.id, d]));
    for (const change of changes) {
      expect(Object.keys(change.properties).length).toBeGreaterThan(0);
      for (const [name, value] of Object.entries(change.properties)) {
        expect(readOnly).not.toContain(name);
        if (
          ['active_users', 'sessions_last_30d', 'nps_score', 'days_payment_overdue', 'amount'].includes(name)
        ) {
          expect(value).toMatch(/^\d+$/);
        }
        if (name === 'last_login_date')
          expect(value <= new Date(LATER).toISOString().slice(0, 10)).toBe(true);
        if (name === 'onboarding_status') expect(['in_progress', 'completed']).toContain(value);
        if (name === 'dealstage') {
          expect(stages.has(value)).toBe(true);
          expect(value).not.toBe(deals.get(change.id)!.properties['dealstage']);
        }
        if (name === 'hs_pipeline_stage') expect(['3', '4']).toContain(value);
      }
      if (change.properties['hs_pipeline_stage'] === '4')
        expect(change.properties['closed_date']).toBe(new Date(LATER).toISOString());
    }
    const kinds = new Set(
      changes.flatMap((c) => Object.keys(c.properties).map((k) => `${c.objectType}.${k}`)),
    );
    for (const kind of [
      'companies.last_login_date',
      'companies.nps_score',
      'deals.dealstage',
      'deals.hubspot_owner_id',
      'tickets.hs_pipeline_stage',
    ]) {
      expect(kinds).toContain(kind);
    }
  });

  it('changes nothing for a fraction of 0 and rejects one above 1', () => {
    expect(mutatePortal(portal, { fraction: 0, seed: 1, now: LATER })).toEqual([]);
    expect(() => mutatePortal(portal, { fraction: 2, seed: 1, now: LATER })).toThrow(RangeError);
  });
});
