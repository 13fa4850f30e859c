import { HubSpotHttpError, validationError } from '../errors.ts';
import { defaultGroups, defaultProperties } from './default-properties.ts';
import type { ObjectType } from './object-types.ts';
import {
  type FieldType,
  isValidPair,
  type PropertyDef,
  type PropertyGroupDef,
  type PropertyOption,
  type PropertyType,
} from './property-types.ts';

// One object type's property definitions and groups in one portal (properties v3 API).

export interface PropertyCreateInput {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: FieldType;
  groupName: string;
  description?: string;
  options?: PropertyOption[];
  displayOrder?: number;
  hidden?: boolean;
  formField?: boolean;
  hasUniqueValue?: boolean;
  externalOptions?: boolean;
  numberDisplayHint?: string;
  textDisplayHint?: string;
  referencedObjectType?: string;
}

export type PropertyUpdateInput = Partial<
  Omit<PropertyCreateInput, 'name' | 'hasUniqueValue' | 'externalOptions' | 'referencedObjectType'>
>;

const NAME = /^[a-z][a-z0-9_]*$/;

export class PropertyRegistry {
  readonly objectType: ObjectType;
  private readonly props = new Map<string, PropertyDef>();
  private readonly groups = new Map<string, PropertyGroupDef>();

  constructor(objectType: ObjectType, at: number) {
    this.objectType = objectType;
    for (const g of defaultGroups(objectType)) this.groups.set(g.name, g);
    for (const p of defaultProperties(objectType, at)) this.props.set(p.name, p);
  }

  /** An active property, or undefined (archived ones only with `archived`). */
  get(name: string, archived = false): PropertyDef | undefined {
    const def = this.props.get(name);
    if (def === undefined || def.archived !== archived) return undefined;
    return def;
  }

  list(archived = false): PropertyDef[] {
    return [...this.props.values()].filter((p) => p.archived === archived);
  }

  /** Adds or replaces a definition without API validation (seeding, default option lists). */
  define(def: PropertyDef): void {
    if (!this.groups.has(def.groupName)) {
      this.groups.set(def.groupName, {
        name: def.groupName,
        label: def.groupName,
        displayOrder: this.groups.size,
        archived: false,
      });
    }
    this.props.set(def.name, def);
  }

  setOptions(name: string, options: PropertyOption[]): void {
    const def = this.props.get(name);
    if (def) def.options = options;
  }

  create(input: PropertyCreateInput, at: number): PropertyDef {
    if (!NAME.test(input.name)) {
      throw validationError(
        `Property name '${input.name}' is invalid: it must start with a lowercase letter and contain only lowercase letters, digits and underscores.`,
        'name',
      );
    }
    const existing = this.props.get(input.name);
    if (existing && !existing.archived) {
      // As HubSpot answers a create of an existing name: 409 OBJECT_ALREADY_EXISTS.
      throw new HubSpotHttpError(
        409,
        'OBJECT_ALREADY_EXISTS',
        `A property named '${input.name}' already exists.`,
        {
          subCategory: 'Properties.PROPERTY_WITH_NAME_EXISTS',
        },
      );
    }
    this.checkDefinition(input.type, input.fieldType, input.groupName, input.options ?? []);
    // A create of an archived property's name restores it with the posted definition.
    const def: PropertyDef = {
      name: input.name,
      label: input.label,
      type: input.type,
      fieldType: input.fieldType,
      groupName: input.groupName,
      description: input.description ?? '',
      options: normaliseOptions(input.options ?? []),
      displayOrder: input.displayOrder ?? -1,
      hidden: input.hidden ?? false,
      formField: input.formField ?? false,
      hasUniqueValue: input.hasUniqueValue ?? false,
      hubspotDefined: false,
      calculated: false,
      externalOptions: input.externalOptions ?? false,
      readOnlyValue: false,
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
      archived: false,
      archivedAt: null,
    };
    if (input.numberDisplayHint !== undefined) def.numberDisplayHint = input.numberDisplayHint;
    if (input.textDisplayHint !== undefined) def.textDisplayHint = input.textDisplayHint;
    if (input.referencedObjectType !== undefined) def.referencedObjectType = input.referencedObjectType;
    this.props.set(def.name, def);
    return def;
  }

  update(name: string, patch: PropertyUpdateInput, at: number): PropertyDef {
    const def = this.get(name);
    if (!def) throw new HubSpotHttpError(404, 'OBJECT_NOT_FOUND', `Unable to find property ${name}`);
    if (def.hubspotDefined && (patch.type !== undefined || patch.fieldType !== undefined)) {
      throw validationError(`The type of HubSpot-defined property ${name} cannot be changed.`, 'type');
    }
    const type = patch.type ?? def.type;
    const fieldType = patch.fieldType ?? def.fieldType;
    this.checkDefinition(type, fieldType, patch.groupName ?? def.groupName, patch.options ?? def.options);
    def.type = type;
    def.fieldType = fieldType;
    if (patch.label !== undefined) def.label = patch.label;
    if (patch.groupName !== undefined) def.groupName = patch.groupName;
    if (patch.description !== undefined) def.description = patch.description;
    // A PATCH with `options` replaces the whole list (properties guide, "Update a property").
    if (patch.options !== undefined) def.options = normaliseOptions(patch.options);
    if (patch.displayOrder !== undefined) def.displayOrder = patch.displayOrder;
    if (patch.hidden !== undefined) def.hidden = patch.hidden;
    if (patch.formField !== undefined) def.formField = patch.formField;
    if (patch.numberDisplayHint !== undefined) def.numberDisplayHint = patch.numberDisplayHint;
    if (patch.textDisplayHint !== undefined) def.textDisplayHint = patch.textDisplayHint;
    def.updatedAt = at;
    return def;
  }

  archive(name: string, at: number): void {
    const def = this.get(name);
    if (!def) throw new HubSpotHttpError(404, 'OBJECT_NOT_FOUND', `Unable to find property ${name}`);
    if (def.hubspotDefined)
      throw validationError(`HubSpot-defined property ${name} cannot be archived.`, 'propertyName');
    def.archived = true;
    def.archivedAt = at;
  }

  listGroups(): PropertyGroupDef[] {
    return [...this.groups.values()].filter((g) => !g.archived);
  }

  group(name: string): PropertyGroupDef | undefined {
    const g = this.groups.get(name);
    return g && !g.archived ? g : undefined;
  }

  createGroup(input: { name: string; label: string; displayOrder?: number }): PropertyGroupDef {
    if (!NAME.test(input.name))
      throw validationError(`Property group name '${input.name}' is invalid.`, 'name');
    const existing = this.groups.get(input.name);
    if (existing && !existing.archived) {
      throw new HubSpotHttpError(
        409,
        'OBJECT_ALREADY_EXISTS',
        `A property group named '${input.name}' already exists.`,
        {
          subCategory: 'Properties.PROPERTY_GROUP_WITH_NAME_EXISTS',
        },
      );
    }
    const group = {
      name: input.name,
      label: input.label,
      displayOrder: input.displayOrder ?? -1,
      archived: false,
    };
    this.groups.set(group.name, group);
    return group;
  }

  updateGroup(name: string, patch: { label?: string; displayOrder?: number }): PropertyGroupDef {
    const g = this.group(name);
    if (!g) throw new HubSpotHttpError(404, 'OBJECT_NOT_FOUND', `Unable to find property group ${name}`);
    if (patch.label !== undefined) g.label = patch.label;
    if (patch.displayOrder !== undefined) g.displayOrder = patch.displayOrder;
    return g;
  }

  archiveGroup(name: string): void {
    const g = this.group(name);
    if (!g) throw new HubSpotHttpError(404, 'OBJECT_NOT_FOUND', `Unable to find property group ${name}`);
    if (this.list().some((p) => p.groupName === name)) {
      throw validationError(
        `Property group ${name} still holds properties; move or archive them first.`,
        'groupName',
      );
    }
    g.archived = true;
  }

  private checkDefinition(
    type: PropertyType,
    fieldType: FieldType,
    groupName: string,
    options: PropertyOption[],
  ): void {
    if (!isValidPair(type, fieldType)) {
      throw validationError(
        `fieldType '${fieldType}' is not valid for a property of type '${type}'.`,
        'fieldType',
        'INVALID_FIELD_TYPE',
      );
    }
    if (!this.group(groupName)) {
      throw validationError(
        `Property group '${groupName}' does not exist.`,
        'groupName',
        'INVALID_GROUP_NAME',
      );
    }
    const seen = new Set<string>();
    for (const o of options) {
      if (seen.has(o.value))
        throw validationError(`Option value '${o.value}' appears more than once.`, 'options');
      seen.add(o.value);
    }
  }
}

function normaliseOptions(options: PropertyOption[]): PropertyOption[] {
  return options.map((o, i) => ({ ...o, displayOrder: o.displayOrder ?? i, hidden: o.hidden ?? false }));
}
