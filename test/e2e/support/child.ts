import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SyncProgress } from '../../../src/sync/deps.ts';
import type { SyncSummary } from '../../../src/sync/summary.ts';

const SCRIPT = fileURLToPath(new URL('./sync-child.ts', import.meta.url));

export interface ChildResult {
  killed: boolean;
  summary: SyncSummary | null;
  progress: SyncProgress[];
  stderr: string;
}

/**
 * Runs sync-child.ts; `killWhen` sees every progress line and returns true to SIGKILL the
 * process right there (no cleanup, no finally blocks: a crash).
 */
export function runChild(config: object, killWhen?: (p: SyncProgress) => boolean): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, JSON.stringify(config)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result: ChildResult = { killed: false, summary: null, progress: [], stderr: '' };
    let buffered = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      let nl = buffered.indexOf('\n');
      while (nl >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        nl = buffered.indexOf('\n');
        if (!line.startsWith('{')) continue;
        const msg = JSON.parse(line) as { progress?: SyncProgress; summary?: SyncSummary };
        if (msg.summary) result.summary = msg.summary;
        if (msg.progress) {
          result.progress.push(msg.progress);
          if (!result.killed && killWhen?.(msg.progress)) {
            result.killed = true;
            child.kill('SIGKILL');
          }
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      result.stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve(result);
      else reject(new Error(`sync child exited with ${code}: ${result.stderr.slice(-2000)}`));
    });
  });
}
