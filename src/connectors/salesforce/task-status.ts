import type { SalesforceClient } from './client.ts';
import { query } from './reads.ts';
import { select } from './soql.ts';

/**
 * The status Vigil gives its timeline Tasks: one of the org's closed statuses, read from TaskStatus
 * ("Your client application can query this object to retrieve the set of values in the task status
 * picklist", Object Reference; "Multiple task status values can represent a closed Task"). An org
 * may have renamed or replaced "Completed": Vigil takes "Completed" when it is a closed status, else
 * the first closed one in the picklist's order. Cached a day (one query per day of writing).
 */
export const TASK_STATUS_MAX_AGE_MS = 24 * 60 * 60_000;
const KEY = 'salesforce:closedTaskStatus';
const PREFERRED = 'Completed';

type State = { get(key: string): Promise<string | null>; set(key: string, value: string): Promise<void> };

export async function closedTaskStatus(client: SalesforceClient, state: State, now: number): Promise<string> {
  const text = await state.get(KEY);
  if (text !== null) {
    const cached = JSON.parse(text) as { checkedAt: number; status: string };
    if (now - cached.checkedAt < TASK_STATUS_MAX_AGE_MS) return cached.status;
  }
  const result = await query(
    client,
    select({
      fields: ['MasterLabel', 'SortOrder'],
      from: 'TaskStatus',
      where: [{ field: 'IsClosed', op: '=', value: { kind: 'boolean', value: true } }],
      orderBy: ['SortOrder'],
    }),
  );
  const labels = result.records.map((r) => String(r['MasterLabel'] ?? '')).filter((l) => l !== '');
  const status = labels.includes(PREFERRED) ? PREFERRED : labels[0];
  if (status === undefined)
    throw new Error(
      "The org's Task status picklist has no closed status, and Vigil records timeline entries as closed Tasks: add one in Setup → Object Manager → Task → Fields → Status.",
    );
  await state.set(KEY, JSON.stringify({ checkedAt: now, status }));
  return status;
}
