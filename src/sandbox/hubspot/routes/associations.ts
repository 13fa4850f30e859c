import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { checkScopes, portalOf } from '../auth/middleware.ts';
import { OBJECT_READ_SCOPES, OBJECT_WRITE_SCOPES } from '../auth/scopes.ts';
import type { SandboxContext } from '../context.ts';
import { notFound, type StandardError, standardError, validationError } from '../errors.ts';
import { associationType, isKnownTypeId } from '../state/association-types.ts';
import { OBJECT_TYPE_IDS, type ObjectType, SINGULAR } from '../state/object-types.ts';
import type { PortalState } from '../state/portal-state.ts';
import { associationSpecSchema, writeSource } from './object-helpers.ts';
import { checkBatchSize, objectTypeParam, parseBody } from './parse.ts';

// Associations v4 (130902-v4-associations.json): batch read (≤ 1,000 inputs, 500 associations a
// page per input), batch create / default / archive, and the per-record read, create and delete.

const MAX_READ_INPUTS = 1_000;
const MAX_WRITE_INPUTS = 2_000;
const PAGE = 500;

const idSchema = z.object({ id: z.string() });
const batchReadSchema = z.object({
  inputs: z.array(z.object({ id: z.string(), after: z.string().optional() })),
});
const batchCreateSchema = z.object({
  inputs: z.array(z.object({ from: idSchema, to: idSchema, types: z.array(associationSpecSchema) })),
});
const batchDefaultSchema = z.object({ inputs: z.array(z.object({ from: idSchema, to: idSchema })) });
const batchArchiveSchema = z.object({ inputs: z.array(z.object({ from: idSchema, to: z.array(idSchema) })) });

function types(req: Request, fromName: string, toName: string): [ObjectType, ObjectType] {
  return [objectTypeParam(req, fromName), objectTypeParam(req, toName)];
}

/** The spec lists any object scope of either side as sufficient. */
function allowed(req: Request, res: Response, from: ObjectType, to: ObjectType): boolean {
  const scopes = new Set([
    ...OBJECT_READ_SCOPES[from],
    ...OBJECT_WRITE_SCOPES[from],
    ...OBJECT_READ_SCOPES[to],
    ...OBJECT_WRITE_SCOPES[to],
  ]);
  return checkScopes(req, res, [...scopes]);
}

function typeDef(from: ObjectType, to: ObjectType) {
  const def = associationType(from, to);
  if (!def) throw validationError(`${from} cannot be associated with ${to}.`, 'toObjectType');
  return def;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function labelsPair(from: ObjectType, fromId: string, to: ObjectType, toId: string) {
  return {
    fromObjectTypeId: OBJECT_TYPE_IDS[from],
    fromObjectId: fromId,
    toObjectTypeId: OBJECT_TYPE_IDS[to],
    toObjectId: toId,
    labels: [],
  };
}

function defaultAssociation(from: ObjectType, fromId: string, to: ObjectType, toId: string) {
  return {
    from: { id: fromId },
    to: { id: toId },
    associationSpec: {
      associationCategory: 'HUBSPOT_DEFINED',
      associationTypeId: typeDef(from, to).unlabeled,
    },
  };
}

function associated(
  portal: PortalState,
  from: ObjectType,
  id: string,
  to: ObjectType,
  after: string | undefined,
) {
  const typeId = typeDef(from, to).unlabeled;
  const ids = portal.associatedIds(from, id, to);
  const start = after === undefined ? 0 : Math.max(0, ids.indexOf(after));
  const slice = ids.slice(start, start + PAGE);
  const next = ids[start + PAGE];
  return {
    results: slice.map((toObjectId) => ({
      toObjectId,
      associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId }],
    })),
    next,
  };
}

function exists(portal: PortalState, type: ObjectType, id: string): boolean {
  return portal.objects[type].getActive(id) !== undefined;
}

function batchSend(
  res: Response,
  okStatus: number,
  started: number,
  results: unknown[],
  errors: StandardError[],
): void {
  const body = { status: 'COMPLETE', results, startedAt: iso(started), completedAt: iso(Date.now()) };
  if (errors.length === 0) res.status(okStatus).json(body);
  else res.status(207).json({ ...body, numErrors: errors.length, errors });
}

export function associationsRouter(_ctx: SandboxContext): Router {
  const router = Router();

  router.post('/associations/:from/:to/batch/read', (req, res) => {
    const [from, to] = types(req, 'from', 'to');
    if (!allowed(req, res, from, to)) return;
    const started = Date.now();
    const portal = portalOf(req);
    const input = parseBody(batchReadSchema, req.body);
    checkBatchSize(input.inputs.length, MAX_READ_INPUTS);
    const results: unknown[] = [];
    const errors: StandardError[] = [];
    for (const { id, after } of input.inputs) {
      const page = associated(portal, from, id, to, after);
      if (page.results.length === 0) {
        // As HubSpot reports an input without associations: a per-input error in a 207. The spec types
        // StandardError.subCategory as an object, so the code travels in the nested error detail.
        const message = `No ${SINGULAR[to]} is associated with ${SINGULAR[from]} ${id}.`;
        errors.push(
          standardError('OBJECT_NOT_FOUND', message, { fromObjectId: [id] }, [
            { message, subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND' },
          ]),
        );
        continue;
      }
      const result: Record<string, unknown> = { from: { id }, to: page.results };
      if (page.next !== undefined) result['paging'] = { next: { after: page.next } };
      results.push(result);
    }
    batchSend(res, 200, started, results, errors);
  });

  router.post('/associations/:from/:to/batch/create', (req, res) => {
    const [from, to] = types(req, 'from', 'to');
    if (!allowed(req, res, from, to)) return;
    const started = Date.now();
    const portal = portalOf(req);
    const input = parseBody(batchCreateSchema, req.body);
    checkBatchSize(input.inputs.length, MAX_WRITE_INPUTS);
    const source = writeSource(req);
    const results: unknown[] = [];
    const errors: StandardError[] = [];
    for (const item of input.inputs) {
      const badType = item.types.find((t) => !isKnownTypeId(from, to, t.associationTypeId));
      if (badType) {
        errors.push(
          standardError(
            'VALIDATION_ERROR',
            `${badType.associationTypeId} is not a valid association type from ${from} to ${to}.`,
            { typeId: [String(badType.associationTypeId)] },
          ),
        );
        continue;
      }
      if (!exists(portal, from, item.from.id) || !exists(portal, to, item.to.id)) {
        errors.push(
          standardError(
            'OBJECT_NOT_FOUND',
            `${SINGULAR[from]} ${item.from.id} or ${SINGULAR[to]} ${item.to.id} does not exist.`,
            { ids: [item.from.id, item.to.id] },
          ),
        );
        continue;
      }
      portal.associate(from, item.from.id, to, item.to.id, source);
      results.push(labelsPair(from, item.from.id, to, item.to.id));
    }
    batchSend(res, 201, started, results, errors);
  });

  router.post('/associations/:from/:to/batch/associate/default', (req, res) => {
    const [from, to] = types(req, 'from', 'to');
    if (!allowed(req, res, from, to)) return;
    const started = Date.now();
    const portal = portalOf(req);
    const input = parseBody(batchDefaultSchema, req.body);
    checkBatchSize(input.inputs.length, MAX_WRITE_INPUTS);
    const source = writeSource(req);
    const results: unknown[] = [];
    const errors: StandardError[] = [];
    for (const item of input.inputs) {
      if (!exists(portal, from, item.from.id) || !exists(portal, to, item.to.id)) {
        errors.push(
          standardError(
            'OBJECT_NOT_FOUND',
            `${SINGULAR[from]} ${item.from.id} or ${SINGULAR[to]} ${item.to.id} does not exist.`,
            { ids: [item.from.id, item.to.id] },
          ),
        );
        continue;
      }
      portal.associate(from, item.from.id, to, item.to.id, source);
      results.push(defaultAssociation(from, item.from.id, to, item.to.id));
    }
    const body: Record<string, unknown> = {
      status: 'COMPLETE',
      results,
      startedAt: iso(started),
      completedAt: iso(Date.now()),
    };
    if (errors.length > 0) Object.assign(body, { numErrors: errors.length, errors });
    res.status(200).json(body);
  });

  router.post('/associations/:from/:to/batch/archive', (req, res) => {
    const [from, to] = types(req, 'from', 'to');
    if (!allowed(req, res, from, to)) return;
    const portal = portalOf(req);
    const input = parseBody(batchArchiveSchema, req.body);
    checkBatchSize(input.inputs.length, MAX_WRITE_INPUTS);
    const source = writeSource(req);
    for (const item of input.inputs)
      for (const t of item.to) portal.dissociate(from, item.from.id, to, t.id, source);
    res.status(204).end();
  });

  router.put('/objects/:from/:fromId/associations/default/:to/:toId', (req, res) => {
    const [from, to] = types(req, 'from', 'to');
    if (!allowed(req, res, from, to)) return;
    const started = Date.now();
    const portal = portalOf(req);
    const fromId = String(req.params['fromId']);
    const toId = String(req.params['toId']);
    if (!exists(portal, from, fromId) || !exists(portal, to, toId)) throw notFound();
    portal.associate(from, fromId, to, toId, writeSource(req));
    batchSend(res, 200, started, [defaultAssociation(from, fromId, to, toId)], []);
  });

  router.get('/objects/:from/:fromId/associations/:to', (req, res) => {
    const [from, to] = types(req, 'from', 'to');
    if (!allowed(req, res, from, to)) return;
    const portal = portalOf(req);
    const fromId = String(req.params['fromId']);
    if (!exists(portal, from, fromId)) throw notFound();
    const after = typeof req.query['after'] === 'string' ? req.query['after'] : undefined;
    const page = associated(portal, from, fromId, to, after);
    const body: Record<string, unknown> = { results: page.results };
    if (page.next !== undefined) body['paging'] = { next: { after: page.next } };
    res.json(body);
  });

  router.put('/objects/:from/:fromId/associations/:to/:toId', (req, res) => {
    const [from, to] = types(req, 'from', 'to');
    if (!allowed(req, res, from, to)) return;
    const portal = portalOf(req);
    const specs = parseBody(z.array(associationSpecSchema), req.body);
    const bad = specs.find((t) => !isKnownTypeId(from, to, t.associationTypeId));
    if (bad)
      throw validationError(
        `${bad.associationTypeId} is not a valid association type from ${from} to ${to}.`,
        'associationTypeId',
      );
    const fromId = String(req.params['fromId']);
    const toId = String(req.params['toId']);
    if (!exists(portal, from, fromId) || !exists(portal, to, toId)) throw notFound();
    portal.associate(from, fromId, to, toId, writeSource(req));
    res.status(201).json(labelsPair(from, fromId, to, toId));
  });

  router.delete('/objects/:from/:fromId/associations/:to/:toId', (req, res) => {
    const [from, to] = types(req, 'from', 'to');
    if (!allowed(req, res, from, to)) return;
    portalOf(req).dissociate(
      from,
      String(req.params['fromId']),
      to,
      String(req.params['toId']),
      writeSource(req),
    );
    res.status(204).end();
  });

  return router;
}
