import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import express from 'express';
import { createHttpApp } from '../../src/http/app.ts';
import { signInWithToken, testFrontDoor } from '../../src/http/auth/testing.ts';
import { dashboardRouter } from '../../src/http/dashboard/router.ts';
import { listen } from '../../src/http/server.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { openStore } from '../../src/store/index.ts';

/**
 * The at-risk list on a `large` book: `npm run bench:at-risk [-- --companies N --pages N]`.
 * A full sync of 100,000 companies through the sandbox takes far longer than the list it
 * feeds, so the store (embedded PGlite) gets N synthetic company_scores rows inserted
 * directly — spread like a real book: risk 0–100 with levels from it, three tiers, ten
 * owners, up to three reason codes — and the planner's statistics are refreshed. Then,
 * through the real HTTP app (dashboard router + JSON API), each view is walked page by
 * page with its keyset cursor: the dashboard's At risk page (HTML, 50 rows) and the JSON
 * API (/api/companies), unfiltered and filtered by tier, level, reason and owner.
 * Server time is measured inside the server (request in → response finished), so the
 * client's fetch and parsing are not counted. Prints one JSON line: p50/p95/max per view.
 */
const { values } = parseArgs({
  options: {
    companies: { type: 'string', default: '100000' },
    pages: { type: 'string', default: '20' },
    // Accepted for symmetry with the other benches: the output is always one JSON line.
    json: { type: 'boolean', default: true },
  },
});
const companies = Number(values.companies);
const pages = Number(values.pages);
const LIMIT_MS = 100;

const quiet = { info() {}, warn() {}, error() {}, debug() {} };
const dataDir = await mkdtemp(join(tmpdir(), 'vigil-bench-at-risk-'));
const store = await openStore({ dataDir, encryptionKey: randomBytes(32).toString('base64'), logger: quiet });

try {
  const install = await store.installs.upsert({
    crm: 'hubspot',
    accountId: '90000042',
    authKind: 'private',
    baseUrl: 'http://127.0.0.1:1',
    scopes: [],
    tokens: { accessToken: 'bench' },
  });
  const seeded = performance.now();
  // Deterministic rows: every value derives from the row number through a hash-like mix.
  await store.pool.query(
    `INSERT INTO company_scores (install_id, company_id, name, owner, health, status, confidence, change_30d, risk,
       risk_level, reasons, top_reason, reasons_detail, tier, expected_ltv, arr, tenure_days, churned, renewal_date,
       breakdown, scored_at, config_version)
     SELECT $1, (18000000000 + i)::text, 'Company ' || i, (71843210 + i % 10)::text, h, 
       CASE WHEN h >= 70 THEN 'healthy' WHEN h >= 40 THEN 'neutral' ELSE 'at_risk' END, 1, 0, r,
       CASE WHEN r >= 75 THEN 'critical' WHEN r >= 50 THEN 'high' WHEN r >= 25 THEN 'medium' ELSE 'low' END,
       reasons, reasons[1], '[]'::jsonb, (ARRAY['high','low','low','tech','tech'])[1 + i % 5], arr * 3, arr, 400, false,
       now() + (i % 365) * interval '1 day', '{}'::jsonb, now(), 0
     FROM (
       SELECT i, ((i * 7919) % 10007) / 100.07 AS r, 100 - ((i * 7919) % 10007) / 100.07 * 0.8 AS h,
         ((i * 104729) % 200) * 500.0 AS arr,
         CASE (i * 31) % 5
           WHEN 0 THEN ARRAY['no_login','no_contact','low_adoption']
           WHEN 1 THEN ARRAY['urgent_tickets','ticket_spike','no_contact']
           WHEN 2 THEN ARRAY['payment_overdue','contraction','renewal_at_risk']
           WHEN 3 THEN ARRAY['detractor_nps','health_drop','usage_decline']
           ELSE ARRAY['low_seat_utilisation','no_login','payment_overdue'] END AS reasons
       FROM generate_series(1::bigint, $2::bigint) AS i) g`,
    [install.id, companies],
  );
  await store.pool.query('ANALYZE company_scores');
  const seedSeconds = (performance.now() - seeded) / 1000;

  const timings = new Map<string, number[]>();
  let current = '';
  const app = express();
  app.use((_req, res, next) => {
    const start = performance.now();
    const view = current;
    res.on('finish', () => {
      const list = timings.get(view) ?? [];
      list.push(performance.now() - start);
      timings.set(view, list);
    });
    next();
  });
  app.use(
    createHttpApp({
      store,
      logger: silentLogger(),
      frontDoor: testFrontDoor(store.sessions),
      routers: [dashboardRouter({ store, logger: quiet, rescore: async () => undefined })],
    }),
  );
  const http = await listen(app, 0);
  const session = await signInWithToken(http.url);

  const views: Array<[string, string]> = [
    ['page', ''],
    ['page tier=tech', 'tier=tech'],
    ['page level=high', 'level=high'],
    ['page reason=payment_overdue', 'reason=payment_overdue'],
    ['page owner', 'owner=71843213'],
    ['api', ''],
    ['api tier=high', 'tier=high'],
    ['api level=critical', 'level=critical'],
    ['api reason=no_contact', 'reason=no_contact'],
  ];
  // Warm-up: the first statement of each shape plans and fills caches; not counted.
  current = 'warm-up';
  for (const [name, q] of views) {
    const path = name.startsWith('api') ? '/api/companies' : '/at-risk';
    await (await session.fetch(`${path}?${q}`)).text();
  }
  for (const [name, q] of views) {
    current = name;
    const path = name.startsWith('api') ? '/api/companies' : '/at-risk';
    let cursor: string | null = null;
    for (let p = 0; p < pages; p++) {
      const sep = q === '' ? '' : '&';
      const url = `${http.url}${path}?${q}${cursor === null ? '' : `${sep}cursor=${encodeURIComponent(cursor)}`}`;
      const res = await session.fetch(url);
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body.slice(0, 200)}`);
      cursor =
        path === '/api/companies'
          ? (JSON.parse(body) as { nextCursor: string | null }).nextCursor
          : (/rel="next" href="[^"]*cursor=([^"&]+)/.exec(body)?.[1] ?? null);
      if (cursor !== null && path === '/at-risk') cursor = decodeURIComponent(cursor.replace(/&amp;/g, '&'));
      if (cursor === null) break;
    }
  }
  await http.close();

  const pct = (sorted: number[], q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const round = (x: number) => Math.round(x * 10) / 10;
  const byView: Record<string, { pages: number; p50Ms: number; p95Ms: number; maxMs: number }> = {};
  let worstP95 = 0;
  for (const [name] of views) {
    const t = [...(timings.get(name) ?? [])].sort((a, b) => a - b);
    byView[name] = {
      pages: t.length,
      p50Ms: round(pct(t, 0.5)),
      p95Ms: round(pct(t, 0.95)),
      maxMs: round(t[t.length - 1]!),
    };
    worstP95 = Math.max(worstP95, pct(t, 0.95));
  }
  console.log(
    JSON.stringify({
      bench: 'at-risk',
      database: store.kind,
      companies,
      rowsPerPage: 50,
      seedSeconds: round(seedSeconds),
      limitMs: LIMIT_MS,
      ok: worstP95 <= LIMIT_MS,
      views: byView,
    }),
  );
} finally {
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
}
