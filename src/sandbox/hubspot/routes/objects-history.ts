import type { Request } from 'express';
import type { CrmRecord } from '../state/object-store.ts';
import type { ObjectType } from '../state/object-types.ts';
import type { PortalState } from '../state/portal-state.ts';
import { propertiesWithHistory, type ValueWithTimestamp } from '../state/property-history.ts';
import { queryList, type SimplePublicObject } from './serialize.ts';

// `propertiesWithHistory` on object reads (424-v3-companies.json: "A comma separated list of the
// properties to be returned along with their history of previous values. If any of the specified
// properties are not present on the requested object(s), they will be ignored. Usage of this
// parameter will reduce the maximum number of companies that can be read by a single request.")

/**
 * A list page with history holds at most 50 records. The spec only says history lowers the cap;
 * 50 is the figure HubSpot gives for list reads with history (CRM objects guide).
 */
export const MAX_HISTORY_LIST_LIMIT = 50;

export type WithHistory = SimplePublicObject & {
  propertiesWithHistory?: Record<string, ValueWithTimestamp[]>;
};

export function withHistoryNames(
  portal: PortalState,
  type: ObjectType,
  record: CrmRecord,
  json: SimplePublicObject,
  names: readonly string[] | null,
): WithHistory {
  if (names === null || names.length === 0) return json;
  return { ...json, propertiesWithHistory: propertiesWithHistory(portal, type, record, names) };
}

export function withHistory(
  portal: PortalState,
  type: ObjectType,
  record: CrmRecord,
  json: SimplePublicObject,
  req: Request,
): WithHistory {
  return withHistoryNames(portal, type, record, json, queryList(req.query['propertiesWithHistory']));
}

export function historyLimit(limit: number, req: Request): number {
  const names = queryList(req.query['propertiesWithHistory']);
  return names === null || names.length === 0 ? limit : Math.min(limit, MAX_HISTORY_LIST_LIMIT);
}
