import type { FieldDef } from './fields.ts';

// The Task status picklist lives in the TaskStatus sObject ("Represents the status of a Task …
// Your client application can query this object to retrieve the set of values in the task status
// picklist", Object Reference): ApiName, MasterLabel, SortOrder, IsDefault, IsClosed. "Multiple task status
// values can represent a closed Task", and an org may rename or replace "Completed" (a closed status
// named "Done", say). Task.IsClosed follows the status's IsClosed. A status outside the picklist is
// refused like a restricted picklist value (the Task reference sends clients to TaskStatus for the
// values; the sandbox is strict rather than accept what a real org may not).
// Task.Status holds a value's API name, not its label: TaskStatus.ApiName "Uniquely identifies a
// picklist value so it can be retrieved without using an ID or master label" (TaskStatus, Object
// Reference), and an admin who relabels a value keeps its API name ("Protect Picklist API Names for
// Formulas and Integrations", Salesforce Help) — so a status labelled "Done" may be stored as
// "Completed_Custom", and the API accepts and returns the API name.

export interface TaskStatusDef {
  readonly label: string;
  /** The value's API name, what Task.Status holds; the label when not given (a new value's default). */
  readonly apiName?: string;
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
    { name: 'ApiName', type: 'string', writable: false },
    { name: 'MasterLabel', type: 'string', writable: false },
    { name: 'SortOrder', type: 'int', writable: false },
    { name: 'IsDefault', type: 'boolean', writable: false },
    { name: 'IsClosed', type: 'boolean', writable: false },
    { name: 'SystemModstamp', type: 'datetime', writable: false },
  ];
}

/** The value Task.Status takes for this status. */
export function taskStatusApiName(status: TaskStatusDef): string {
  return status.apiName ?? status.label;
}

/** Checks a picklist an org is seeded with: labels and API names unique, exactly one default. */
export function checkTaskStatuses(statuses: readonly TaskStatusDef[]): void {
  const labels = new Set(statuses.map((s) => s.label));
  if (labels.size !== statuses.length || statuses.some((s) => s.label.trim() === ''))
    throw new RangeError('taskStatuses: labels must be non-empty and unique');
  const names = new Set(statuses.map(taskStatusApiName));
  if (names.size !== statuses.length || [...names].some((n) => n.trim() === ''))
    throw new RangeError('taskStatuses: API names must be non-empty and unique');
  if (statuses.filter((s) => s.isDefault).length !== 1)
    throw new RangeError('taskStatuses: exactly one status must be the default');
}
