import { type Request, type Response, Router } from 'express';
import type { OrgEntry, SfContext } from '../context.ts';
import { sfError } from '../errors.ts';
import { compileSoql, runQuery } from '../soql/compile.ts';
import { SoqlError } from '../soql/errors.ts';
import type { FieldDef, SObjectName } from '../state/fields.ts';
import type { SfRecord } from '../state/org.ts';
import { apiVersion, recordJson } from './serialize.ts';

// GET /services/data/vXX.X/query?q= (and queryAll, which includes the recycle bin) and the
// query locator that `nextRecordsUrl` points at ("Execute a SOQL Query", REST API Developer Guide).
// A page holds at most 2,000 rows — fewer when `Sforce-Query-Options: batchSize=N` asks (200–2,000)
// and sometimes fewer anyway, since Salesforce does not promise full batches. Locators expire after
// 15 minutes without use (INVALID_QUERY_LOCATOR).

const MAX_BATCH = 2000;
const MIN_BATCH = 200;
const LOCATOR_IDLE_MS = 15 * 60_000;

interface Cursor {
  orgId: string;
  sobject: SObjectName;
  fields: readonly FieldDef[];
  records: SfRecord[];
  batch: number;
  lastUsed: number;
}

function batchSize(req: Request): number {
  const header = req.headers['sforce-query-options'];
  const m = /batchSize\s*=\s*(\d+)/i.exec(typeof header === 'string' ? header : '');
  if (!m) return MAX_BATCH;
  return Math.min(MAX_BATCH, Math.max(MIN_BATCH, Number(m[1])));
}

export function queryRouter(ctx: SfContext): Router {
  const router = Router({ mergeParams: true });
  const cursors = new Map<string, Cursor>();
  let draws = 0;

  const pageOf = (version: string, entry: OrgEntry, cursor: Cursor, locator: string, offset: number) => {
    let size = cursor.batch;
    const rate = ctx.options.shortPageRate ?? 0;
    // A deterministic sequence of short pages (a Weyl sequence), so runs repeat exactly.
    if (rate > 0 && (++draws * 0.618033988749895) % 1 < rate)
      size = Math.max(MIN_BATCH, Math.floor(size * 0.6));
    const slice = cursor.records.slice(offset, offset + size);
    const end = offset + slice.length;
    const done = end >= cursor.records.length;
    if (done) cursors.delete(locator);
    else cursor.lastUsed = entry.org.now();
    return {
      totalSize: cursor.records.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/v${version}/query/${locator}-${end}` }),
      records: slice.map((r) => recordJson(version, cursor.sobject, r, cursor.fields)),
    };
  };

  const run = (all: boolean) => (req: Request, res: Response) => {
    const entry = res.locals.org!;
    const version = apiVersion(req);
    const soql = typeof req.query['q'] === 'string' ? req.query['q'] : '';
    if (soql === '') return sfError(res, 400, 'MALFORMED_QUERY', 'A query string has to be specified');
    try {
      const q = compileSoql(soql, entry.org, entry.org.now());
      const records = runQuery(q, entry.org, all);
      if (q.count) return res.json({ totalSize: records.length, done: true, records: [] });
      const locator = entry.org.nextId('QueryLocator');
      const cursor: Cursor = {
        orgId: entry.org.orgId,
        sobject: q.sobject,
        fields: q.fields,
        records,
        batch: batchSize(req),
        lastUsed: entry.org.now(),
      };
      cursors.set(locator, cursor);
      res.json(pageOf(version, entry, cursor, locator, 0));
    } catch (error) {
      if (error instanceof SoqlError) return sfError(res, 400, error.errorCode, error.message);
      throw error;
    }
  };

  router.get('/query', run(false));
  router.get('/queryAll', run(true));
  const more = (req: Request, res: Response) => {
    const entry = res.locals.org!;
    const version = apiVersion(req);
    const m = /^([A-Za-z0-9]{15,18})-(\d+)$/.exec(String(req.params['locator']));
    const cursor = m ? cursors.get(m[1]!) : undefined;
    if (
      !m ||
      !cursor ||
      cursor.orgId !== entry.org.orgId ||
      entry.org.now() - cursor.lastUsed > LOCATOR_IDLE_MS
    ) {
      if (m) cursors.delete(m[1]!);
      return sfError(res, 400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    }
    res.json(pageOf(version, entry, cursor, m[1]!, Number(m[2])));
  };
  router.get('/query/:locator', more);
  router.get('/queryAll/:locator', more);
  return router;
}
