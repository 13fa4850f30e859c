import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from './data-dir-lock.ts';

describe('lockDataDir', () => {
  it('keeps a second opener out while the first holds the lock, and lets it in after release', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigil-lock-'));
    const first = await lockDataDir(dir);
    expect(await readFile(join(dir, 'vigil.lock'), 'utf8')).toBe(`${process.pid}\n`);
    // Our own pid is "alive" but is this process: pretend another live process holds it.
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      await writeFile(join(dir, 'vigil.lock'), `${sleeper.pid}\n`);
      await expect(lockDataDir(dir)).rejects.toMatchObject({
        code: 'DATA_DIR_IN_USE',
        message: expect.stringContaining(`already open in process ${sleeper.pid}`),
      });
    } finally {
      sleeper.kill();
    }
    await first.release();
    const second = await lockDataDir(dir);
    await second.release();
  });

  it('takes over a lock left by a process that died', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigil-lock-'));
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => dead.on('exit', resolve));
    await writeFile(join(dir, 'vigil.lock'), `${dead.pid}\n`);
    const lock = await lockDataDir(dir);
    expect(await readFile(join(dir, 'vigil.lock'), 'utf8')).toBe(`${process.pid}\n`);
    await lock.release();
  });
});
