import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { checkScopes, portalOf } from '../auth/middleware.ts';
import { propertyReadScopes, propertyWriteScopes } from '../auth/scopes.ts';
import type { SandboxContext } from '../context.ts';
import { HubSpotHttpError, type StandardError, standardError } from '../errors.ts';
import type { ObjectType } from '../state/object-types.ts';
import {
  FIELD_TYPES,
  PROPERTY_TYPES,
  type PropertyDef,
  type PropertyGroupDef,
} from '../state/property-types.ts';
import { checkBatchSize, objectTypeParam, parseBody } from './parse.ts';
import { queryBool } from './serialize.ts';

// Properties and groups (145899-v3-properties.json): list, read, create, update, archive, batch
// create/read/archive; groups list/read/create/update/archive.

const optionSchema = z.object({
  label: z.string(),
  value: z.string(),
  displayOrder: z.number().int().optional().default(-1),
  hidden: z.boolean().optional().default(false),
  description: z.string().optional(),
});

const createSchema = z.object({
  name: z.string().min(1),
  label: z.string().min(1),
  type: z.enum(PROPERTY_TYPES),
  fieldType: z.enum(FIELD_TYPES),
  groupName: z.string().min(1),
  description: z.string().optional(),
  options: z.array(optionSchema).optional(),
  displayOrder: z.number().int().optional(),
  hidden: z.boolean().optional(),
  formField: z.boolean().optional(),
  hasUniqueValue: z.boolean().optional(),
  externalOptions: z.boolean().optional(),
  numberDisplayHint: z.string().optional(),
  textDisplayHint: z.string().optional(),
  referencedObjectType: z.string().optional(),
});
const updateSchema = createSchema
  .omit({ name: true, hasUniqueValue: true, externalOptions: true, referencedObjectType: true })
  .partial();
const groupCreateSchema = z.object({
  name: z.string().min(1),
  label: z.string().min(1),
  displayOrder: z.number().int().optional(),
});
const groupUpdateSchema = z.object({
  label: z.string().optional(),
  displayOrder: z.number().int().optional(),
});
const namesSchema = z.object({
  inputs: z.array(z.object({ name: z.string() })),
  archived: z.boolean().optional().default(false),
});

export function propertyJson(p: PropertyDef) {
  const iso = (ms: number) => new Date(ms).toISOString();
  const out: Record<string, unknown> = {
    name: p.name,
    label: p.label,
    type: p.type,
    fieldType: p.fieldType,
    description: p.description,
    groupName: p.groupName,
    options: p.options.map((o) => ({ ...o })),
    displayOrder: p.displayOrder,
    calculated: p.calculated,
    externalOptions: p.externalOptions,
    hasUniqueValue: p.hasUniqueValue,
    hidden: p.hidden,
    hubspotDefined: p.hubspotDefined,
    formField: p.formField,
    archived: p.archived,
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
    modificationMetadata: {
      archivable: !p.hubspotDefined,
      readOnlyDefinition: p.hubspotDefined,
      readOnlyValue: p.readOnlyValue || p.calculated,
    },
    dataSensitivity: 'non_sensitive',
  };
  if (p.archivedAt !== null) out['archivedAt'] = iso(p.archivedAt);
  if (p.numberDisplayHint !== undefined) out['numberDisplayHint'] = p.numberDisplayHint;
  if (p.textDisplayHint !== undefined) out['textDisplayHint'] = p.textDisplayHint;
  if (p.referencedObjectType !== undefined) out['referencedObjectType'] = p.referencedObjectType;
  if (!p.hubspotDefined) out['createdUserId'] = '1';
  return out;
}

function groupJson(g: PropertyGroupDef) {
  return { name: g.name, label: g.label, displayOrder: g.displayOrder, archived: g.archived };
}

function readable(req: Request, res: Response): ObjectType | null {
  const type = objectTypeParam(req);
  return checkScopes(req, res, propertyReadScopes(type)) ? type : null;
}

function writable(req: Request, res: Response): ObjectType | null {
  const type = objectTypeParam(req);
  return checkScopes(req, res, propertyWriteScopes(type)) ? type : null;
}

function param(req: Request, name: string): string {
  return String(req.params[name]);
}

function batchSend(
  res: Response,
  okStatus: number,
  started: number,
  results: unknown[],
  errors: StandardError[],
): void {
  const iso = (ms: number) => new Date(ms).toISOString();
  const body = { status: 'COMPLETE', results, startedAt: iso(started), completedAt: iso(Date.now()) };
  if (errors.length === 0) res.status(okStatus).json(body);
  else res.status(207).json({ ...body, numErrors: errors.length, errors });
}

export function propertiesRouter(ctx: SandboxContext): Router {
  const router = Router();
  const now = () => ctx.clock.now();

  router.get('/:objectType', (req, res) => {
    const type = readable(req, res);
    if (!type) return;
    const list = portalOf(req).properties[type].list(queryBool(req.query['archived']));
    res.json({ results: list.map((p) => propertyJson(p)) });
  });

  router.post('/:objectType', (req, res) => {
    const type = writable(req, res);
    if (!type) return;
    const input = parseBody(createSchema, req.body);
    res.status(201).json(propertyJson(portalOf(req).properties[type].create(input, now())));
  });

  router.post('/:objectType/batch/create', (req, res) => {
    const type = writable(req, res);
    if (!type) return;
    const started = Date.now();
    const input = parseBody(z.object({ inputs: z.array(createSchema) }), req.body);
    checkBatchSize(input.inputs.length, 100);
    const registry = portalOf(req).properties[type];
    const results: unknown[] = [];
    const errors: StandardError[] = [];
    for (const item of input.inputs) {
      try {
        results.push(propertyJson(registry.create(item, now())));
      } catch (e) {
        if (!(e instanceof HubSpotHttpError)) throw e;
        // StandardError.subCategory is an object in the spec; the code goes in the error detail.
        const details = e.extra.errors ?? [{ message: e.message }];
        const withCode = e.extra.subCategory
          ? details.map((d) => ({ ...d, subCategory: e.extra.subCategory as string }))
          : details;
        errors.push(standardError(e.category, e.message, { name: [item.name] }, withCode));
      }
    }
    batchSend(res, 201, started, results, errors);
  });

  router.post('/:objectType/batch/read', (req, res) => {
    const type = readable(req, res);
    if (!type) return;
    const started = Date.now();
    const input = parseBody(namesSchema, req.body);
    const registry = portalOf(req).properties[type];
    const found = input.inputs.map((i) => registry.get(i.name, input.archived));
    const missing = input.inputs.filter((_, i) => !found[i]).map((i) => i.name);
    const results = found.filter((p): p is PropertyDef => p !== undefined).map((p) => propertyJson(p));
    const errors =
      missing.length === 0
        ? []
        : [standardError('OBJECT_NOT_FOUND', `Unable to find some properties.`, { names: missing })];
    batchSend(res, 200, started, results, errors);
  });

  router.post('/:objectType/batch/archive', (req, res) => {
    const type = writable(req, res);
    if (!type) return;
    const input = parseBody(namesSchema, req.body);
    const registry = portalOf(req).properties[type];
    for (const { name } of input.inputs) if (registry.get(name)) registry.archive(name, now());
    res.status(204).end();
  });

  router.get('/:objectType/groups', (req, res) => {
    const type = readable(req, res);
    if (!type) return;
    res.json({ results: portalOf(req).properties[type].listGroups().map(groupJson) });
  });

  router.post('/:objectType/groups', (req, res) => {
    const type = writable(req, res);
    if (!type) return;
    res
      .status(201)
      .json(groupJson(portalOf(req).properties[type].createGroup(parseBody(groupCreateSchema, req.body))));
  });

  router.get('/:objectType/groups/:groupName', (req, res) => {
    const type = readable(req, res);
    if (!type) return;
    const group = portalOf(req).properties[type].group(param(req, 'groupName'));
    if (!group)
      throw new HubSpotHttpError(
        404,
        'OBJECT_NOT_FOUND',
        `Unable to find property group ${param(req, 'groupName')}`,
      );
    res.json(groupJson(group));
  });

  router.patch('/:objectType/groups/:groupName', (req, res) => {
    const type = writable(req, res);
    if (!type) return;
    const patch = parseBody(groupUpdateSchema, req.body);
    res.json(groupJson(portalOf(req).properties[type].updateGroup(param(req, 'groupName'), patch)));
  });

  router.delete('/:objectType/groups/:groupName', (req, res) => {
    const type = writable(req, res);
    if (!type) return;
    portalOf(req).properties[type].archiveGroup(param(req, 'groupName'));
    res.status(204).end();
  });

  router.get('/:objectType/:propertyName', (req, res) => {
    const type = readable(req, res);
    if (!type) return;
    const def = portalOf(req).properties[type].get(
      param(req, 'propertyName'),
      queryBool(req.query['archived']),
    );
    if (!def)
      throw new HubSpotHttpError(
        404,
        'OBJECT_NOT_FOUND',
        `Unable to find property ${param(req, 'propertyName')}`,
      );
    res.json(propertyJson(def));
  });

  router.patch('/:objectType/:propertyName', (req, res) => {
    const type = writable(req, res);
    if (!type) return;
    const patch = parseBody(updateSchema, req.body);
    res.json(propertyJson(portalOf(req).properties[type].update(param(req, 'propertyName'), patch, now())));
  });

  router.delete('/:objectType/:propertyName', (req, res) => {
    const type = writable(req, res);
    if (!type) return;
    portalOf(req).properties[type].archive(param(req, 'propertyName'), now());
    res.status(204).end();
  });

  return router;
}
