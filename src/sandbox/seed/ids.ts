import type { SeedRecord } from './types.ts';

// HubSpot ids are numeric strings that grow with creation time, from a different range per object
// type (so a company id is never mistaken for a deal id in tests and logs).

export const ID_BASE = { companies: 18_000_000_001, deals: 21_000_000_001, tickets: 3_200_000_001 } as const;

/**
 * Orders records by creation (ties by generation order, for determinism), numbers them from `base`
 * and returns them with `order[position]` = the record's index before sorting.
 */
export function assignIds(records: SeedRecord[], base: number): { records: SeedRecord[]; order: number[] } {
  const order = records.map((_, index) => index);
  order.sort((a, b) => records[a]!.createdAt - records[b]!.createdAt || a - b);
  const sorted = order.map((index, position) => {
    const record = records[index]!;
    record.id = String(base + position);
    return record;
  });
  return { records: sorted, order };
}
