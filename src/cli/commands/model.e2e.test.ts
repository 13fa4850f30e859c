import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../sandbox/hubspot/server.ts';

/**
 * Day one of a new install, as a user runs it: a seeded portal with 24 months of history,
 * the first full sync, then `vigil model fit` — a proposal with its backtest from the
 * CRM's property history alone — `--adopt`, and the fitted risks and reasons written back.
 */
const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../bin/vigil.js', import.meta.url));

let sandbox: RunningSandbox;
let dataDir: string;

// The portal's "today" is fixed, so its 24 months of history (and the backtest) are the same on
// every run; the sandbox clock moves on from there in real time.
const SEEDED_AT = Date.UTC(2026, 10, 1);

beforeAll(async () => {
  const started = Date.now();
  sandbox = await startSandbox({
    port: 0,
    portals: [{ size: 800, seed: 1 }],
    limits: false,
    now: () => SEEDED_AT + (Date.now() - started),
  });
  dataDir = await mkdtemp(join(tmpdir(), 'vigil-model-'));
});
afterAll(async () => {
  await sandbox?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function vigil(args: string[]) {
  const portal = sandbox.portals[0];
  if (!portal) throw new Error('the sandbox has no portal');
  return run(process.execPath, [BIN, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HUBSPOT_ACCESS_TOKEN: portal.privateAppToken,
      HUBSPOT_API_BASE: sandbox.baseUrl,
      VIGIL_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    timeout: 200_000,
  });
}

interface FitLine {
  examples: number;
  churned: number;
  rulesAuc: number;
  fittedAuc: number;
  proposed: boolean;
  adopted: boolean;
  horizonDays: number;
  heldOut: number;
}

describe('vigil model on a seeded portal with 24 months of history', () => {
  it('fits from history right after the first full sync, adopts, and writes fitted risks back', async () => {
    const sync = JSON.parse((await vigil(['sync', '--full', '--json'])).stdout) as { status: string };
    expect(sync.status).toBe('succeeded');
    const state = sandbox.sandbox.portals.get(sandbox.portals[0]!.portalId)!;
    const before = new Map(
      [...state.objects.companies.scan()].map((c) => [c.id, c.properties['vigil_churn_risk']]),
    );

    const fit = JSON.parse((await vigil(['model', 'fit', '--json'])).stdout) as FitLine;
    expect(fit).toMatchObject({ proposed: true, adopted: false, horizonDays: 180 });
    expect(fit.examples).toBeGreaterThan(200);
    expect(fit.churned).toBeGreaterThan(50);
    expect(fit.fittedAuc).toBeGreaterThan(fit.rulesAuc);
    expect(fit.heldOut).toBeGreaterThan(50);
    // Nothing was adopted: the portal still holds the rules' risks.
    expect(
      [...state.objects.companies.scan()].every((c) => c.properties['vigil_churn_risk'] === before.get(c.id)),
    ).toBe(true);

    const adopted = JSON.parse((await vigil(['model', 'fit', '--json', '--adopt'])).stdout) as FitLine;
    expect(adopted).toMatchObject({ proposed: true, adopted: true });
    const after = [...state.objects.companies.scan()];
    const changed = after.filter((c) => c.properties['vigil_churn_risk'] !== before.get(c.id));
    expect(changed.length).toBeGreaterThan(after.length / 2);

    // Reasons went back with the risks: the fitted model's top contributions.
    expect(changed.filter((c) => (c.properties['vigil_churn_reasons'] ?? '') !== '').length).toBeGreaterThan(
      0,
    );
    const show = (await vigil(['model', 'show'])).stdout;
    expect(show).toMatch(/scores churn risk with a model fitted .* on [\d,]+ customers/);
    expect(show).toMatch(/points of risk/);
  }, 400_000);
});
