import type { CrmObjectType } from '../types.ts';

/** HubSpot's object type names and the association type ids Vigil needs (associations v4 guide, "Association type ID values"). */
export const HUBSPOT_OBJECT: Record<CrmObjectType, 'companies' | 'deals' | 'tickets'> = {
  company: 'companies',
  deal: 'deals',
  ticket: 'tickets',
};

/** HubSpot-defined type ids to companies: `primary` labels the main company. */
export const TO_COMPANY_TYPE_IDS = {
  deal: { primary: 5, unlabeled: 341 },
  ticket: { primary: 26, unlabeled: 339 },
  note: { unlabeled: 190 },
} as const;
