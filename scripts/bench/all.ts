/**
 * `npm run bench`: every benchmark, one after another (never in parallel — they would
 * measure each other), each printing its own JSON line, then a summary line per bench.
 * One run gives every ratio on the same machine state; shared machines are noisy, so
 * compare ratios from one run rather than absolute times across runs.
 *
 *   npm run bench                 # all
 *   npm run bench -- score sync   # some
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Node flags per bench: the sync runs with the heap cap recommended for workers (README). */
const NODE_FLAGS: Record<string, string[]> = { sync: ['--max-old-space-size=384'] };

const BENCHES: Record<string, string[]> = {
  score: ['score.ts', '--json'],
  seed: ['seed.ts', 'large'],
  sandbox: ['sandbox.ts', '--json'],
  sync: ['sync.ts', '--json', '--peer-sample', '100'],
  'at-risk': ['at-risk.ts', '--json'],
  webhook: ['webhook.ts', '--json'],
  salesforce: ['salesforce.ts', '--json'],
  model: ['model.ts', '--json'],
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !(w in BENCHES));
if (unknown.length > 0) {
  console.error(`bench: unknown ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
const names = wanted.length > 0 ? wanted : Object.keys(BENCHES);
const results: Array<{ name: string; code: number; json: unknown }> = [];

for (const name of names) {
  const [script, ...args] = BENCHES[name]!;
  const file = fileURLToPath(new URL(script!, import.meta.url));
  console.error(`\n== bench ${name}`);
  const { code, lastJson } = await run(process.execPath, [...(NODE_FLAGS[name] ?? []), file, ...args]);
  results.push({ name, code, json: lastJson });
}

console.log('\n== summary');
for (const r of results) console.log(JSON.stringify({ bench: r.name, exitCode: r.code, result: r.json }));
process.exitCode = results.some((r) => r.code !== 0) ? 1 : 0;

/** Runs one bench, passing its output through and keeping its last JSON line. */
function run(cmd: string, args: string[]): Promise<{ code: number; lastJson: unknown }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let buffer = '';
    let lastJson: unknown = null;
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const t = line.trim();
        if (t.startsWith('{')) {
          try {
            lastJson = JSON.parse(t);
          } catch {
            // Not a result line.
          }
        }
      }
    });
    child.on('close', (code) => resolve({ code: code ?? 1, lastJson }));
  });
}
