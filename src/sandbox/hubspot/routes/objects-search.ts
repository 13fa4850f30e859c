import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { portalOf } from '../auth/middleware.ts';
import { notFound, validationError } from '../errors.ts';
import { OPERATORS } from '../search/filters.ts';
import { runSearch } from '../search/run.ts';
import { canRead, canWrite, writeSource } from './object-helpers.ts';
import { objectTypeParam, parseBody } from './parse.ts';
import { objectJson, returnedProperties } from './serialize.ts';

// CRM search (POST .../search, `PublicObjectSearchRequest`) and merge (POST .../merge,
// `PublicMergeInput`). Sorts are `{propertyName, direction}`; a bare string is accepted and
// ignored, as HubSpot does (search/run.ts).

const filterSchema = z.object({
  propertyName: z.string(),
  operator: z.enum(OPERATORS),
  value: z.union([z.string(), z.number(), z.boolean()]).transform(String).optional(),
  highValue: z.union([z.string(), z.number()]).transform(String).optional(),
  values: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
});

const searchSchema = z.object({
  filterGroups: z
    .array(z.object({ filters: z.array(filterSchema) }))
    .optional()
    .default([]),
  sorts: z
    .array(
      z.union([
        z.string(),
        z.object({ propertyName: z.string(), direction: z.enum(['ASCENDING', 'DESCENDING']).optional() }),
      ]),
    )
    .optional()
    .default([]),
  properties: z.array(z.string()).optional().default([]),
  after: z.union([z.string(), z.number()]).transform(String).optional(),
  limit: z.number().int().optional(),
  query: z.string().max(3000).optional(),
});

const mergeSchema = z.object({ primaryObjectId: z.string(), objectIdToMerge: z.string() });

function search(req: Request, res: Response): void {
  const type = objectTypeParam(req);
  if (!canRead(req, res, type)) return;
  const portal = portalOf(req);
  const input = parseBody(searchSchema, req.body);
  const outcome = runSearch(portal, type, input);
  const names = returnedProperties(portal, type, input.properties);
  const results = outcome.records.map((r) => objectJson(portal, type, r, names));
  const body: Record<string, unknown> = { total: outcome.total, results };
  if (outcome.nextAfter !== null) body['paging'] = { next: { after: outcome.nextAfter } };
  res.json(body);
}

function merge(req: Request, res: Response): void {
  const type = objectTypeParam(req);
  if (!canWrite(req, res, type)) return;
  if (type === 'notes') throw validationError('Notes cannot be merged.', 'objectType');
  const portal = portalOf(req);
  const input = parseBody(mergeSchema, req.body);
  if (input.primaryObjectId === input.objectIdToMerge) {
    throw validationError('primaryObjectId and objectIdToMerge must differ.', 'objectIdToMerge');
  }
  const primary = portal.find(type, input.primaryObjectId);
  const other = portal.find(type, input.objectIdToMerge);
  if (!primary || !other) throw notFound();
  if (primary.id === other.id) throw validationError('These records are already merged.', 'objectIdToMerge');
  const merged = portal.merge(type, primary, other, writeSource(req));
  res.json(objectJson(portal, type, merged, returnedProperties(portal, type, null)));
}

export function searchAndMergeRoutes(router: Router): void {
  router.post('/:objectType/search', search);
  router.post('/:objectType/merge', merge);
}
