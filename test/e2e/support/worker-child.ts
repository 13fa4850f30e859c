/**
 * One queue worker in its own process, for the worker-loss test: opens the store (a
 * Postgres schema shared with the parent and the other worker), runs the queue with the
 * sync's handlers for one sandbox portal, and prints JSON lines — {"ready"}, then
 * {"progress": …} as a sync goes and {"summary": …} when one ends — so the parent can
 * SIGKILL the worker that runs the sync and watch the other one finish it.
 */
import { stopWorker } from '../../../src/cli/commands/runtime/worker.ts';
import { startQueue } from '../../../src/queue/index.ts';
import { openStore, silentLogger } from '../../../src/store/index.ts';
import { syncHandlers } from '../../../src/sync/jobs.ts';
import { syncStoreOf } from '../../../src/sync/store-adapter.ts';
import { connectorFor, installFor, quiet } from './harness.ts';

interface WorkerConfig {
  dataDir: string;
  databaseUrl: string;
  schema: string;
  encryptionKey: string;
  baseUrl: string;
  portalId: number;
  token: string;
  asOf: number;
  heartbeatSeconds: number;
  superviseIntervalSeconds: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;
const store = await openStore({
  dataDir: config.dataDir,
  encryptionKey: config.encryptionKey,
  logger: silentLogger,
  databaseUrl: config.databaseUrl,
  schema: config.schema,
});
const portal = { baseUrl: config.baseUrl, portalId: config.portalId, token: config.token };
const installId = await installFor(store, portal);
const connector = connectorFor(installId, portal);
const print = (msg: object) => process.stdout.write(`${JSON.stringify({ pid: process.pid, ...msg })}\n`);
const handlers = syncHandlers({
  store: syncStoreOf(store),
  connectorFor: async () => connector,
  clock: { now: () => config.asOf },
  logger: quiet,
  stopInstall: async () => undefined,
  onProgress: (_id, progress) => print({ progress }),
  onSummary: (summary) => print({ summary }),
});
const queue = await startQueue(store, handlers, {
  logger: silentLogger,
  schedule: false,
  pollingIntervalSeconds: 1,
  heartbeatSeconds: config.heartbeatSeconds,
  superviseIntervalSeconds: config.superviseIntervalSeconds,
});
// As `vigil worker` stops on SIGTERM (src/cli/commands/runtime/worker.ts).
process.once('SIGTERM', () => {
  void (async () => {
    await stopWorker(queue);
    await store.close();
    process.exit(0);
  })();
});
print({ ready: true });
