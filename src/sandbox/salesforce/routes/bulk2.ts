import { stringify } from 'csv-stringify/sync';
import { type Request, type Response, Router } from 'express';
import type { SfContext } from '../context.ts';
import { NOT_FOUND_MESSAGE, sfError } from '../errors.ts';
import { sfDateTime } from '../format.ts';
import { compileSoql, runQuery } from '../soql/compile.ts';
import { SoqlError } from '../soql/errors.ts';
import type { FieldDef } from '../state/fields.ts';
import type { SfRecord } from '../state/org.ts';
import { toCsv } from '../state/values.ts';
import { apiVersion } from './serialize.ts';

// Bulk API 2.0 query jobs ("Bulk API 2.0 and Bulk API Developer Guide", Query jobs): POST /jobs/query
// creates a job (state UploadComplete), GET /jobs/query/{id} reports InProgress then JobComplete,
// GET /jobs/query/{id}/results?locator=&maxRecords= returns CSV pages with the next page's locator
// in `Sforce-Locator` ("null" on the last) and the row count in `Sforce-NumberOfRecords`. The query
// runs when the job is created, so its results are a snapshot. Locators are base64 row offsets, as
// Salesforce's are. Bulk queries take no OFFSET and no COUNT().

interface Job {
  id: string;
  orgId: string;
  operation: 'query' | 'queryAll';
  object: string;
  fields: readonly FieldDef[];
  records: SfRecord[];
  createdAt: number;
  state: 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Aborted';
  apiVersion: number;
}

export function bulk2Router(ctx: SfContext): Router {
  const router = Router({ mergeParams: true });
  const jobs = new Map<string, Job>();
  const processing = ctx.options.bulkProcessingMs ?? 0;

  const stateOf = (job: Job): Job['state'] => {
    if (job.state === 'Aborted') return job.state;
    const elapsed = ctx.clock.now() - job.createdAt;
    return elapsed >= processing ? 'JobComplete' : elapsed > 0 ? 'InProgress' : 'UploadComplete';
  };

  const info = (job: Job) => {
    const state = stateOf(job);
    return {
      id: job.id,
      operation: job.operation,
      object: job.object,
      createdById: res0(job),
      createdDate: sfDateTime(job.createdAt),
      systemModstamp: sfDateTime(ctx.clock.now()),
      state,
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: job.apiVersion,
      jobType: 'V2Query',
      lineEnding: 'LF',
      columnDelimiter: 'COMMA',
      ...(state === 'JobComplete'
        ? { numberRecordsProcessed: job.records.length, retries: 0, totalProcessingTime: processing }
        : {}),
    };
  };
  const res0 = (job: Job) => ctx.orgs.get(job.orgId)?.org.userId ?? '';

  const jobFor = (req: Request, res: Response): Job | null => {
    const job = jobs.get(String(req.params['id']));
    if (!job || job.orgId !== res.locals.org!.org.orgId) {
      sfError(res, 404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
      return null;
    }
    return job;
  };

  router.post('/jobs/query', (req, res) => {
    const entry = res.locals.org!;
    const body = (req.body ?? {}) as { operation?: unknown; query?: unknown };
    const operation =
      body.operation === 'queryAll' ? 'queryAll' : body.operation === 'query' ? 'query' : null;
    if (operation === null || typeof body.query !== 'string')
      return sfError(
        res,
        400,
        'INVALIDJOB',
        "InvalidJob : operation must be 'query' or 'queryAll' and query must be given",
      );
    try {
      const q = compileSoql(body.query, entry.org, entry.org.now());
      if (q.count || q.offset > 0)
        return sfError(
          res,
          400,
          'INVALIDJOB',
          'InvalidJob : COUNT() and OFFSET are not supported by Bulk API 2.0 queries',
        );
      const job: Job = {
        id: entry.org.nextId('BulkJob'),
        orgId: entry.org.orgId,
        operation,
        object: q.sobject,
        fields: q.fields,
        records: runQuery(q, entry.org, operation === 'queryAll'),
        createdAt: ctx.clock.now(),
        state: 'UploadComplete',
        apiVersion: Number(apiVersion(req)),
      };
      jobs.set(job.id, job);
      res.status(200).json(info(job));
    } catch (error) {
      if (error instanceof SoqlError) return sfError(res, 400, error.errorCode, error.message);
      throw error;
    }
  });

  router.get('/jobs/query', (_req, res) => {
    const orgId = res.locals.org!.org.orgId;
    const records = [...jobs.values()].filter((j) => j.orgId === orgId).map(info);
    res.json({ done: true, records, nextRecordsUrl: null });
  });

  router.get('/jobs/query/:id', (req, res) => {
    const job = jobFor(req, res);
    if (job) res.json(info(job));
  });

  router.patch('/jobs/query/:id', (req, res) => {
    const job = jobFor(req, res);
    if (!job) return;
    if ((req.body as { state?: unknown } | undefined)?.state !== 'Aborted')
      return sfError(res, 400, 'INVALIDJOBSTATE', 'InvalidJobState : only Aborted can be set');
    job.state = 'Aborted';
    res.json(info(job));
  });

  router.delete('/jobs/query/:id', (req, res) => {
    const job = jobFor(req, res);
    if (!job) return;
    jobs.delete(job.id);
    res.status(204).end();
  });

  router.get('/jobs/query/:id/results', (req, res) => {
    const job = jobFor(req, res);
    if (!job) return;
    if (stateOf(job) !== 'JobComplete')
      return sfError(res, 400, 'INVALIDJOBSTATE', `InvalidJobState : job ${job.id} is not complete`);
    const rawLocator = typeof req.query['locator'] === 'string' ? req.query['locator'] : '';
    const offset = rawLocator === '' ? 0 : Number(Buffer.from(rawLocator, 'base64').toString('utf8'));
    if (!Number.isInteger(offset) || offset < 0 || offset > job.records.length)
      return sfError(res, 400, 'INVALIDLOCATOR', 'InvalidLocator : the locator is not valid');
    const requested = Number(req.query['maxRecords']);
    const size =
      Number.isInteger(requested) && requested > 0 ? requested : (ctx.options.bulkResultsPageSize ?? 50_000);
    const page = job.records.slice(offset, offset + size);
    const end = offset + page.length;
    const rows = [
      job.fields.map((f) => f.name),
      ...page.map((r) => job.fields.map((f) => toCsv(f, r.values[f.name]))),
    ];
    res.setHeader(
      'Sforce-Locator',
      end >= job.records.length ? 'null' : Buffer.from(String(end)).toString('base64'),
    );
    res.setHeader('Sforce-NumberOfRecords', String(page.length));
    res.type('text/csv');
    res.send(stringify(rows, { quoted: true, record_delimiter: 'unix' }));
  });

  return router;
}
