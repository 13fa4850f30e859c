import type { FieldDef } from './fields.ts';

// The Task status picklist lives in the TaskStatus sObject ("Represents the status of a Task …
// Your client application can query this object to retrieve the set of values in the task status
// picklist", Object Reference): MasterLabel, SortOrder, IsDefault, IsClosed. "Multiple task status
// values can represent a closed Task", and an org may rename or replace "Completed" (a closed status
// named "Done", say). Task.IsClosed follows the status's IsClosed. A status outside the picklist is
// refused like a restricted picklist value (the Task reference sends clients to TaskStatus for the
// values; the sandbox is strict rather than accept what a real org may not).

export interface TaskStatusDef {
  readonly label: string;
  readonly closed: boolean;
  readonly isDefault: boolean;
}

/** A new org's statuses (Salesforce's defaults). */
export const DEFAULT_TASK_STATUSES: readonly TaskStatusDef[] = [
  { label: 'Not Started', closed: false, isDefault: true },
  { label: 'In Progress', closed: false, isDefault: false },
  { label: 'Completed', closed: true, isDefault: false },
  { label: 'Waiting on someone else', closed: false, isDefault: false },
  { label: 'Deferred', closed: false, isDefault: false },
];

export function taskStatusFields(): FieldDef[] {
  return [
    { name: 'Id', type: 'id', writable: false },
    { name: 'MasterLabel', type: 'string', writable: false },
    { name: 'SortOrder', type: 'int', writable: false },
    { name: 'IsDefault', type: 'boolean', writable: false },
    { name: 'IsClosed', type: 'boolean', writable: false },
    { name: 'SystemModstamp', type: 'datetime', writable: false },
  ];
}

/** Checks a picklist an org is seeded with: labels unique, exactly one default. */
export function checkTaskStatuses(statuses: readonly TaskStatusDef[]): void {
  const labels = new Set(statuses.map((s) => s.label));
  if (labels.size !== statuses.length || statuses.some((s) => s.label.trim() === ''))
    throw new RangeError('taskStatuses: labels must be non-empty and unique');
  if (statuses.filter((s) => s.isDefault).length !== 1)
    throw new RangeError('taskStatuses: exactly one status must be the default');
}
