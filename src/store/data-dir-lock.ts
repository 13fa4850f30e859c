import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreError } from './errors.ts';

/**
 * PGlite is one process's database: two processes opening the same data dir would both
 * write its files and corrupt it. A lock file holding the owner's pid keeps a second
 * `vigil` process out with a clear message; a lock left by a process that died is taken
 * over.
 */
export interface DataDirLock {
  release(): Promise<void>;
}

export async function lockDataDir(dir: string): Promise<DataDirLock> {
  const path = join(dir, 'vigil.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return { release: () => rm(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new StoreError(
          'DATA_DIR_IN_USE',
          `The embedded database in ${dir} is already open in process ${owner}. ` +
            'Stop that Vigil process, use another VIGIL_DATA_DIR, or set DATABASE_URL so several ' +
            'processes share one Postgres.',
          { operation: 'store.open', dataDir: dir, pid: owner },
        );
      }
      await rm(path, { force: true });
    }
  }
  throw new StoreError('DATA_DIR_IN_USE', `Could not lock the embedded database in ${dir}`, {
    operation: 'store.open',
    dataDir: dir,
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
