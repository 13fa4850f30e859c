import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { type AppEnv, parseEnv } from '../../../config/env.ts';
import type { DashboardContext } from '../../../http/dashboard/context.ts';
import { portalLocaleView } from '../../../http/dashboard/routes/portal-locale-api.ts';
import { translator } from '../../../i18n/index.ts';
import { type Install, openStore, type Store, silentLogger } from '../../../store/index.ts';
import { connectCrm, type Started } from '../start.ts';
import { connectorFactory } from './connectors.ts';
import { linkedView, runLinkedSync } from './crm-choice.ts';
import { type DemoLocale, resolveDemoLocale } from './demo-locale.ts';
import { ensureProvisioned } from './provisioning.ts';
import { ensureSalesforceProvisioned } from './salesforce.ts';

// `vigil start` without credentials seeds the demo portal and org in the chosen currency: after
// the first sync the portal's stored locale is the CRM's (HubSpot account details' companyCurrency
// and timeZone; Salesforce's corporate currency and the org's zone), its amounts are yen-sized,
// and the tier thresholds are still unconfirmed (the portfolio page suggests the JPY defaults).

const logger = pino({ level: 'silent' });
const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function startDemo(crm: 'hubspot' | 'salesforce' | 'both', demo: DemoLocale) {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-demo-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const parsed = parseEnv({ VIGIL_CRM: crm, VIGIL_DATA_DIR: dir });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const env: AppEnv = parsed.env;
  const store = await openStore({ dataDir: dir, logger: silentLogger });
  cleanup.push(() => store.close());
  const started = await connectCrm(store, env, logger, { locale: demo, size: 'tiny' });
  cleanup.push(async () => {
    await started.sandbox?.running.close();
    await started.salesforce?.sandbox?.running.close();
  });
  await firstSyncs(store, env, started);
  return { store, started };
}

/** The first full sync of each install, as `vigil start` runs it (provisioned first). */
async function firstSyncs(store: Store, env: AppEnv, started: Started) {
  const view = linkedView(store);
  const connectorFor = connectorFactory(store, env, logger, null, {
    salesforceApp: started.salesforce?.app ?? null,
    linked: view,
  });
  for (const install of started.installs) {
    const connector = await connectorFor(install.id);
    if (install.crm === 'salesforce') await ensureSalesforceProvisioned(store, connector, install.id, logger);
    else await ensureProvisioned(store, connector, install.id, logger);
    const summary = await runLinkedSync({
      view,
      connector,
      request: { installId: install.id, mode: 'full' },
      logger,
      progressStream: null,
    });
    expect(summary.status, `${install.crm} sync`).toBe('succeeded');
  }
}

async function arrs(store: Store, install: Install): Promise<number[]> {
  const r = await store.pool.query<{ arr: number | null }>(
    'SELECT arr FROM company_scores WHERE install_id = $1 AND arr IS NOT NULL ORDER BY company_id',
    [install.id],
  );
  return r.rows.map((row) => Number(row.arr));
}

function demoOf(flag: string | undefined, env: NodeJS.ProcessEnv): DemoLocale {
  const result = resolveDemoLocale(flag, env);
  if (!result.ok) throw new Error(result.error);
  return result.demo;
}

describe('the demo portal and org of vigil start', () => {
  it('a Japanese reader gets yen amounts, JPY / Asia/Tokyo / Japanese stored for the portal and the org, thresholds unconfirmed', {
    timeout: 120_000,
  }, async () => {
    const usd = await startDemo('hubspot', demoOf(undefined, { LANG: 'en_US.UTF-8' }));
    const [usdPortal] = usd.started.installs;
    expect(await usd.store.portalLocale.get(usdPortal!.id)).toMatchObject({
      currency: 'USD',
      language: 'en',
    });
    const usdArr = await arrs(usd.store, usdPortal!);

    const yen = await startDemo('both', demoOf(undefined, { VIGIL_LANG: 'ja' }));
    expect(yen.started.installs.map((i) => i.crm)).toEqual(['hubspot', 'salesforce']);
    for (const install of yen.started.installs) {
      expect(await yen.store.portalLocale.get(install.id), install.crm).toEqual({
        language: 'ja',
        currency: 'JPY',
        timeZone: 'Asia/Tokyo',
        confirmedAt: null,
      });
    }
    // Not the dollar lines converted: the portfolio and Settings pages suggest the yen defaults
    // (currency-defaults.ts) until an admin confirms them.
    const dashboard = { deps: { store: yen.store } } as unknown as DashboardContext;
    const view = await portalLocaleView(dashboard, yen.started.installs[0]!.id);
    expect(view.suggested).toEqual({ highMinLtv: 30_000_000, techMaxLtv: 3_000_000, grossMargin: 0.8 });
    // The same seed's customers, their ARR a hundred times the dollar portal's (¥30,000 plans, not $300).
    const yenArr = await arrs(yen.store, yen.started.installs[0]!);
    expect(yenArr.length).toBeGreaterThan(0);
    expect(yenArr).toEqual(usdArr.map((a) => a * 100));
    const tr = translator('ja', { currency: 'JPY', timeZone: 'Asia/Tokyo' });
    expect(tr.money(yenArr[0]!)).toMatch(/^￥[\d,]+$/);
  });

  it('--demo-currency JPY for an English reader: a yen Salesforce org, the portal language left English', {
    timeout: 60_000,
  }, async () => {
    const { store, started } = await startDemo('salesforce', demoOf('JPY', { LANG: 'en_US.UTF-8' }));
    const [org] = started.installs;
    expect(org?.crm).toBe('salesforce');
    expect(await store.portalLocale.get(org!.id)).toMatchObject({
      language: 'en',
      currency: 'JPY',
      timeZone: 'Asia/Tokyo',
      confirmedAt: null,
    });
  });
});
