import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../sandbox/hubspot/server.ts';
import type { SyncSummary } from '../../sync/summary.ts';

/**
 * `vigil sync --json` as a user runs it: a child process of bin/vigil.js with only the
 * environment pointing it at a sandbox portal (a private-app token and the API base)
 * and a fresh data dir for its embedded store. The summary on stdout is parsed and
 * checked against the portal, and the portal against the summary.
 */
const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../bin/vigil.js', import.meta.url));

let sandbox: RunningSandbox;
let dataDir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, portals: [{ size: 'tiny', seed: 5 }] });
  dataDir = await mkdtemp(join(tmpdir(), 'vigil-cli-'));
});
afterAll(async () => {
  await sandbox?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function vigil(args: string[], env: Record<string, string> = {}) {
  const portal = sandbox.portals[0];
  if (!portal) throw new Error('the sandbox has no portal');
  return run(process.execPath, [BIN, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HUBSPOT_ACCESS_TOKEN: portal.privateAppToken,
      HUBSPOT_API_BASE: sandbox.baseUrl,
      VIGIL_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...env,
    },
    timeout: 100_000,
  });
}

describe('vigil sync --json', () => {
  it('runs a full sync and prints its summary as JSON', async () => {
    const { stdout } = await vigil(['sync', '--full', '--json']);
    const summary = JSON.parse(stdout) as SyncSummary;
    const state = sandbox.sandbox.portals.get(sandbox.portals[0]?.portalId ?? -1);
    if (!state) throw new Error('portal state missing');
    expect(summary).toMatchObject({ mode: 'full', status: 'succeeded' });
    expect(summary.recordsRead).toEqual({
      company: state.objects.companies.size,
      deal: state.objects.deals.size,
      ticket: state.objects.tickets.size,
    });
    expect(summary.companiesScored).toBe(state.objects.companies.size);
    expect(summary.companiesWritten).toBe(state.objects.companies.size);
    expect(summary.propertiesWritten).toBeGreaterThanOrEqual(state.objects.companies.size * 5);
    expect(summary.apiCalls.total).toBeGreaterThan(0);
    expect(Object.values(summary.apiCalls.byStatus).reduce((a, b) => a + b, 0)).toBe(summary.apiCalls.total);
    // The write-back reached the portal.
    const companies = [...state.objects.companies.scan()];
    expect(
      companies.filter((c) => /^\d+(\.\d+)?$/.test(c.properties['vigil_churn_risk'] ?? '')),
    ).toHaveLength(companies.length);
  });

  it('then an incremental sync with nothing changed writes nothing', async () => {
    const { stdout } = await vigil(['sync', '--json']);
    const summary = JSON.parse(stdout) as SyncSummary;
    expect(summary).toMatchObject({ mode: 'incremental', status: 'succeeded', propertiesWritten: 0 });
  });

  it('explains a score in Japanese under VIGIL_LANG=ja, and keeps --json in English', async () => {
    const state = sandbox.sandbox.portals.get(sandbox.portals[0]?.portalId ?? -1);
    const id = [...(state?.objects.companies.scan() ?? [])][0]?.id;
    if (id === undefined) throw new Error('the portal has no company');
    const { stdout } = await vigil(['score', String(id), '--explain'], { VIGIL_LANG: 'ja' });
    expect(stdout.split('\n')[0]).toMatch(new RegExp(`^会社 ${id}`));
    expect(stdout).toContain('チャーンリスク');
    expect(stdout).toMatch(/タッチモデル：/);
    expect(stdout).not.toMatch(/Churn risk|Touch tier|scored as of/);
    const json = await vigil(['score', String(id), '--json'], { VIGIL_LANG: 'ja' });
    expect(Object.keys(JSON.parse(json.stdout) as object)).toEqual(
      expect.arrayContaining(['companyId', 'risk']),
    );
  });

  it('stops with exit code 2 and one line naming a bad setting', async () => {
    const error = await vigil(['sync', '--json'], { PORT: 'eighty' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 2 });
    expect((error as { stderr: string }).stderr.trim()).toMatch(
      /^vigil: bad configuration: PORT: must be a whole number/,
    );
  });

  it('rejects an unknown flag with the usage', async () => {
    const error = await vigil(['sync', '--ful']).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 2 });
    expect((error as { stderr: string }).stderr).toMatch(
      /vigil sync: Unknown option '--ful'[\s\S]*Usage: vigil sync/,
    );
  });
});
