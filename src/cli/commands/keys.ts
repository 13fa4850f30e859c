import { randomBytes } from 'node:crypto';
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KEY_FILE } from '../../store/crypto.ts';
import { openStore } from '../../store/index.ts';
import { commandBase, reportFailure } from './runtime/context.ts';
import { parseCommandArgs, reportUsageError } from './support/args.ts';
import { cliTranslator } from './support/cli-language.ts';

/** The usage text in the reader's language (VIGIL_LANG, else LANG); flags and command names stay as typed. */
const usage = (): string => cliTranslator().t('cli.usage.keys', { keyFile: KEY_FILE });

export async function runKeysCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(
    argv,
    { help: { type: 'boolean', short: 'h' } },
    { min: 1, max: 1, names: 'the subcommand (rotate)' },
  );
  if (!parsed.ok) return reportUsageError('keys', parsed.error, usage());
  if (parsed.values['help'] === true) {
    console.log(usage());
    return 0;
  }
  if (parsed.positionals[0] !== 'rotate') {
    return reportUsageError('keys', 'the only subcommand is "rotate"', usage());
  }
  const base = commandBase('keys', { oneShot: true });
  if (typeof base === 'number') return base;
  const { env, logger } = base;
  let next = env.encryptionKey;
  let previous = env.encryptionKeyPrevious;
  let keyFile: string | null = null;
  if (next === null) {
    // The generated key of the embedded default: the next one waits beside it until every token is re-sealed.
    keyFile = join(env.dataDir, KEY_FILE);
    try {
      previous = (await readFile(keyFile, 'utf8')).trim();
    } catch {
      return reportFailure(
        'keys',
        new Error(`no key to rotate: set VIGIL_ENCRYPTION_KEY, or ${keyFile} must exist`),
        logger,
      );
    }
    next = randomBytes(32).toString('base64');
    await writeFile(`${keyFile}.next`, `${next}\n`, { mode: 0o600 });
  } else if (previous === null) {
    return reportFailure(
      'keys',
      new Error(
        'set the new key as VIGIL_ENCRYPTION_KEY and the current one as VIGIL_ENCRYPTION_KEY_PREVIOUS',
      ),
      logger,
    );
  }
  try {
    const store = await openStore({
      databaseUrl: env.databaseUrl ?? undefined,
      dataDir: env.dataDir,
      encryptionKey: next,
      previousEncryptionKey: previous,
      logger: logger.child({ component: 'store' }),
    });
    try {
      const { resealed, failed } = await store.rotateKeys();
      if (failed.length > 0) {
        throw new Error(
          `${failed.length} install(s) open with neither key and were marked as needing attention (${failed.join(', ')}); the key check was left as it was`,
        );
      }
      if (keyFile !== null) {
        await chmod(`${keyFile}.next`, 0o600);
        await rename(`${keyFile}.next`, keyFile);
      }
      console.log(
        `Re-encrypted the tokens of ${resealed} install(s) under the new key.${keyFile === null ? ' Now drop VIGIL_ENCRYPTION_KEY_PREVIOUS and restart the workers.' : ` The new key is in ${keyFile}.`}`,
      );
      return 0;
    } finally {
      await store.close();
    }
  } catch (error) {
    return reportFailure('keys', error, logger);
  }
}
