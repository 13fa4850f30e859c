import { type Request, type Response, Router } from 'express';
import type { SfContext } from '../context.ts';
import { NOT_FOUND_MESSAGE, sfError } from '../errors.ts';
import { normalizeId } from '../ids.ts';
import { cpuLimitError } from '../state/apex-triggers.ts';
import { type FieldDef, isSObjectName, type SObjectName } from '../state/fields.ts';
import type { OrgState, SaveError, SaveResult } from '../state/org.ts';
import { apiVersion, recordJson } from './serialize.ts';

// sObject Collections ("sObject Collections", REST API Developer Guide): create (POST), update
// (PATCH), upsert by external id (PATCH /{type}/{field}), delete (DELETE ?ids=) of up to 200 records
// per call, retrieve (GET /{type}?ids=) of up to 2,000. More records → 400 EXCEEDED_ID_LIMIT. With
// allOrNone false each record succeeds or fails alone (one result per record, in order); with
// allOrNone true one failure rolls every record back (ALL_OR_NONE_OPERATION_ROLLED_BACK).

const MAX_RECORDS = 200;
const MAX_RETRIEVE = 2000;
const ROLLED_BACK: SaveError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

type Item = { id?: unknown; attributes?: { type?: unknown } } & Record<string, unknown>;

function resultJson(r: SaveResult, upsert: boolean) {
  return r.ok
    ? { id: r.id, success: true, errors: [], ...(upsert ? { created: r.created } : {}) }
    : { id: r.id, success: false, errors: r.errors, ...(upsert ? { created: false } : {}) };
}

function tooMany(res: Response): void {
  sfError(
    res,
    400,
    'EXCEEDED_ID_LIMIT',
    `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`,
  );
}

function typeOf(item: Item): SObjectName | null {
  const t = item.attributes?.type;
  return typeof t === 'string' && isSObjectName(t) ? t : null;
}

function fields(item: Item): Record<string, unknown> {
  const { attributes: _a, id: _i, Id: _I, ...rest } = item;
  return rest;
}

/**
 * A trigger that runs out of CPU time on this many records of its object rolls the whole save back:
 * every record fails with its LimitException (state/apex-triggers.ts), none is saved.
 */
function cpuLimitRefusal(org: OrgState, items: Item[]): SaveResult[] | null {
  for (const trigger of org.cpuHungryTriggers.values()) {
    const count = items.filter((item) => typeOf(item) === trigger.sobject).length;
    if (count > trigger.maxRecords)
      return items.map((item) => ({
        ok: false,
        id: typeof item.id === 'string' ? item.id : null,
        errors: [cpuLimitError(trigger)],
      }));
  }
  return null;
}

/** Applies `save` to each record, or none of them when allOrNone and any would fail validation. */
function saveAll(
  org: OrgState,
  items: Item[],
  allOrNone: boolean,
  validate: (item: Item, type: SObjectName) => SaveResult | null,
  save: (item: Item, type: SObjectName) => SaveResult,
): SaveResult[] {
  const cpu = cpuLimitRefusal(org, items);
  if (cpu !== null) return cpu;
  const invalidType = (item: Item): SaveResult => ({
    ok: false,
    id: typeof item.id === 'string' ? item.id : null,
    errors: [
      { statusCode: 'INVALID_TYPE', message: 'sObject type must be given in attributes.type', fields: [] },
    ],
  });
  if (allOrNone) {
    const failures = items.map((item) => {
      const type = typeOf(item);
      return type === null ? invalidType(item) : validate(item, type);
    });
    if (failures.some((f) => f !== null && !f.ok))
      return failures.map((f, i) =>
        f !== null && !f.ok
          ? f
          : {
              ok: false,
              id: typeof items[i]!.id === 'string' ? (items[i]!.id as string) : null,
              errors: [ROLLED_BACK],
            },
      );
  }
  return items.map((item) => {
    const type = typeOf(item);
    return type === null ? invalidType(item) : save(item, type);
  });
}

function findByExternalId(org: OrgState, type: SObjectName, field: string, value: unknown): string | null {
  for (const r of org.scan(type)) if (r.values[field] === value) return r.id;
  return null;
}

export function compositeRouter(_ctx: SfContext): Router {
  const router = Router({ mergeParams: true });

  const body = (req: Request) => {
    const b = (req.body ?? {}) as { allOrNone?: unknown; records?: unknown };
    return {
      allOrNone: b.allOrNone === true,
      records: Array.isArray(b.records) ? (b.records as Item[]) : [],
    };
  };

  router.post('/composite/sobjects', (req, res) => {
    const { allOrNone, records } = body(req);
    if (records.length > MAX_RECORDS) return tooMany(res);
    const org = res.locals.org!.org;
    const results = saveAll(
      org,
      records,
      allOrNone,
      (item, type) => {
        const c = org.check(type, fields(item), null);
        return c.ok ? null : { ok: false, id: null, errors: c.errors };
      },
      (item, type) => org.create(type, fields(item)),
    );
    res.json(results.map((r) => resultJson(r, false)));
  });

  router.patch('/composite/sobjects', (req, res) => {
    const { allOrNone, records } = body(req);
    if (records.length > MAX_RECORDS) return tooMany(res);
    const org = res.locals.org!.org;
    const idOf = (item: Item) => String(item.id ?? item['Id'] ?? '');
    const results = saveAll(
      org,
      records,
      allOrNone,
      (item, type) => {
        const id = normalizeId(idOf(item));
        if (id === null || !org.get(type, id))
          return {
            ok: false,
            id,
            errors: [
              {
                statusCode: id === null ? 'MALFORMED_ID' : 'ENTITY_IS_DELETED',
                message: 'invalid id',
                fields: [],
              },
            ],
          };
        const c = org.check(type, fields(item), id);
        return c.ok ? null : { ok: false, id, errors: c.errors };
      },
      (item, type) => org.update(type, idOf(item), fields(item)),
    );
    res.json(results.map((r) => resultJson(r, false)));
  });

  router.patch('/composite/sobjects/:sobject/:field', (req, res) => {
    const { allOrNone, records } = body(req);
    if (records.length > MAX_RECORDS) return tooMany(res);
    const org = res.locals.org!.org;
    const sobject = String(req.params['sobject']);
    if (!isSObjectName(sobject)) return sfError(res, 404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
    const def = org.visibleField(sobject, String(req.params['field']));
    if (!def?.externalId)
      return sfError(
        res,
        400,
        'INVALID_FIELD',
        `Field ${String(req.params['field'])} is not an external id field on ${sobject}`,
      );
    const upsert = (item: Item): SaveResult => {
      const existing = findByExternalId(org, sobject, def.name, item[def.name]);
      return existing === null
        ? org.create(sobject, fields(item))
        : org.update(sobject, existing, fields(item));
    };
    const results = saveAll(
      org,
      records.map((r) => ({ ...r, attributes: { type: sobject } })),
      allOrNone,
      (item) => {
        const c = org.check(sobject, fields(item), null);
        return c.ok ? null : { ok: false, id: null, errors: c.errors };
      },
      upsert,
    );
    res.json(results.map((r) => resultJson(r, true)));
  });

  router.delete('/composite/sobjects', (req, res) => {
    const ids = String(req.query['ids'] ?? '')
      .split(',')
      .filter((s) => s !== '');
    if (ids.length > MAX_RECORDS) return tooMany(res);
    const org = res.locals.org!.org;
    const results = ids.map((id): SaveResult => {
      for (const type of org.records.keys()) if (org.get(type, id)) return org.delete(type, id);
      return {
        ok: false,
        id,
        errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }],
      };
    });
    res.json(results.map((r) => resultJson(r, false)));
  });

  router.get('/composite/sobjects/:sobject', (req, res) => {
    const org = res.locals.org!.org;
    const sobject = String(req.params['sobject']);
    if (!isSObjectName(sobject)) return sfError(res, 404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
    const ids = String(req.query['ids'] ?? '')
      .split(',')
      .filter((s) => s !== '');
    if (ids.length > MAX_RETRIEVE)
      return sfError(res, 400, 'EXCEEDED_ID_LIMIT', `cannot retrieve more than ${MAX_RETRIEVE} records`);
    const names = String(req.query['fields'] ?? 'Id').split(',');
    const defs: FieldDef[] = [];
    for (const name of names) {
      const def = org.visibleField(sobject, name.trim());
      if (!def)
        return sfError(res, 400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${sobject}`);
      defs.push(def);
    }
    const version = apiVersion(req);
    res.json(
      ids.map((id) => {
        const r = org.get(sobject, id);
        return r ? recordJson(version, sobject, r, defs) : null;
      }),
    );
  });

  return router;
}
