import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { trustSandboxBase } from '../../connectors/api-bases.ts';
import { createApp } from './app.ts';
import type { SandboxContext } from './context.ts';
import { StatsRecorder } from './limits/stats.ts';
import type { SandboxOptions } from './options.ts';
import { seedPortal } from './routes/control-seeding.ts';
import { Sandbox } from './state/sandbox.ts';
import { dispatcherFor } from './webhooks/dispatcher.ts';

// The public entry of the HubSpot sandbox: `startSandbox(options)` seeds the portals, registers one
// OAuth app, starts the webhook dispatcher and listens. Tests use port 0; the CLI 4010.

export type { PortalOption, SandboxOptions } from './options.ts';

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:4010 */
  baseUrl: string;
  portals: Array<{ portalId: number; privateAppToken: string }>;
  /** The one OAuth app registered in the sandbox. */
  app: { appId: number; clientId: string; clientSecret: string };
  /** State access for tests. */
  sandbox: Sandbox;
  context: SandboxContext;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const now = options.now ?? Date.now;
  const clock = { now: () => now() };
  const sandbox = new Sandbox(clock);
  const app = sandbox.registerApp();
  const ctx: SandboxContext = { sandbox, clock, options, stats: new StatsRecorder(clock.now) };
  const portals = (options.portals ?? [{ size: 'small', seed: 1 }]).map((p) => seedPortal(ctx, p));
  const dispatcher = dispatcherFor(ctx);
  dispatcher.start();
  const server = createApp(ctx).listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  // Keep-alive past a client's idle timeout, so a bench's pooled sockets are not cut mid-request.
  server.keepAliveTimeout = 65_000;
  const address = server.address() as AddressInfo;
  const baseUrl = `http://${address.address}:${address.port}`;
  // Vigil in this process may send this sandbox the tokens it issues (connectors/api-bases.ts).
  const untrust = trustSandboxBase('hubspot', baseUrl);
  return {
    baseUrl,
    portals,
    app: { appId: app.appId, clientId: app.clientId, clientSecret: app.clientSecret },
    sandbox,
    context: ctx,
    async close() {
      untrust();
      await dispatcher.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
