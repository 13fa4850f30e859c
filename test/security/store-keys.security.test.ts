import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorFactory } from '../../src/cli/commands/runtime/connectors.ts';
import { linkedView } from '../../src/cli/commands/runtime/crm-choice.ts';
import { connectPrivateApp } from '../../src/cli/commands/runtime/installs.ts';
import { parseEnv } from '../../src/config/env.ts';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/hubspot/server.ts';
import { openStore, type Store, silentLogger } from '../../src/store/index.ts';
import { runSync } from '../../src/sync/engine.ts';

/**
 * Keys handled like a production system: a wrong key stops start-up in one line, and
 * `vigil keys rotate` re-seals every install's tokens while every install keeps syncing against
 * the HubSpot sandbox — before (the old key still reads), during and after the rotation.
 */
const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/vigil.js', import.meta.url));
const logger = pino({ level: 'silent' });
const OLD = randomBytes(32).toString('base64');
const NEW = randomBytes(32).toString('base64');

let sandbox: RunningSandbox;
let dataDir: string;
let installIds: string[];

const open = (encryptionKey: string, previousEncryptionKey?: string) =>
  openStore({ dataDir, encryptionKey, previousEncryptionKey, logger: silentLogger });

/** One incremental-or-full sync of every install; the statuses in install order. */
async function syncAll(store: Store): Promise<string[]> {
  const parsed = parseEnv({ VIGIL_DATA_DIR: dataDir });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const connectorFor = connectorFactory(store, parsed.env, logger);
  const statuses: string[] = [];
  for (const installId of installIds) {
    const summary = await runSync(
      {
        store: linkedView(store).store,
        connector: await connectorFor(installId),
        clock: { now: () => Date.now() },
        logger,
      },
      { installId, mode: 'full' },
    );
    statuses.push(summary.status);
  }
  return statuses;
}

function vigil(args: string[], keys: Record<string, string>) {
  return run(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', VIGIL_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...keys },
    timeout: 100_000,
  });
}

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    portals: [
      { size: 'tiny', seed: 11 },
      { size: 'tiny', seed: 12 },
    ],
  });
  dataDir = await mkdtemp(join(tmpdir(), 'vigil-sec-keys-'));
  const store = await open(OLD);
  try {
    installIds = [];
    for (const portal of sandbox.portals) {
      installIds.push((await connectPrivateApp(store, sandbox.baseUrl, portal.privateAppToken, logger)).id);
    }
    expect(await syncAll(store)).toEqual(['succeeded', 'succeeded']);
  } finally {
    await store.close();
  }
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('encryption keys', () => {
  it('stops start-up with one clear line when the key is not the one the tokens were sealed with', async () => {
    await expect(open(NEW)).rejects.toThrow(
      /^VIGIL_ENCRYPTION_KEY is not the key this database's tokens are sealed with/,
    );
    const failed = await vigil(['sync', '--json'], { VIGIL_ENCRYPTION_KEY: NEW }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr.trim()).toMatch(
      /^vigil sync: VIGIL_ENCRYPTION_KEY is not the key .*VIGIL_ENCRYPTION_KEY_PREVIOUS and run `vigil keys rotate`$/,
    );
  });

  it('rotates every token to a new key while every install keeps syncing', async () => {
    // 1. Workers restarted with the new key and the old one as previous: old tokens still open.
    const during = await open(NEW, OLD);
    try {
      expect(await syncAll(during)).toEqual(['succeeded', 'succeeded']);
    } finally {
      await during.close();
    }
    // 2. The rotation itself, through the command.
    const { stdout } = await vigil(['keys', 'rotate'], {
      VIGIL_ENCRYPTION_KEY: NEW,
      VIGIL_ENCRYPTION_KEY_PREVIOUS: OLD,
    });
    expect(stdout).toMatch(/Re-encrypted the tokens of 2 install\(s\) under the new key/);
    // 3. The previous key dropped: everything opens with the new key alone, and syncs.
    const after = await open(NEW);
    try {
      expect(await syncAll(after)).toEqual(['succeeded', 'succeeded']);
      expect((await after.installs.list()).map((i) => i.attention)).toEqual([null, null]);
    } finally {
      await after.close();
    }
    // The old key alone is now the wrong key.
    await expect(open(OLD)).rejects.toThrow(/is not the key this database's tokens are sealed with/);
  });
});
