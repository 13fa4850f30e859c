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
 *
 * Task.Status takes the value's API name, not its label: TaskStatus.ApiName "Uniquely identifies a
 * picklist value so it can be retrieved without using an ID or master label" (TaskStatus, Object
 * Reference), and an admin can relabel "Completed" as "Done" while integrations keep the API name
 * ("Protect Picklist API Names for Formulas and Integrations", Salesforce Help). The key names the
 * API name so a label kept by an earlier version is not reused.
 */
const KEY = 'salesforce:closedTaskStatusApiName';
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
      fields: ['ApiName', 'SortOrder'],
      from: 'TaskStatus',
      where: [{ field: 'IsClosed', op: '=', value: { kind: 'boolean', value: true } }],
      orderBy: ['SortOrder'],
    }),
  );
  const names = result.records.map((r) => String(r['ApiName'] ?? '')).filter((n) => n !== '');
  const status = names.includes(PREFERRED) ? PREFERRED : names[0];
  if (status === undefined) throw new NoClosedTaskStatusError();
  await state.set(KEY, JSON.stringify({ status }));
  return status;
}
