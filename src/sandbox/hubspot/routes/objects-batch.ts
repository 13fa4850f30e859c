import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { portalOf } from '../auth/middleware.ts';
import { type StandardError, standardError, validationError } from '../errors.ts';
import type { CrmRecord } from '../state/object-store.ts';
import { UPPER } from '../state/object-types.ts';
import { auditWrite } from '../state/write-audit.ts';
import {
  canRead,
  canWrite,
  createAssociationSchema,
  invalidValuesEntry,
  propertiesSchema,
  resolveAssociations,
  writeSource,
} from './object-helpers.ts';
import { withHistoryNames } from './objects-history.ts';
import { checkBatchSize, objectTypeParam, parseBody } from './parse.ts';
import { objectJson, queryBool, returnedProperties, type SimplePublicObject } from './serialize.ts';

// Batch object routes: read, create, update, upsert, archive, at most 100 inputs each. When some
// inputs fail the answer is 207 multi-status with one `errors` entry per failure and the others
// done; when all succeed it is 200 (201 for create).

const MAX_INPUTS = 100;

const readSchema = z.object({
  inputs: z.array(z.object({ id: z.string() })),
  properties: z.array(z.string()).optional().default([]),
  propertiesWithHistory: z.array(z.string()).optional().default([]),
  idProperty: z.string().optional(),
});
const createSchema = z.object({
  inputs: z.array(
    z.object({
      properties: propertiesSchema,
      associations: z.array(createAssociationSchema).optional().default([]),
    }),
  ),
});
const updateSchema = z.object({
  inputs: z.array(
    z.object({ id: z.string(), idProperty: z.string().optional(), properties: propertiesSchema }),
  ),
});
const archiveSchema = z.object({ inputs: z.array(z.object({ id: z.string() })) });

function send<T>(
  res: Response,
  okStatus: number,
  startedAt: number,
  results: T[],
  errors: StandardError[],
): void {
  const completedAt = new Date().toISOString();
  const started = new Date(startedAt).toISOString();
  const body = { status: 'COMPLETE', results, requestedAt: started, startedAt: started, completedAt };
  if (errors.length === 0) res.status(okStatus).json(body);
  else res.status(207).json({ ...body, numErrors: errors.length, errors });
}

function noDuplicates(ids: readonly string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id))
      throw validationError(`Duplicate IDs found in batch input: [${id}]. IDs must be unique.`, 'inputs');
    seen.add(id);
  }
}

function batchRead(req: Request, res: Response): void {
  const type = objectTypeParam(req);
  if (!canRead(req, res, type)) return;
  const started = Date.now();
  const portal = portalOf(req);
  const input = parseBody(readSchema, req.body);
  checkBatchSize(input.inputs.length, MAX_INPUTS);
  const names = returnedProperties(portal, type, input.properties);
  const archived = queryBool(req.query['archived']);
  const results: SimplePublicObject[] = [];
  const missing: string[] = [];
  for (const { id } of input.inputs) {
    const record = portal.find(type, id, input.idProperty, archived);
    if (record)
      results.push(
        withHistoryNames(
          portal,
          type,
          record,
          objectJson(portal, type, record, names),
          input.propertiesWithHistory,
        ),
      );
    else missing.push(id);
  }
  const errors =
    missing.length === 0
      ? []
      : [
          standardError(
            'OBJECT_NOT_FOUND',
            `Could not get some ${UPPER[type]} objects, they may be deleted or not exist. Check that ids are valid.`,
            { ids: missing },
          ),
        ];
  send(res, 200, started, results, errors);
}

function batchCreate(req: Request, res: Response): void {
  const type = objectTypeParam(req);
  if (!canWrite(req, res, type)) return;
  const started = Date.now();
  const portal = portalOf(req);
  const input = parseBody(createSchema, req.body);
  checkBatchSize(input.inputs.length, MAX_INPUTS);
  const source = writeSource(req);
  const results: SimplePublicObject[] = [];
  const errors: StandardError[] = [];
  for (const item of input.inputs) {
    const { values, errors: bad } = portal.validate(type, item.properties);
    if (bad.length > 0) {
      errors.push(invalidValuesEntry(bad));
      continue;
    }
    const { associations, error } = resolveAssociations(portal, type, item.associations);
    if (error !== null) {
      errors.push(standardError('VALIDATION_ERROR', error, {}, [{ message: error, in: 'associations' }]));
      continue;
    }
    const record = portal.create(type, values, source, associations);
    results.push(objectJson(portal, type, record, returnedProperties(portal, type, Object.keys(values))));
  }
  send(res, 201, started, results, errors);
}

function batchUpdate(req: Request, res: Response): void {
  const type = objectTypeParam(req);
  if (!canWrite(req, res, type)) return;
  const started = Date.now();
  const portal = portalOf(req);
  const input = parseBody(updateSchema, req.body);
  checkBatchSize(input.inputs.length, MAX_INPUTS);
  noDuplicates(input.inputs.map((i) => i.id));
  const source = writeSource(req);
  const results: SimplePublicObject[] = [];
  const errors: StandardError[] = [];
  const missing: string[] = [];
  for (const item of input.inputs) {
    const record = portal.find(type, item.id, item.idProperty);
    if (!record) {
      missing.push(item.id);
      continue;
    }
    const { values, errors: bad } = portal.validate(type, item.properties);
    if (bad.length > 0) {
      errors.push(invalidValuesEntry(bad));
      continue;
    }
    portal.update(type, record, values, source);
    auditWrite(portal, type, record.id, values);
    results.push(objectJson(portal, type, record, returnedProperties(portal, type, Object.keys(values))));
  }
  if (missing.length > 0) {
    errors.push(
      standardError('OBJECT_NOT_FOUND', `Could not find some ${UPPER[type]} objects to update.`, {
        ids: missing,
      }),
    );
  }
  send(res, 200, started, results, errors);
}

/** Upsert by a unique property (`idProperty`): update the match, else create with that value set. */
function batchUpsert(req: Request, res: Response): void {
  const type = objectTypeParam(req);
  if (!canWrite(req, res, type)) return;
  const started = Date.now();
  const portal = portalOf(req);
  const input = parseBody(updateSchema, req.body);
  checkBatchSize(input.inputs.length, MAX_INPUTS);
  noDuplicates(input.inputs.map((i) => i.id));
  const source = writeSource(req);
  const results: Array<SimplePublicObject & { new: boolean }> = [];
  const errors: StandardError[] = [];
  for (const item of input.inputs) {
    const idProperty = item.idProperty ?? 'hs_object_id';
    if (idProperty !== 'hs_object_id' && !portal.properties[type].get(idProperty)) {
      errors.push(
        standardError('VALIDATION_ERROR', `idProperty '${idProperty}' does not exist.`, {
          idProperty: [idProperty],
        }),
      );
      continue;
    }
    const existing: CrmRecord | undefined = portal.find(type, item.id, idProperty);
    const props =
      existing || idProperty === 'hs_object_id'
        ? item.properties
        : { ...item.properties, [idProperty]: item.id };
    const { values, errors: bad } = portal.validate(type, props);
    if (bad.length > 0) {
      errors.push(invalidValuesEntry(bad));
      continue;
    }
    if (!existing && idProperty === 'hs_object_id') {
      errors.push(
        standardError(
          'OBJECT_NOT_FOUND',
          `No ${UPPER[type]} with id ${item.id}; upsert by record id only updates.`,
          { ids: [item.id] },
        ),
      );
      continue;
    }
    const record = existing
      ? portal.update(type, existing, values, source)
      : portal.create(type, values, source);
    if (existing) auditWrite(portal, type, record.id, values);
    const names = returnedProperties(portal, type, Object.keys(values));
    results.push({ ...objectJson(portal, type, record, names), new: !existing });
  }
  send(res, 200, started, results, errors);
}

function batchArchive(req: Request, res: Response): void {
  const type = objectTypeParam(req);
  if (!canWrite(req, res, type)) return;
  const portal = portalOf(req);
  const input = parseBody(archiveSchema, req.body);
  checkBatchSize(input.inputs.length, MAX_INPUTS);
  const source = writeSource(req);
  for (const { id } of input.inputs) {
    const record = portal.find(type, id);
    if (record) portal.archive(type, record, source);
  }
  res.status(204).end();
}

export function batchRoutes(router: Router): void {
  router.post('/:objectType/batch/read', batchRead);
  router.post('/:objectType/batch/create', batchCreate);
  router.post('/:objectType/batch/update', batchUpdate);
  router.post('/:objectType/batch/upsert', batchUpsert);
  router.post('/:objectType/batch/archive', batchArchive);
}
