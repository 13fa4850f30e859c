import { type Request, type Response, Router } from 'express';
import type { SfContext } from '../context.ts';
import { NOT_FOUND_MESSAGE, sfError } from '../errors.ts';
import { DAY_MS, parseSfDateTime, sfDateTime } from '../format.ts';
import { type FieldDef, isSObjectName, type SObjectName } from '../state/fields.ts';
import { type OrgState, RECYCLE_BIN_MS, type SaveResult } from '../state/org.ts';
import { apiVersion, recordJson } from './serialize.ts';

// sObject rows (POST create, GET / PATCH / DELETE one record) and the replication resources
// `/sobjects/{type}/updated/?start=&end=` and `/deleted/?start=&end=` (getUpdated / getDeleted,
// "Get a List of Updated/Deleted Records"). Replication windows: end is rounded down to the minute
// (`latestDateCovered`), getDeleted only reaches back as far as the recycle bin (15 days,
// `earliestDateAvailable`), and a start before that — or a window over 30 days — is refused with
// INVALID_REPLICATION_DATE.

const MAX_WINDOW_MS = 30 * DAY_MS;

export function saveErrorStatus(result: SaveResult): number {
  if (result.ok) return 200;
  const code = result.errors[0]?.statusCode;
  return code === 'ENTITY_IS_DELETED' ? 404 : 400;
}

function sendSaveError(res: Response, result: Extract<SaveResult, { ok: false }>): void {
  const status = saveErrorStatus(result);
  if (result.errors[0]?.statusCode === 'ENTITY_IS_DELETED') {
    sfError(res, 404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
    return;
  }
  res
    .status(status)
    .json(result.errors.map((e) => ({ message: e.message, errorCode: e.statusCode, fields: e.fields })));
}

function sobjectOf(req: Request, res: Response): SObjectName | null {
  const name = String(req.params['sobject']);
  if (isSObjectName(name) && res.locals.org!.org.serves(name)) return name;
  sfError(res, 404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
  return null;
}

function replicationWindow(req: Request, res: Response, org: OrgState, deleted: boolean) {
  const start = parseSfDateTime(String(req.query['start'] ?? ''));
  const end = parseSfDateTime(String(req.query['end'] ?? ''));
  if (start === null || end === null || end < start) {
    sfError(res, 400, 'INVALID_REPLICATION_DATE', 'startDate must chronologically precede endDate');
    return null;
  }
  const now = org.now();
  const earliest = now - RECYCLE_BIN_MS;
  if (end - start > MAX_WINDOW_MS) {
    sfError(res, 400, 'INVALID_REPLICATION_DATE', 'endDate must be within 30 days of startDate');
    return null;
  }
  if (deleted && start < earliest - 60_000) {
    sfError(
      res,
      400,
      'INVALID_REPLICATION_DATE',
      `startDate before earliest date available: ${sfDateTime(earliest)}`,
    );
    return null;
  }
  const latest = Math.floor(Math.min(end, now) / 60_000) * 60_000;
  return { start, latest, earliest };
}

export function sobjectsRouter(_ctx: SfContext): Router {
  const router = Router({ mergeParams: true });
  const version = (req: Request) => apiVersion(req);

  router.get('/sobjects/:sobject/updated', (req, res) => {
    const sobject = sobjectOf(req, res);
    const org = res.locals.org!.org;
    if (sobject === null) return;
    const w = replicationWindow(req, res, org, false);
    if (w === null) return;
    const ids: string[] = [];
    // Only records the user can see ("Object-Specific Requirements for Data Replication").
    for (const r of org.scan(sobject)) {
      if (!org.sees(sobject, r)) continue;
      const stamp = r.values['SystemModstamp'];
      if (typeof stamp === 'number' && stamp >= w.start && stamp < w.latest) ids.push(r.id);
    }
    res.json({ ids, latestDateCovered: sfDateTime(w.latest) });
  });

  router.get('/sobjects/:sobject/deleted', (req, res) => {
    const sobject = sobjectOf(req, res);
    const org = res.locals.org!.org;
    if (sobject === null) return;
    const w = replicationWindow(req, res, org, true);
    if (w === null) return;
    const deletedRecords: Array<{ id: string; deletedDate: string }> = [];
    for (const r of org.table(sobject).values()) {
      if (
        org.sees(sobject, r) &&
        r.deletedAt !== null &&
        r.deletedAt >= w.start &&
        r.deletedAt < w.latest &&
        r.deletedAt >= w.earliest
      )
        deletedRecords.push({ id: r.id, deletedDate: sfDateTime(r.deletedAt) });
    }
    res.json({
      deletedRecords,
      earliestDateAvailable: sfDateTime(org.earliestDeletedAvailable(sobject)),
      latestDateCovered: sfDateTime(w.latest),
    });
  });

  // "sObject Describe" (REST API): the fields the *requesting user* can see. Field-level security
  // applies: a field the user may not read is absent from the describe, as it is from SOQL.
  router.get('/sobjects/:sobject/describe', (req, res) => {
    const sobject = sobjectOf(req, res);
    if (sobject === null) return;
    const org = res.locals.org!.org;
    const fields = [];
    for (const def of org.fields.get(sobject)!.values()) {
      if (org.visibleField(sobject, def.name) === undefined) continue;
      const editable = def.writable && org.visibleField(sobject, def.name, 'edit') !== undefined;
      fields.push({
        name: def.name,
        label: def.name.replace(/__c$/, '').replaceAll('_', ' '),
        type: def.type,
        custom: def.name.endsWith('__c'),
        createable: editable,
        updateable: editable && !(def.createOnly ?? false),
        nillable: !(def.required ?? false),
        length: def.length ?? 0,
        precision: def.precision ?? 0,
        scale: def.scale ?? 0,
        externalId: def.externalId ?? false,
        restrictedPicklist: def.restricted ?? false,
        picklistValues: (def.picklist ?? []).map((value, i) => ({
          active: true,
          defaultValue: i === 0 && def.required === true,
          label: value,
          validFor: null,
          value,
        })),
      });
    }
    res.json({ name: sobject, custom: false, queryable: true, updateable: true, fields });
  });

  router.post('/sobjects/:sobject', (req, res) => {
    const sobject = sobjectOf(req, res);
    if (sobject === null) return;
    const result = res.locals.org!.org.create(sobject, (req.body ?? {}) as Record<string, unknown>);
    if (!result.ok) return sendSaveError(res, result);
    res.status(201).json({ id: result.id, success: true, errors: [] });
  });

  router.get('/sobjects/:sobject/:id', (req, res) => {
    const sobject = sobjectOf(req, res);
    if (sobject === null) return;
    const org = res.locals.org!.org;
    const record = org.get(sobject, String(req.params['id']));
    if (!record) return sfError(res, 404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
    const requested = typeof req.query['fields'] === 'string' ? req.query['fields'].split(',') : null;
    const defs: FieldDef[] = [];
    for (const name of requested ?? [...org.fields.get(sobject)!.values()].map((d) => d.name)) {
      const def = org.visibleField(sobject, name.trim());
      if (def) defs.push(def);
      else if (requested)
        return sfError(res, 400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${sobject}`);
    }
    res.json(recordJson(version(req), sobject, record, defs));
  });

  router.patch('/sobjects/:sobject/:id', (req, res) => {
    const sobject = sobjectOf(req, res);
    if (sobject === null) return;
    const result = res.locals.org!.org.update(
      sobject,
      String(req.params['id']),
      (req.body ?? {}) as Record<string, unknown>,
    );
    if (!result.ok) return sendSaveError(res, result);
    res.status(204).end();
  });

  router.delete('/sobjects/:sobject/:id', (req, res) => {
    const sobject = sobjectOf(req, res);
    if (sobject === null) return;
    const result = res.locals.org!.org.delete(sobject, String(req.params['id']));
    if (!result.ok) return sendSaveError(res, result);
    res.status(204).end();
  });

  return router;
}
