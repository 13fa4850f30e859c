import type { FieldValue } from './values.ts';

// Archived activities. Salesforce archives an org's older activities: events that ended more than
// 365 days ago, and closed tasks due more than 365 days ago (created more than 365 days ago when
// they have no due date) ("Archived Activities", Salesforce Help). query() leaves them out;
// queryAll() returns them ("queryAll() … also returns information about archived Task and Event
// records", SOAP API Developer Guide, queryAll()). `IsArchived` says which they are.

const YEAR_MS = 365 * 86_400_000;

/** Whether a Task or Event is archived at `now`. */
export function isArchivedActivity(sobject: string, v: Record<string, FieldValue>, now: number): boolean {
  if (sobject === 'Event') {
    const start = v['ActivityDateTime'] ?? v['ActivityDate'];
    if (typeof start !== 'number') return false;
    const end = start + (typeof v['DurationInMinutes'] === 'number' ? v['DurationInMinutes'] * 60_000 : 0);
    return end < now - YEAR_MS;
  }
  if (sobject === 'Task') {
    if (v['IsClosed'] !== true) return false;
    const due = v['ActivityDate'] ?? v['CreatedDate'];
    return typeof due === 'number' && due < now - YEAR_MS;
  }
  return false;
}
