import { Router } from 'express';
import { API_VERSIONS, type SfContext } from '../context.ts';
import { isSObjectName } from '../state/fields.ts';

// GET /services/data (the versions), /limits ("List Organization Limits": DailyApiRequests and
// friends, Max and Remaining) and /limits/recordCount?sObjects= (record counts per sObject).

export function versionsRouter(ctx: SfContext): Router {
  const router = Router();
  router.get('/services/data', (_req, res) => {
    res.json(
      API_VERSIONS.map((version) => ({
        label: `Version ${version}`,
        url: `/services/data/v${version}`,
        version,
      })),
    );
  });
  void ctx;
  return router;
}

export function limitsRouter(ctx: SfContext): Router {
  const router = Router({ mergeParams: true });
  router.get('/limits', (_req, res) => {
    const entry = res.locals.org!;
    const now = ctx.clock.now();
    const used = entry.usage.used(now);
    const limit = (max: number, remaining: number) => ({ Max: max, Remaining: Math.max(0, remaining) });
    res.json({
      DailyApiRequests: limit(entry.usage.limit, entry.usage.limit - used),
      DailyBulkApiBatches: limit(15_000, 15_000),
      DailyBulkV2QueryJobs: limit(10_000, 10_000),
      DailyBulkV2QueryFileStorageMB: limit(976_562, 976_562),
      DataStorageMB: limit(5_120, 5_000),
      MassEmail: limit(5_000, 5_000),
    });
  });
  router.get('/limits/recordCount', (req, res) => {
    const org = res.locals.org!.org;
    const names = String(req.query['sObjects'] ?? '')
      .split(',')
      .filter(isSObjectName);
    res.json({ sObjects: names.map((name) => ({ count: [...org.scan(name)].length, name })) });
  });
  return router;
}
