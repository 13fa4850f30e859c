import express, { type Request, type Response, Router } from 'express';
import type { OrgEntry, SfContext } from '../context.ts';
import { isSObjectName } from '../state/fields.ts';
import { SEED_CURRENCIES, type SeedCurrency } from '../state/org-locale.ts';
import { addOrg, reseedOrg } from '../state/orgs.ts';
import { mutateOrg } from '../state/seed-changes.ts';
import { isUserPermission, USER_PERMISSIONS, type UserPermission } from '../state/user-permissions.ts';
import { toJson } from '../state/values.ts';

// The control API under /__sandbox (no auth, no limits), in the HubSpot sandbox's style: orgs and
// their hidden truth, record edits "as a user in the Salesforce UI", the clock, the API allocation,
// expired sessions, validation failures for partial-failure tests, and call stats.

function orgOf(ctx: SfContext, req: Request, res: Response): OrgEntry | null {
  const entry = ctx.orgs.get(String(req.params['orgId']));
  if (!entry) {
    res.status(404).json({ error: 'no such org' });
    return null;
  }
  return entry;
}

function counts(entry: OrgEntry): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of ['Account', 'Opportunity', 'Case', 'Task'] as const)
    out[name] = [...entry.org.scan(name)].length;
  return out;
}

export function controlRouter(ctx: SfContext): Router {
  const router = Router();
  router.use(express.json({ limit: '10mb' }));
  const base = '/__sandbox';

  router.get(`${base}/orgs`, (_req, res) => {
    res.json(
      [...ctx.orgs.values()].map((e) => ({
        orgId: e.org.orgId,
        userId: e.org.userId,
        username: e.org.username,
        size: e.size,
        seed: e.seed,
        counts: counts(e),
      })),
    );
  });
  router.post(`${base}/orgs`, (req, res) => {
    const body = (req.body ?? {}) as {
      size?: unknown;
      seed?: unknown;
      currency?: unknown;
      multiCurrency?: unknown;
    };
    const size = typeof body.size === 'number' || typeof body.size === 'string' ? body.size : 'tiny';
    const seed = typeof body.seed === 'number' ? body.seed : 1;
    if (typeof size === 'string' && !['tiny', 'small', 'mid', 'large'].includes(size))
      return res.status(400).json({ error: `unknown size ${size}` });
    const currency = body.currency ?? 'USD';
    if (!SEED_CURRENCIES.includes(currency as SeedCurrency))
      return res
        .status(400)
        .json({ error: `currency must be one of ${SEED_CURRENCIES.join(', ')}, got ${String(currency)}` });
    if (body.multiCurrency !== undefined && typeof body.multiCurrency !== 'boolean')
      return res.status(400).json({ error: 'multiCurrency must be true or false' });
    const entry = addOrg(ctx, {
      size: size as 'tiny',
      seed,
      currency: currency as SeedCurrency,
      ...(body.multiCurrency === undefined ? {} : { multiCurrency: body.multiCurrency }),
    });
    res.status(201).json({ orgId: entry.org.orgId, userId: entry.org.userId, username: entry.org.username });
  });
  router.get(`${base}/orgs/:orgId/truth`, (req, res) => {
    const entry = orgOf(ctx, req, res);
    if (entry) res.json(entry.truth);
  });
  router.post(`${base}/orgs/:orgId/reset`, (req, res) => {
    const entry = orgOf(ctx, req, res);
    if (entry) res.json({ orgId: reseedOrg(ctx, entry).org.orgId });
  });

  router.post(`${base}/orgs/:orgId/mutate`, (req, res) => {
    const entry = orgOf(ctx, req, res);
    if (!entry) return;
    const body = (req.body ?? {}) as { fraction?: unknown; seed?: unknown };
    const fraction = typeof body.fraction === 'number' ? body.fraction : 0.01;
    if (!(fraction >= 0 && fraction <= 1))
      return res.status(400).json({ error: 'fraction must be within 0..1' });
    res.json(
      mutateOrg(entry, { fraction, seed: typeof body.seed === 'number' ? body.seed : entry.seed + 1 }),
    );
  });
  router.post(`${base}/orgs/:orgId/records/:sobject`, (req, res) => {
    const entry = orgOf(ctx, req, res);
    const sobject = String(req.params['sobject']);
    if (!entry) return;
    if (!isSObjectName(sobject)) return res.status(404).json({ error: 'no such sObject' });
    const r = entry.org.create(sobject, (req.body ?? {}) as Record<string, unknown>);
    res.status(r.ok ? 201 : 400).json(r);
  });
  router.get(`${base}/orgs/:orgId/records/:sobject/:id`, (req, res) => {
    const entry = orgOf(ctx, req, res);
    const sobject = String(req.params['sobject']);
    if (!entry) return;
    if (!isSObjectName(sobject)) return res.status(404).json({ error: 'no such sObject' });
    const record = entry.org.get(sobject, String(req.params['id']));
    if (!record) return res.status(404).json({ error: 'no such record' });
    const out: Record<string, unknown> = {};
    for (const def of entry.org.fields.get(sobject)!.values())
      out[def.name] = toJson(def, record.values[def.name] ?? null);
    res.json(out);
  });
  router.patch(`${base}/orgs/:orgId/records/:sobject/:id`, (req, res) => {
    const entry = orgOf(ctx, req, res);
    const sobject = String(req.params['sobject']);
    if (!entry) return;
    if (!isSObjectName(sobject)) return res.status(404).json({ error: 'no such sObject' });
    // `?lateCommitMs=N`: a long transaction that began N ms ago commits now, its stamps N ms old.
    const late = req.query['lateCommitMs'];
    const lateMs = late === undefined ? 0 : Number(late);
    if (!(Number.isFinite(lateMs) && lateMs >= 0))
      return res.status(400).json({ error: 'lateCommitMs must be a number of milliseconds ≥ 0' });
    const r = entry.org.update(
      sobject,
      String(req.params['id']),
      (req.body ?? {}) as Record<string, unknown>,
      // An edit in the Salesforce UI: by an admin, not the integration user.
      { by: entry.org.uiUserId(), ...(lateMs > 0 ? { startedAt: ctx.clock.now() - lateMs } : {}) },
    );
    res.status(r.ok ? 200 : 400).json(r);
  });
  router.delete(`${base}/orgs/:orgId/records/:sobject/:id`, (req, res) => {
    const entry = orgOf(ctx, req, res);
    const sobject = String(req.params['sobject']);
    if (!entry) return;
    if (!isSObjectName(sobject)) return res.status(404).json({ error: 'no such sObject' });
    const r = entry.org.delete(sobject, String(req.params['id']));
    res.status(r.ok ? 200 : 404).json(r);
  });

  // Merge two records (the UI's Merge Accounts): the second goes to the recycle bin, naming the first.
  router.post(`${base}/orgs/:orgId/merge/:sobject`, (req, res) => {
    const entry = orgOf(ctx, req, res);
    const sobject = String(req.params['sobject']);
    if (!entry) return;
    if (!isSObjectName(sobject)) return res.status(404).json({ error: 'no such sObject' });
    const body = (req.body ?? {}) as { masterId?: unknown; mergedId?: unknown };
    if (typeof body.masterId !== 'string' || typeof body.mergedId !== 'string')
      return res.status(400).json({ error: 'masterId and mergedId (record ids) are required' });
    const r = entry.org.merge(sobject, body.masterId, body.mergedId);
    res.status(r.ok ? 200 : 404).json(r);
  });
  router.post(`${base}/orgs/:orgId/recycle-bin/:sobject/empty`, (req, res) => {
    const entry = orgOf(ctx, req, res);
    const sobject = String(req.params['sobject']);
    if (!entry) return;
    if (!isSObjectName(sobject)) return res.status(404).json({ error: 'no such sObject' });
    res.json({ purged: entry.org.emptyRecycleBin(sobject) });
  });

  // An org migration: the org answers at `instanceUrl` (another URL of this server) from now on, and
  // the sessions issued before stop working (auth/instance.ts).
  router.post(`${base}/orgs/:orgId/move`, (req, res) => {
    const entry = orgOf(ctx, req, res);
    if (!entry) return;
    const target = (req.body as { instanceUrl?: unknown } | undefined)?.instanceUrl;
    let url: URL | null = null;
    try {
      url = typeof target === 'string' ? new URL(target) : null;
    } catch {
      url = null;
    }
    if (url === null || url.port !== new URL(ctx.baseUrl.value).port)
      return res.status(400).json({
        error: `instanceUrl must be another URL of this sandbox, e.g. http://localhost:${new URL(ctx.baseUrl.value).port}`,
      });
    entry.org.instanceUrl = url.origin;
    res.json({
      instanceUrl: url.origin,
      expired: ctx.tokens.expireSessions(entry.org.orgId, ctx.clock.now()),
    });
  });
  router.post(`${base}/orgs/:orgId/sessions/expire`, (req, res) => {
    const entry = orgOf(ctx, req, res);
    if (entry) res.json({ expired: ctx.tokens.expireSessions(entry.org.orgId, ctx.clock.now()) });
  });
  router.get(`${base}/orgs/:orgId/oauth`, (req, res) => {
    const entry = orgOf(ctx, req, res);
    if (!entry) return;
    const active = [...ctx.tokens.refreshTokens]
      .filter(([, g]) => g.orgId === entry.org.orgId)
      .map(([t]) => t);
    res.json({ refreshTokens: active, rotatedAway: ctx.tokens.rotatedAway.size });
  });
  router.put(`${base}/orgs/:orgId/validation-failures`, (req, res) => {
    const entry = orgOf(ctx, req, res);
    if (!entry) return;
    const body = (req.body ?? {}) as { ids?: unknown; message?: unknown };
    entry.org.failingRecords.clear();
    const message = typeof body.message === 'string' ? body.message : 'Rejected by a validation rule';
    for (const id of Array.isArray(body.ids) ? body.ids : [])
      if (typeof id === 'string') entry.org.failingRecords.set(id, message);
    res.json({ failing: entry.org.failingRecords.size });
  });
  // The integration user's system permissions (a profile or permission set changed in Setup).
  router.patch(`${base}/orgs/:orgId/user-permissions`, (req, res) => {
    const entry = orgOf(ctx, req, res);
    if (!entry) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const changes: Partial<Record<UserPermission, boolean>> = {};
    for (const [name, value] of Object.entries(body)) {
      if (!isUserPermission(name) || typeof value !== 'boolean')
        return res
          .status(400)
          .json({ error: `${name}: expected one of ${USER_PERMISSIONS.join(', ')} with true or false` });
      changes[name] = value;
    }
    entry.org.setUserPermissions(changes);
    res.json(entry.org.userPermissions);
  });
  router.get(`${base}/orgs/:orgId/api-usage`, (req, res) => {
    const entry = orgOf(ctx, req, res);
    if (entry) res.json({ used: entry.usage.used(ctx.clock.now()), limit: entry.usage.limit });
  });
  router.put(`${base}/orgs/:orgId/api-usage`, (req, res) => {
    const entry = orgOf(ctx, req, res);
    if (!entry) return;
    const body = (req.body ?? {}) as { used?: unknown; limit?: unknown };
    if (typeof body.limit === 'number') entry.usage.limit = body.limit;
    if (typeof body.used === 'number') entry.usage.setUsed(body.used, ctx.clock.now());
    res.json({ used: entry.usage.used(ctx.clock.now()), limit: entry.usage.limit });
  });

  router.post(`${base}/clock`, (req, res) => {
    const advance = (req.body as { advanceMs?: unknown } | undefined)?.advanceMs;
    if (typeof advance !== 'number' || advance < 0)
      return res.status(400).json({ error: 'advanceMs must be a number ≥ 0' });
    ctx.clock.advance(advance);
    res.json({ now: ctx.clock.now() });
  });
  router.get(`${base}/clock`, (_req, res) => {
    res.json({ now: ctx.clock.now() });
  });
  router.get(`${base}/stats`, (_req, res) => {
    res.json(ctx.stats.snapshot());
  });
  router.post(`${base}/stats/reset`, (_req, res) => {
    ctx.stats.reset();
    res.json({ ok: true });
  });
  return router;
}
