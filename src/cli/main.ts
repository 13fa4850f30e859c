/**
 * The `vigil` command. Each subcommand lives in commands/ and is loaded only when
 * used, so `vigil sandbox` doesn't pay for what `vigil start` needs.
 */
const USAGE = `Usage: vigil <command> [options]

Commands:
  start      Everything in one process: the store (embedded unless DATABASE_URL), the
             sandbox CRM with a seeded demo portal (unless HubSpot credentials are set),
             a worker, the HTTP API on PORT (default 3000), the initial sync with a
             progress bar, then incremental syncs every 15 minutes
  sync       One sync run (--full to read everything, --json for the summary as JSON)
  worker     Run queued jobs (syncs, recomputes, write-backs) until stopped
  serve      Serve the HTTP API on PORT
  provision  Create or update Vigil's properties and timeline events in the portal
  score      Explain a company's score: vigil score <companyId> --explain
  model      Fit the portal's churn model and backtest it (fit [--adopt] [--json]), show it
  sandbox    Run the local HubSpot sandbox (--port, --size, --seed, --faults, --rate-scale)
  keys       keys rotate: re-encrypt every token under a new VIGIL_ENCRYPTION_KEY
  help       Show this help

Configuration comes from the environment: DATABASE_URL, PORT, HUBSPOT_ACCESS_TOKEN or
HUBSPOT_CLIENT_ID/HUBSPOT_CLIENT_SECRET, HUBSPOT_API_BASE, VIGIL_DATA_DIR (./data),
VIGIL_ENCRYPTION_KEY (required with DATABASE_URL), VIGIL_ENCRYPTION_KEY_PREVIOUS (during
'vigil keys rotate'), LOG_LEVEL (info).
Run 'vigil <command> --help' for a command's options.`;

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./commands/start.ts')).runStartCommand,
  sync: async () => (await import('./commands/sync.ts')).runSyncCommand,
  worker: async () => (await import('./commands/worker.ts')).runWorkerCommand,
  serve: async () => (await import('./commands/serve.ts')).runServeCommand,
  provision: async () => (await import('./commands/provision.ts')).runProvisionCommand,
  score: async () => (await import('./commands/score.ts')).runScoreCommand,
  model: async () => (await import('./commands/model.ts')).runModelCommand,
  sandbox: async () => (await import('./commands/sandbox.ts')).runSandboxCommand,
  keys: async () => (await import('./commands/keys.ts')).runKeysCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    console.log(USAGE);
    return name === undefined ? 1 : 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (load === undefined) {
    console.error(`vigil: unknown command "${name}". Run 'vigil help' for the list of commands.`);
    return 2;
  }
  const run = await load();
  return run(rest);
}
