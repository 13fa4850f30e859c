import type { ObjectType } from './object-types.ts';
import { SINGULAR } from './object-types.ts';

// HubSpot-defined association type ids (associations v4 guide, "Association type ID values").
// `unlabeled` is the type every association has; `primary` is the extra "Primary" label HubSpot gives
// the main company of a deal, ticket or contact.

export interface AssociationTypeDef {
  unlabeled: number;
  primary?: number;
}

type Direction = `${ObjectType}->${ObjectType}`;

export const ASSOCIATION_TYPES: Partial<Record<Direction, AssociationTypeDef>> = {
  'deals->companies': { unlabeled: 341, primary: 5 },
  'companies->deals': { unlabeled: 342, primary: 6 },
  'tickets->companies': { unlabeled: 339, primary: 26 },
  'companies->tickets': { unlabeled: 340, primary: 25 },
  'contacts->companies': { unlabeled: 279, primary: 1 },
  'companies->contacts': { unlabeled: 280, primary: 2 },
  'notes->companies': { unlabeled: 190 },
  'companies->notes': { unlabeled: 189 },
  'deals->contacts': { unlabeled: 3 },
  'contacts->deals': { unlabeled: 4 },
  'tickets->contacts': { unlabeled: 16 },
  'contacts->tickets': { unlabeled: 15 },
  'deals->tickets': { unlabeled: 27 },
  'tickets->deals': { unlabeled: 28 },
  'notes->contacts': { unlabeled: 202 },
  'contacts->notes': { unlabeled: 201 },
  'notes->deals': { unlabeled: 214 },
  'deals->notes': { unlabeled: 213 },
  'notes->tickets': { unlabeled: 228 },
  'tickets->notes': { unlabeled: 227 },
};

export function associationType(from: ObjectType, to: ObjectType): AssociationTypeDef | undefined {
  return ASSOCIATION_TYPES[`${from}->${to}`];
}

/** Whether `typeId` is a HubSpot-defined type from `from` to `to`. */
export function isKnownTypeId(from: ObjectType, to: ObjectType, typeId: number): boolean {
  const def = associationType(from, to);
  return def !== undefined && (def.unlabeled === typeId || def.primary === typeId);
}

/** The v3 association type name (`deal_to_company`) used in `associations` of object reads. */
export function associationTypeName(from: ObjectType, to: ObjectType): string {
  return `${SINGULAR[from]}_to_${SINGULAR[to]}`;
}
