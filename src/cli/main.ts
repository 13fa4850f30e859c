/**
 * The `vigil` command. Each subcommand lives in commands/ and is loaded only when
 * used, so `vigil sandbox` doesn't pay for what `vigil start` needs.
 */

import { cliTranslator } from './commands/support/cli-language.ts';

/** The usage text in the reader's language (VIGIL_LANG, else LANG); flags and command names stay as typed. */
const usage = (): string => cliTranslator().t('cli.usage.main');

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
    console.log(usage());
    return name === undefined ? 1 : 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (load === undefined) {
    console.error(cliTranslator().t('cli.unknown_command', { name }));
    return 2;
  }
  const run = await load();
  return run(rest);
}
