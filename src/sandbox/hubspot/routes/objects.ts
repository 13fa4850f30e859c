import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { portalOf } from '../auth/middleware.ts';
import type { SandboxContext } from '../context.ts';
import { notFound, validationError } from '../errors.ts';
import { type ObjectType, resolveObjectType } from '../state/object-types.ts';
import { auditWrite } from '../state/write-audit.ts';
import {
  canRead,
  canWrite,
  createAssociationSchema,
  invalidValues,
  propertiesSchema,
  resolveAssociations,
  writeSource,
} from './object-helpers.ts';
import { batchRoutes } from './objects-batch.ts';
import { historyLimit, withHistory } from './objects-history.ts';
import { searchAndMergeRoutes } from './objects-search.ts';
import { objectTypeParam, parseBody } from './parse.ts';
import { objectJson, queryBool, queryList, queryString, returnedProperties } from './serialize.ts';

// Basic CRM object routes (424-v3-{companies,deals,tickets,notes}.json): list, read, create,
// update, archive; batch, search and merge live next door. `{objectType}` is a name or a type id.

const MAX_LIST_LIMIT = 100;

const createSchema = z.object({
  properties: propertiesSchema,
  associations: z.array(createAssociationSchema).optional().default([]),
});
const updateSchema = z.object({ properties: propertiesSchema });

function associationsParam(req: Request): ObjectType[] {
  const names = queryList(req.query['associations']) ?? [];
  return names.map((name) => {
    const t = resolveObjectType(name);
    if (t === null) throw validationError(`Unable to infer object type from: ${name}`, 'associations');
    return t;
  });
}

function listLimit(raw: unknown): number {
  if (raw === undefined) return 10;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw validationError(`limit '${String(raw)}' is not a positive integer.`, 'limit');
  // HubSpot caps list pages at 100 rather than refusing a larger limit.
  return Math.min(n, MAX_LIST_LIMIT);
}

function afterParam(raw: unknown): number | null {
  const s = queryString(raw);
  if (s === undefined || s === '') return null;
  if (!/^\d+$/.test(s)) throw validationError(`after '${s}' is not a valid paging cursor.`, 'after');
  return Number(s);
}

function list(req: Request, res: Response): void {
  const type = objectTypeParam(req);
  if (!canRead(req, res, type)) return;
  const portal = portalOf(req);
  const limit = historyLimit(listLimit(req.query['limit']), req);
  const after = afterParam(req.query['after']);
  const names = returnedProperties(portal, type, queryList(req.query['properties']));
  const associations = associationsParam(req);
  const page = portal.objects[type].page(after, limit, queryBool(req.query['archived']));
  const results = page.records.map((r) =>
    withHistory(portal, type, r, objectJson(portal, type, r, names, associations), req),
  );
  if (page.nextAfter === null) {
    res.json({ results });
    return;
  }
  const link = `${req.baseUrl}/${req.params['objectType']}?after=${page.nextAfter}`;
  res.json({ results, paging: { next: { after: page.nextAfter, link } } });
}

function read(req: Request, res: Response): void {
  const type = objectTypeParam(req);
  if (!canRead(req, res, type)) return;
  const portal = portalOf(req);
  const id = String(req.params['objectId']);
  const record = portal.find(
    type,
    id,
    queryString(req.query['idProperty']),
    queryBool(req.query['archived']),
  );
  if (!record) throw notFound();
  const names = returnedProperties(portal, type, queryList(req.query['properties']));
  res.json(
    withHistory(portal, type, record, objectJson(portal, type, record, names, associationsParam(req)), req),
  );
}

function create(req: Request, res: Response): void {
  const type = objectTypeParam(req);
  if (!canWrite(req, res, type)) return;
  const portal = portalOf(req);
  const input = parseBody(createSchema, req.body);
  const { values, errors } = portal.validate(type, input.properties);
  if (errors.length > 0) throw invalidValues(errors);
  const { associations, error } = resolveAssociations(portal, type, input.associations);
  if (error !== null) throw validationError(error, 'associations');
  const record = portal.create(type, values, writeSource(req), associations);
  res
    .status(201)
    .json(objectJson(portal, type, record, returnedProperties(portal, type, Object.keys(values))));
}

function update(req: Request, res: Response): void {
  const type = objectTypeParam(req);
  if (!canWrite(req, res, type)) return;
  const portal = portalOf(req);
  const input = parseBody(updateSchema, req.body);
  const record = portal.find(type, String(req.params['objectId']), queryString(req.query['idProperty']));
  if (!record) throw notFound();
  const { values, errors } = portal.validate(type, input.properties);
  if (errors.length > 0) throw invalidValues(errors);
  portal.update(type, record, values, writeSource(req));
  auditWrite(portal, type, record.id, values);
  res.json(objectJson(portal, type, record, returnedProperties(portal, type, Object.keys(values))));
}

function archive(req: Request, res: Response): void {
  const type = objectTypeParam(req);
  if (!canWrite(req, res, type)) return;
  const portal = portalOf(req);
  const record = portal.find(type, String(req.params['objectId']));
  // HubSpot answers 204 for an id that is already gone, so retries of a delete are harmless.
  if (record) portal.archive(type, record, writeSource(req));
  res.status(204).end();
}

export function objectsRouter(_ctx: SandboxContext): Router {
  const router = Router();
  batchRoutes(router);
  searchAndMergeRoutes(router);
  router.get('/:objectType', list);
  router.post('/:objectType', create);
  router.get('/:objectType/:objectId', read);
  router.patch('/:objectType/:objectId', update);
  router.delete('/:objectType/:objectId', archive);
  return router;
}
