import type { PropertyDefinition, SeededPortal, SeedRecord } from '../../seed/types.ts';
import type { ObjectType } from './object-types.ts';
import type { PortalState } from './portal-state.ts';
import { recordPropertyHistory } from './property-history.ts';
import type { PropertyDef } from './property-types.ts';

// Loads a seeded portal into a PortalState, as an import would: no change events, no validation
// (the seed writes values the way HubSpot returns them). Records keep the seed's own property
// objects, so a `large` portal is held once, not twice.

export function loadSeededPortal(portal: PortalState, seed: SeededPortal): void {
  const at = portal.clock.now();
  recordPropertyHistory(portal, seed);
  for (const type of ['companies', 'deals', 'tickets'] as const) {
    for (const def of seed.customProperties[type]) defineSeedProperty(portal, type, def, at);
    insertAll(portal, type, seed[type]);
  }
  portal.pipelines = {
    deals: seed.pipelines.deals,
    tickets: seed.pipelines.tickets,
    createdAt: portal.pipelines.createdAt,
  };
  portal.syncPipelineOptions();
  for (const [dealId, companyId] of seed.dealCompany)
    portal.associations.add('deals', dealId, 'companies', companyId);
  for (const [ticketId, companyId] of seed.ticketCompany)
    portal.associations.add('tickets', ticketId, 'companies', companyId);
}

function insertAll(portal: PortalState, type: ObjectType, records: readonly SeedRecord[]): void {
  const store = portal.objects[type];
  for (const r of records) {
    store.insert({
      id: r.id,
      properties: r.properties,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      archivedAt: null,
    });
  }
}

function defineSeedProperty(
  portal: PortalState,
  type: ObjectType,
  def: PropertyDefinition,
  at: number,
): void {
  const registry = portal.properties[type];
  const existing = registry.get(def.name);
  const full: PropertyDef = {
    name: def.name,
    label: def.label,
    type: def.type,
    fieldType: def.fieldType,
    groupName: def.groupName,
    description: def.description,
    options: def.options.map((o) => ({ ...o })),
    displayOrder: def.displayOrder ?? existing?.displayOrder ?? -1,
    hidden: false,
    formField: false,
    hasUniqueValue: false,
    hubspotDefined: def.hubspotDefined ?? false,
    calculated: false,
    externalOptions: false,
    readOnlyValue: false,
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
    archived: false,
    archivedAt: null,
  };
  registry.define(full);
}
