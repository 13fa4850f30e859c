/**
 * One sync in its own process, for the crash test: opens the store (embedded PGlite in
 * a data dir, or DATABASE_URL with a schema), runs one sync of the sandbox portal, and
 * prints JSON lines — {"progress": …} as it goes, {"summary": …} at the end — so the
 * parent can kill it with SIGKILL at a chosen point and start another one.
 */
import { openStore, silentLogger } from '../../../src/store/index.ts';
import { runSync } from '../../../src/sync/engine.ts';
import { connectorFor, depsFor, installFor } from './harness.ts';

interface ChildConfig {
  dataDir: string;
  databaseUrl?: string;
  schema?: string;
  encryptionKey: string;
  baseUrl: string;
  portalId: number;
  token: string;
  mode: 'full' | 'incremental';
  asOf: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
const store = await openStore({
  dataDir: config.dataDir,
  encryptionKey: config.encryptionKey,
  logger: silentLogger,
  ...(config.databaseUrl === undefined ? {} : { databaseUrl: config.databaseUrl, schema: config.schema }),
});
const portal = { baseUrl: config.baseUrl, portalId: config.portalId, token: config.token };
const installId = await installFor(store, portal);
const connector = connectorFor(installId, portal);
// Idempotent (the install step does it on HubSpot); here so every child can start cold.
await connector.provision();
const deps = {
  ...depsFor(store, connector, config.asOf),
  batchSize: 100,
  onProgress: (p: unknown) => process.stdout.write(`${JSON.stringify({ progress: p })}\n`),
};
const summary = await runSync(deps, { installId, mode: config.mode });
process.stdout.write(`${JSON.stringify({ summary })}\n`);
await store.close();
