import type { SalesforceClient } from './client.ts';
import { query } from './reads.ts';
import { select } from './soql.ts';

/**
 * The status Vigil gives its timeline Tasks: one of the org's closed statuses, read from TaskStatus
 * ("Your client application can query this object to retrieve the set of values in the task status
 * picklist", Object Reference; "Multiple task status values can represent a closed Task"). An org
 * may have renamed or replaced "Completed": Vigil takes "Completed" when it is a closed status, else
 * the first closed one in the picklist's order. Read at provisioning and kept; read again only when
 * Salesforce refuses the kept one (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST on Status).
 */
const KEY = 'salesforce:closedTaskStatus';
const PREFERRED = 'Completed';

type State = { get(key: string): Promise<string | null>; set(key: string, value: string): Promise<void> };

export class NoClosedTaskStatusError extends Error {
  constructor() {
    super(
      "The org's Task status picklist has no closed status, and Vigil records timeline entries as closed Tasks: add one in Setup → Object Manager → Task → Fields → Status.",
    );
    this.name = 'NoClosedTaskStatusError';
  }
}

/**
 * The closed status, as last read (provisioning reads it afresh; `force` after Salesforce refused
 * it as outside the picklist, so an admin's change costs one query when it matters, none before).
 */
export async function closedTaskStatus(
  client: SalesforceClient,
  state: State,
  _now: number,
  options: { force?: boolean } = {},
): Promise<string> {
  if (options.force !== true) {
    const text = await state.get(KEY);
    if (text !== null) return (JSON.parse(text) as { status: string }).status;
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
  if (status === undefined) throw new NoClosedTaskStatusError();
  await state.set(KEY, JSON.stringify({ status }));
  return status;
}
