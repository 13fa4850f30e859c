import { request as httpRequest } from 'node:http';
import { type Express, type RequestHandler, Router } from 'express';
import { vigilHttpApp } from '../../../src/cli/commands/runtime/http.ts';
import type { CrmRecord } from '../../../src/connectors/types.ts';
import { defaultScoringConfig } from '../../../src/domain/config/parse.ts';
import { scorePortfolio } from '../../../src/domain/portfolio.ts';
import type { FrontDoor } from '../../../src/http/auth/front-door.ts';
import { testFrontDoor } from '../../../src/http/auth/testing.ts';
import type { HubSpotApp } from '../../../src/http/hubspot/hubspot-app.ts';
import { listen, type RunningHttp } from '../../../src/http/server.ts';
import { silentLogger } from '../../../src/log/logger.ts';
import type { Queue } from '../../../src/queue/index.ts';
import { generatePortal } from '../../../src/sandbox/seed/generate.ts';
import { seedToInputs } from '../../../src/sandbox/seed/to-inputs.ts';
import type { SeededPortal, SeedRecord } from '../../../src/sandbox/seed/types.ts';
import type { Install, Store } from '../../../src/store/index.ts';
import { createTestInstall } from '../../support/databases.ts';

/**
 * Vigil's own HTTP app as `vigil start` builds it (vigilHttpApp) over a real store with two
 * scored portals, A and B, behind a local-mode front door with a known token — for tests
 * that attack it from outside over HTTP.
 */
export interface RunningVigil {
  http: RunningHttp;
  app: Express;
  door: FrontDoor;
  a: { install: Install; companyId: string };
  b: { install: Install; companyId: string };
  /** Rescores the dashboard asked for (a settings save), by install id. */
  rescores: string[];
  /** The cause each of those rescores was asked with ('config', or 'model' for a churn model change). */
  rescoreCauses: string[];
  /** Disconnects the dashboard asked for (the Sync page's Disconnect), by install id. */
  disconnects: string[];
}

function records(portal: SeededPortal): CrmRecord[] {
  const dealCompany = new Map(portal.dealCompany);
  const toRecord = (type: CrmRecord['type'], r: SeedRecord, company: string | undefined): CrmRecord => ({
    type,
    id: r.id,
    properties: r.properties,
    companyIds: company === undefined ? [] : [company],
    modifiedAt: r.updatedAt,
    createdAt: r.createdAt,
  });
  return [
    ...portal.companies.map((r) => toRecord('company', r, undefined)),
    ...portal.deals.map((r) => toRecord('deal', r, dealCompany.get(r.id))),
  ];
}

async function seededPortal(store: Store, seed: number): Promise<{ install: Install; companyId: string }> {
  const now = Date.now();
  const portal = generatePortal({ size: 'tiny', seed, now });
  const scored = scorePortfolio(seedToInputs(portal), defaultScoringConfig(), now);
  const install = await createTestInstall(store);
  await store.mirror.upsert(install.id, records(portal));
  const runId = await store.runs.start(install.id, 'full');
  await store.scores.save(
    install.id,
    scored.companies.map((c) => ({ score: c, tier: c.tier })),
    { configVersion: 1, cause: 'data', runId },
  );
  await store.runs.finish(runId, { status: 'succeeded', stats: {} });
  const first = scored.companies[0];
  if (first === undefined) throw new Error('seed has no companies');
  return { install, companyId: first.companyId };
}

export async function startVigil(store: Store): Promise<RunningVigil> {
  const a = await seededPortal(store, 21);
  const b = await seededPortal(store, 22);
  const rescores: string[] = [];
  const rescoreCauses: string[] = [];
  // The queue as the dashboard uses it: a settings save asks for a rescore of one install.
  const queue = {
    requestRecompute: async (installId: string, cause: string) => {
      rescores.push(installId);
      rescoreCauses.push(cause);
    },
  } as unknown as Queue;
  const door = testFrontDoor(store.sessions);
  // The HubSpot app as the dashboard uses it: Disconnect (its public routers are tested elsewhere).
  const disconnects: string[] = [];
  const hubspot = {
    oauthRouter: Router(),
    cardApiRouter: Router(),
    webhookRouter: Router(),
    disconnect: async (installId: string) => {
      disconnects.push(installId);
    },
  } as unknown as HubSpotApp;
  const app = vigilHttpApp(store, queue, silentLogger(), door, hubspot);
  const http = await listen(app, 0);
  return { http, app, door, a, b, rescores, rescoreCauses, disconnects };
}

export interface RouteInfo {
  method: string;
  path: string;
  /** Mounted after the front door's session check. */
  behindDoor: boolean;
}

interface LayerLike {
  route?: { path: string; methods: Record<string, boolean> };
  handle: RequestHandler & { stack?: LayerLike[] };
  rawPath?: unknown;
}

/**
 * Every route of the app, read from Express's router stack (so a route added tomorrow is in
 * the list without anyone remembering it), with whether it sits after `requireSession`.
 */
export function routesOf(app: Express, door: FrontDoor): RouteInfo[] {
  const out: RouteInfo[] = [];
  let behind = false;
  const walk = (stack: LayerLike[], prefix: string) => {
    for (const layer of stack) {
      if (layer.handle === door.requireSession) behind = true;
      if (layer.route !== undefined) {
        for (const method of Object.keys(layer.route.methods)) {
          if (method === '_all') continue;
          out.push({
            method: method.toUpperCase(),
            path: `${prefix}${layer.route.path}`,
            behindDoor: behind,
          });
        }
      } else if (Array.isArray(layer.handle.stack)) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, `${prefix}${mount}`);
      }
    }
  };
  const router = (app as unknown as { router: { stack: LayerLike[] } }).router;
  walk(router.stack, '');
  return out;
}

/** A route's path with its parameters filled in. */
export function concrete(path: string, params: Record<string, string>): string {
  return path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? 'x'));
}

/** A raw HTTP request (fetch will not send a Host header of our choosing). */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
