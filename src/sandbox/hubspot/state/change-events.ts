import type { ObjectType } from './object-types.ts';

// The change feed of a portal: one event per mutation, in order (contract, "Portal state"). The
// webhook dispatcher turns these into HubSpot's webhook payloads, so the names follow its
// subscription types (`company.creation`, `company.propertyChange`, ...).

export type ChangeKind =
  | 'creation'
  | 'propertyChange'
  | 'deletion'
  | 'merge'
  | 'restore'
  | 'associationChange'
  | 'privacyDeletion';

export interface ChangeEvent {
  objectType: ObjectType;
  objectId: string;
  kind: ChangeKind;
  propertyName?: string;
  propertyValue?: string | null;
  /** 'INTEGRATION' for API writes by an app or private app, 'CRM_UI' for control-API "user" edits. */
  changeSource: string;
  /** The app id for OAuth-app writes, 'private-app' for private-app tokens, 'userId:1' for UI edits. */
  sourceId?: string;
  occurredAt: number;
  // merge: primaryObjectId, mergedObjectIds, newObjectId;
  // associationChange: fromObjectId, toObjectId, associationType, associationRemoved, toObjectType
  [extra: string]: unknown;
}

/** Who made a write, as change events report it. */
export interface WriteSource {
  changeSource: string;
  sourceId?: string;
}

export const UI_SOURCE: WriteSource = { changeSource: 'CRM_UI', sourceId: 'userId:1' };

export type ChangeListener = (event: ChangeEvent) => void;
