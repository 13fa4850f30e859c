import type { Logger } from 'pino';
import { type AppEnv, EXIT_BAD_CONFIG, loadEnvOrReport } from '../../../config/env.ts';
import { consoleDestination } from '../../../log/destination.ts';
import { createLogger } from '../../../log/logger.ts';
import { openStore, type Store } from '../../../store/index.ts';

/**
 * What every command starts from: the parsed environment (a bad value ends the command
 * with exit code 2 before anything is opened), the logger, and — for commands that need
 * it — the store. Logs go to stderr, so a command's own output on stdout (`--json`, the
 * progress bar) stays readable.
 */
export interface CommandBase {
  env: AppEnv;
  logger: Logger;
}

export function commandBase(name: string, options: { oneShot?: boolean } = {}): CommandBase | number {
  const env = loadEnvOrReport();
  if (env === null) return EXIT_BAD_CONFIG;
  // A one-shot command's output is its answer; without an explicit LOG_LEVEL only
  // warnings and errors join it.
  const explicit = (process.env['LOG_LEVEL'] ?? '').trim() !== '';
  const logger = createLogger({
    level: options.oneShot === true && !explicit ? 'warn' : env.logLevel,
    name: `vigil ${name}`,
    // Synchronous writes to fd 2, so the last lines before an exit are never lost; readable
    // on a terminal (clear of the progress bar), JSON otherwise.
    destination: consoleDestination({ fd: 2 }),
  });
  return { env, logger };
}

export async function openAppStore(base: CommandBase): Promise<Store> {
  const { env, logger } = base;
  return openStore({
    databaseUrl: env.databaseUrl ?? undefined,
    dataDir: env.dataDir,
    encryptionKey: env.encryptionKey ?? undefined,
    previousEncryptionKey: env.encryptionKeyPrevious ?? undefined,
    logger: logger.child({ component: 'store' }),
  });
}

/** One line for an error a person must act on; the stack only in the debug log. */
export function reportFailure(command: string, error: unknown, logger: Logger): number {
  const message = error instanceof Error ? error.message : String(error);
  logger.debug({ err: error }, `${command} failed`);
  console.error(`vigil ${command}: ${message}`);
  return 1;
}

/** Resolves on the first SIGINT or SIGTERM; a second one exits at once (130). */
export function untilSignal(logger: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      logger.info({ signal }, 'shutting down (again to force)');
      // Shutdown is bounded even when something (the store, a CRM call) never settles.
      setTimeout(() => {
        logger.error({ signal }, 'shutdown took longer than 10 s; exiting');
        process.exit(signal === 'SIGINT' ? 130 : 143);
      }, 10_000).unref();
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/**
 * Opens the store, runs `fn`, closes the store; a failure anywhere is reported as one
 * line (exit code 1).
 */
export async function withStore(
  command: string,
  base: CommandBase,
  fn: (store: Store) => Promise<number>,
): Promise<number> {
  let store: Store;
  try {
    store = await openAppStore(base);
  } catch (error) {
    return reportFailure(command, error, base.logger);
  }
  try {
    return await fn(store);
  } catch (error) {
    return reportFailure(command, error, base.logger);
  } finally {
    await store
      .close()
      .catch((error: unknown) => base.logger.warn({ err: error }, 'closing the store failed'));
  }
}
