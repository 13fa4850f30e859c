/**
 * Bench of the HubSpot sandbox itself, so a Vigil bench never measures the sandbox:
 * 1. list throughput: the sandbox (limits off, `small` portal) runs in a child process,
 *    i.e. on one core; this process walks `GET /crm/v3/objects/companies?limit=100&
 *    properties=...` pages over a few keep-alive connections for a few seconds;
 * 2. seeding `large` (100,000 companies with their deals and tickets) in a fresh child
 *    process: wall time and peak RSS.
 * Targets (issue 3): ≥ 2,000 list requests/s, large seeded in < 60 s and < 2 GB.
 *
 *   node scripts/bench/sandbox.ts [--json] [--duration 6] [--connections 4] [--skip-large]
 */
import { type ChildProcess, fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';

const PROPERTIES = 'name,domain,hs_lastmodifieddate,last_login_date,active_users,licensed_seats,nps_score';

type Ready = { baseUrl: string; token: string };

async function serve(): Promise<void> {
  const { startSandbox } = await import('../../src/sandbox/hubspot/server.ts');
  const running = await startSandbox({ port: 0, limits: false, portals: [{ size: 'small', seed: 1 }] });
  process.send?.({ baseUrl: running.baseUrl, token: running.portals[0]!.privateAppToken } satisfies Ready);
  process.on('disconnect', () => void running.close().then(() => process.exit(0)));
  process.on('SIGTERM', () => process.exit(0));
}

async function seedLarge(): Promise<void> {
  const started = performance.now();
  const { startSandbox } = await import('../../src/sandbox/hubspot/server.ts');
  const running = await startSandbox({ port: 0, portals: [{ size: 'large', seed: 1 }] });
  const seconds = (performance.now() - started) / 1000;
  const portal = running.sandbox.portals.get(running.portals[0]!.portalId)!;
  const counts = {
    companies: portal.objects.companies.size,
    deals: portal.objects.deals.size,
    tickets: portal.objects.tickets.size,
  };
  await running.close();
  // maxRSS is in kilobytes
  process.send?.({ seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, counts });
}

// SANDBOX_BENCH_PROFILE=<dir> writes a CPU profile of each child there (to see where time goes).
function child(mode: string): ChildProcess {
  const dir = process.env['SANDBOX_BENCH_PROFILE'];
  const execArgv = dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
  return fork(new URL(import.meta.url).pathname, [mode], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv,
  });
}

function firstMessage<T>(proc: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    proc.once('message', (m) => resolve(m as T));
    proc.once('exit', (code) => reject(new Error(`bench child exited with ${code} before reporting`)));
  });
}

function get(agent: Agent, url: URL, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function listThroughput(durationMs: number, connections: number) {
  const server = child('--serve');
  const { baseUrl, token } = await firstMessage<Ready>(server);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  let requests = 0;
  let failures = 0;
  const walk = async (deadline: number) => {
    let after: string | undefined;
    while (performance.now() < deadline) {
      const url = new URL(`${baseUrl}/crm/v3/objects/companies?limit=100&properties=${PROPERTIES}`);
      if (after !== undefined) url.searchParams.set('after', after);
      const res = await get(agent, url, token);
      requests += 1;
      if (res.status !== 200) {
        failures += 1;
        after = undefined;
        continue;
      }
      after = (JSON.parse(res.body) as { paging?: { next?: { after?: string } } }).paging?.next?.after;
    }
  };
  await walk(performance.now() + 1000); // warm-up, not counted
  requests = 0;
  failures = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, () => walk(started + durationMs)));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  server.disconnect();
  return {
    listRequestsPerSecond: Math.round(requests / elapsed),
    listRequests: requests,
    listFailures: failures,
  };
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode === '--serve') return serve();
  if (mode === '--seed-large') return seedLarge();
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean' },
      duration: { type: 'string', default: '6' },
      connections: { type: 'string', default: '4' },
      'skip-large': { type: 'boolean' },
    },
  });
  const list = await listThroughput(Number(values.duration) * 1000, Number(values.connections));
  let large: { seconds: number; peakRssMb: number; counts: Record<string, number> } | null = null;
  if (!values['skip-large']) large = await firstMessage(child('--seed-large'));
  const result = {
    ...list,
    largeSeedSeconds: large === null ? null : Number(large.seconds.toFixed(1)),
    largeSeedPeakRssMb: large === null ? null : Math.round(large.peakRssMb),
    largeCounts: large?.counts ?? null,
    targets: { listRequestsPerSecond: 2000, largeSeedSeconds: 60, largeSeedPeakRssMb: 2048 },
  };
  if (!values.json) {
    console.log(`list pages:   ${result.listRequestsPerSecond} requests/s (${result.listFailures} failures)`);
    if (large)
      console.log(`seed large:   ${result.largeSeedSeconds} s, peak RSS ${result.largeSeedPeakRssMb} MB`);
  }
  console.log(JSON.stringify(result));
}

await main();
