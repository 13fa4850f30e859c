import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstWindow, nextWindow, type SearchBody, type SearchWindow, searchBody } from './search-plan.ts';

interface Row {
  id: string;
  modifiedAt: number;
}

/** A tiny CRM search with HubSpot's paging rules: offset `after`, a result cap, 400 past it. */
function engine(rows: Row[], maxResults: number) {
  return (body: SearchBody) => {
    const after = Number(body.after ?? 0);
    if (after >= maxResults) throw new Error(`400: after ${after} is past the ${maxResults} cap`);
    const filters = body.filterGroups[0]!.filters;
    const match = rows.filter((r) =>
      filters.every((f) => {
        const v = f.propertyName === 'hs_object_id' ? Number(r.id) : r.modifiedAt;
        const x = Number(f.value);
        return f.operator === 'GTE' ? v >= x : f.operator === 'EQ' ? v === x : v > x;
      }),
    );
    // Like HubSpot: a bare-string sort is ignored (records in id order), only the documented
    // `{propertyName, direction}` form sorts.
    const sort = body.sorts[0] as unknown;
    const byStamp =
      typeof sort === 'object' &&
      sort !== null &&
      (sort as { propertyName: string }).propertyName !== 'hs_object_id';
    match.sort((a, b) => (byStamp ? a.modifiedAt - b.modifiedAt : 0) || Number(a.id) - Number(b.id));
    const end = Math.min(after + body.limit, maxResults, match.length);
    return { records: match.slice(after, end), hasMore: end < match.length };
  };
}

function readAll(
  rows: Row[],
  since: number,
  pageSize: number,
  maxResults: number,
  onPage?: (n: number) => void,
) {
  const search = engine(rows, maxResults);
  const seen = new Set<string>();
  let window: SearchWindow | null = firstWindow(since);
  let calls = 0;
  while (window !== null) {
    const page = search(searchBody(window, ['name'], pageSize));
    calls += 1;
    if (calls > 10_000) throw new Error('does not terminate');
    for (const r of page.records) seen.add(r.id);
    onPage?.(calls);
    window = nextWindow(window, page, pageSize, maxResults);
  }
  return { seen, calls };
}

describe('incremental search plan', () => {
  it('asks for hs_lastmodifieddate >= since, ascending, with no offset on the first page', () => {
    expect(searchBody(firstWindow(1_700_000_000_123.7), ['a', 'b'], 200)).toEqual({
      filterGroups: [
        { filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: '1700000000123' }] },
      ],
      sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }],
      properties: ['a', 'b'],
      limit: 200,
      after: '0',
    });
  });

  it('opens the next window at the last stamp of the page instead of paging deeper', () => {
    const next = nextWindow(
      firstWindow(100),
      {
        records: [
          { id: '1', modifiedAt: 100 },
          { id: '2', modifiedAt: 150 },
        ],
        hasMore: true,
      },
      2,
      10_000,
    );
    expect(next).toEqual({ from: 150, offset: 0, tieId: null });
  });

  it('reads 25,000 changed records past the 10,000 cap, each page re-reading only the boundary record', () => {
    const rows = Array.from({ length: 25_000 }, (_, i) => ({ id: String(i + 1), modifiedAt: 1_000 + i }));
    const { seen, calls } = readAll(rows, 1_000, 200, 10_000);
    expect(seen.size).toBe(25_000);
    // 199 new records a page (one overlap), never an offset past the cap.
    expect(calls).toBe(Math.ceil((25_000 - 1) / 199));
  });

  it('slices a millisecond shared by more records than the cap by id', () => {
    const rows = [
      { id: '1', modifiedAt: 5 },
      ...Array.from({ length: 25 }, (_, i) => ({ id: String(i + 2), modifiedAt: 7 })),
      { id: '99', modifiedAt: 9 },
    ];
    const { seen } = readAll(rows, 0, 3, 9);
    expect([...seen].sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it('misses nothing when a record is modified (moves to the end) while the read pages', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ id: String(i + 1), modifiedAt: i }));
    const { seen } = readAll(rows, 0, 5, 20, (call) => {
      // After each page a record already read is modified again and jumps to the end.
      const r = rows[call - 1];
      if (r) r.modifiedAt = 1_000 + call;
    });
    expect(seen.size).toBe(50);
  });

  it('reads every record at or after since, whatever the ties, and never pages past the cap', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 80 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        (stamps, since, pageSize) => {
          const rows = stamps.map((modifiedAt, i) => ({ id: String(i + 1), modifiedAt }));
          const maxResults = pageSize * 3;
          const { seen } = readAll(rows, since, pageSize, maxResults);
          const expected = rows.filter((r) => r.modifiedAt >= since).map((r) => r.id);
          return expected.every((id) => seen.has(id)) && [...seen].every((id) => expected.includes(id));
        },
      ),
    );
  });
});
