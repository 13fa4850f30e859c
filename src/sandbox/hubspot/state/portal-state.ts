import { ScopeLog } from '../auth/scope-log.ts';
import { AssociationStore } from './association-store.ts';
import { associationTypeName } from './association-types.ts';
import type { ChangeEvent, ChangeListener, WriteSource } from './change-events.ts';
import { CREATE_DATE_PROPERTY, LAST_MODIFIED_PROPERTY } from './default-properties.ts';
import { type CrmRecord, ObjectStore } from './object-store.ts';
import { OBJECT_TYPES, type ObjectType } from './object-types.ts';
import { defaultPipelines, type PipelineSet } from './pipelines.ts';
import { PropertyRegistry } from './property-registry.ts';
import { type PropertyValueError, unknownProperty, validatePropertyValue } from './property-validation.ts';

// One HubSpot portal: its records, property definitions, associations, pipelines and change feed.
// Every mutation made through these methods stamps the record as HubSpot does (updatedAt and
// hs_lastmodifieddate on each write, createdate on create) and emits change events in order.

export type Values = Record<string, string | null>;

export interface ValidatedValues {
  values: Values;
  errors: PropertyValueError[];
}

export interface AssociationInput {
  toType: ObjectType;
  toId: string;
}

// Distinct id ranges per type make ids look like HubSpot's and keep types apart in logs.
const FIRST_ID: Record<ObjectType, number> = {
  contacts: 1_000_001,
  companies: 2_000_001,
  deals: 3_000_001,
  tickets: 5_000_001,
  notes: 46_000_001,
};

export class PortalState {
  readonly portalId: number;
  readonly clock: { now(): number };
  readonly objects: Record<ObjectType, ObjectStore>;
  readonly properties: Record<ObjectType, PropertyRegistry>;
  readonly associations = new AssociationStore();
  /** The scopes OAuth calls on this portal exercised (auth/scope-log.ts). */
  readonly scopeLog = new ScopeLog();
  pipelines: PipelineSet;
  private readonly listeners = new Set<ChangeListener>();
  /** merged-away id → surviving id, per type: HubSpot still answers reads of a merged id. */
  private readonly mergedInto = new Map<string, string>();

  constructor(portalId: number, clock: { now(): number }) {
    this.portalId = portalId;
    this.clock = clock;
    const at = clock.now();
    const objects = {} as Record<ObjectType, ObjectStore>;
    const properties = {} as Record<ObjectType, PropertyRegistry>;
    for (const type of OBJECT_TYPES) {
      objects[type] = new ObjectStore(type, FIRST_ID[type]);
      properties[type] = new PropertyRegistry(type, at);
    }
    this.objects = objects;
    this.properties = properties;
    this.pipelines = defaultPipelines(at);
    this.syncPipelineOptions();
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: ChangeEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private event(
    type: ObjectType,
    id: string,
    kind: ChangeEvent['kind'],
    source: WriteSource,
    at: number,
    extra: Record<string, unknown> = {},
  ): ChangeEvent {
    const e: ChangeEvent = {
      objectType: type,
      objectId: id,
      kind,
      changeSource: source.changeSource,
      occurredAt: at,
      ...extra,
    };
    if (source.sourceId !== undefined) e.sourceId = source.sourceId;
    return e;
  }

  /** Pipeline and stage ids become the options of the pipeline/stage properties, as in HubSpot. */
  syncPipelineOptions(): void {
    const opts = (values: Array<{ id: string; label: string }>) =>
      values.map((v, displayOrder) => ({ label: v.label, value: v.id, displayOrder, hidden: false }));
    const { deals, tickets } = this.pipelines;
    this.properties.deals.setOptions('pipeline', opts(deals));
    this.properties.deals.setOptions('dealstage', opts(deals.flatMap((p) => p.stages)));
    this.properties.tickets.setOptions('hs_pipeline', opts(tickets));
    this.properties.tickets.setOptions('hs_pipeline_stage', opts(tickets.flatMap((p) => p.stages)));
  }

  // ---- reading -------------------------------------------------------------------------------

  /** A record by id (following merges), or by the value of a unique `idProperty`. */
  find(type: ObjectType, id: string, idProperty?: string, archived = false): CrmRecord | undefined {
    const store = this.objects[type];
    if (idProperty !== undefined && idProperty !== 'hs_object_id') {
      for (const r of store.scan(archived)) if (r.properties[idProperty] === id) return r;
      return undefined;
    }
    const r = store.get(this.mergedInto.get(`${type}:${id}`) ?? id);
    if (!r || (r.archivedAt !== null) !== archived) return undefined;
    return r;
  }

  /** A property's value as HubSpot returns it, including the values HubSpot maintains itself. */
  value(type: ObjectType, record: CrmRecord, name: string): string | null {
    if (name === 'hs_object_id') return record.id;
    if (name === LAST_MODIFIED_PROPERTY[type]) return new Date(record.updatedAt).toISOString();
    const stored = record.properties[name];
    if (stored !== undefined && stored !== null) return stored;
    if (name === CREATE_DATE_PROPERTY[type]) return new Date(record.createdAt).toISOString();
    if (type === 'companies' && name === 'num_associated_deals') {
      return String(this.associatedIds('companies', record.id, 'deals').length);
    }
    return null;
  }

  /** Active records associated with `id` (archived ones are left out, as HubSpot's reads do). */
  associatedIds(from: ObjectType, id: string, to: ObjectType): string[] {
    const store = this.objects[to];
    return this.associations.get(from, id, to).filter((toId) => store.getActive(toId) !== undefined);
  }

  // ---- writing -------------------------------------------------------------------------------

  /** Checks written values against the definitions; unknown names and bad values become errors. */
  validate(type: ObjectType, input: Record<string, string | null | undefined>): ValidatedValues {
    const registry = this.properties[type];
    const values: Values = {};
    const errors: PropertyValueError[] = [];
    for (const [name, raw] of Object.entries(input)) {
      if (raw === undefined) continue;
      const def = registry.get(name);
      if (!def) {
        errors.push(unknownProperty(name));
        continue;
      }
      const result = validatePropertyValue(def, raw);
      if (result.ok) values[name] = result.value;
      else errors.push(result.error);
    }
    return { values, errors };
  }

  create(
    type: ObjectType,
    values: Values,
    source: WriteSource,
    associations: AssociationInput[] = [],
  ): CrmRecord {
    const at = this.clock.now();
    const store = this.objects[type];
    const createName = CREATE_DATE_PROPERTY[type];
    const properties: Values = { ...values };
    const createdate = properties[createName];
    // HubSpot lets an import set createdate in the past; createdAt follows it.
    const createdAt = createdate ? Date.parse(createdate) || at : at;
    if (!createdate) properties[createName] = new Date(at).toISOString();
    const record: CrmRecord = {
      id: store.allocateId(),
      properties,
      createdAt,
      updatedAt: at,
      archivedAt: null,
    };
    store.insert(record);
    this.emit(this.event(type, record.id, 'creation', source, at));
    for (const [name, value] of Object.entries(values)) {
      if (value !== null)
        this.emit(
          this.event(type, record.id, 'propertyChange', source, at, {
            propertyName: name,
            propertyValue: value,
          }),
        );
    }
    for (const a of associations) this.associate(type, record.id, a.toType, a.toId, source);
    return record;
  }

  /** Applies values; emits a propertyChange per value that really changed. */
  update(type: ObjectType, record: CrmRecord, values: Values, source: WriteSource): CrmRecord {
    const at = this.clock.now();
    record.updatedAt = at;
    for (const [name, value] of Object.entries(values)) {
      const before = record.properties[name] ?? null;
      if (before === value) continue;
      record.properties[name] = value;
      this.emit(
        this.event(type, record.id, 'propertyChange', source, at, {
          propertyName: name,
          propertyValue: value,
        }),
      );
    }
    return record;
  }

  archive(type: ObjectType, record: CrmRecord, source: WriteSource): void {
    if (record.archivedAt !== null) return;
    const at = this.clock.now();
    record.archivedAt = at;
    record.updatedAt = at;
    this.emit(this.event(type, record.id, 'deletion', source, at));
  }

  restore(type: ObjectType, record: CrmRecord, source: WriteSource): void {
    if (record.archivedAt === null) return;
    const at = this.clock.now();
    record.archivedAt = null;
    record.updatedAt = at;
    this.emit(this.event(type, record.id, 'restore', source, at));
  }

  /**
   * Merges `merged` into `primary` (merge API): the primary keeps its id and values, takes the values
   * it lacks and every association of the other, and records the merged id in hs_merged_object_ids.
   */
  merge(type: ObjectType, primary: CrmRecord, merged: CrmRecord, source: WriteSource): CrmRecord {
    const at = this.clock.now();
    for (const [name, value] of Object.entries(merged.properties)) {
      if (
        value !== null &&
        (primary.properties[name] ?? null) === null &&
        name !== CREATE_DATE_PROPERTY[type]
      ) {
        primary.properties[name] = value;
      }
    }
    const previous = primary.properties['hs_merged_object_ids'];
    primary.properties['hs_merged_object_ids'] = previous ? `${previous};${merged.id}` : merged.id;
    for (const { to, toId } of this.associations.all(type, merged.id)) {
      this.associations.remove(type, merged.id, to, toId);
      if (!(to === type && toId === primary.id)) this.associations.add(type, primary.id, to, toId);
    }
    this.objects[type].remove(merged.id);
    this.mergedInto.set(`${type}:${merged.id}`, primary.id);
    for (const [key, target] of this.mergedInto) {
      if (target === merged.id && key.startsWith(`${type}:`)) this.mergedInto.set(key, primary.id);
    }
    primary.updatedAt = at;
    this.emit(
      this.event(type, primary.id, 'merge', source, at, {
        primaryObjectId: primary.id,
        mergedObjectIds: [merged.id],
        newObjectId: primary.id,
      }),
    );
    return primary;
  }

  /** Associates two records both ways; emits an associationChange for each direction. */
  associate(from: ObjectType, fromId: string, to: ObjectType, toId: string, source: WriteSource): boolean {
    if (!this.associations.add(from, fromId, to, toId)) return false;
    this.emitAssociation(from, fromId, to, toId, false, source);
    return true;
  }

  dissociate(from: ObjectType, fromId: string, to: ObjectType, toId: string, source: WriteSource): boolean {
    if (!this.associations.remove(from, fromId, to, toId)) return false;
    this.emitAssociation(from, fromId, to, toId, true, source);
    return true;
  }

  private emitAssociation(
    from: ObjectType,
    fromId: string,
    to: ObjectType,
    toId: string,
    removed: boolean,
    source: WriteSource,
  ): void {
    const at = this.clock.now();
    for (const [a, aId, b, bId] of [
      [from, fromId, to, toId],
      [to, toId, from, fromId],
    ] as const) {
      this.emit(
        this.event(a, aId, 'associationChange', source, at, {
          fromObjectId: aId,
          toObjectId: bId,
          toObjectType: b,
          associationType: associationTypeName(a, b).toUpperCase(),
          associationRemoved: removed,
        }),
      );
    }
  }
}
