import { cpus } from 'node:os';
import { type PerformanceEntry, PerformanceObserver, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { defaultScoringConfig } from '../../src/domain/config/parse.ts';
import type { CompanyInput } from '../../src/domain/records.ts';
import { scoreCompany } from '../../src/domain/score.ts';
import { readScoringInputs } from './score-floor.ts';
import { syntheticCompanies } from './score-synthetic.ts';

/**
 * Scoring throughput: `node scripts/bench/score.ts [--json] [--companies N]`.
 * Scores N (default 1,000,000) synthetic companies on the main thread, generated 10,000
 * at a time so memory stays flat, and times only scoreCompany (signals, health, churn
 * risk) — not the generation. One warm-up chunk runs first and is not counted. With
 * --json it prints one JSON line.
 *
 * `companiesPerSecond` is companies ÷ the CPU time of the scoring thread itself
 * (process.threadCpuUsage): the machine this runs on is shared, and wall time would
 * also count time the scheduler gave to other processes. Nothing is hidden: the JSON
 * also carries `wallSeconds` (and `companiesPerWallSecond`) and `processCpuSeconds`,
 * which adds the garbage collector's background threads (part of that is sweeping up
 * after the generator and the collection between chunks). On an idle machine wall
 * time and thread time agree. Scoring's own garbage is collected inside the timed
 * region (see collectScoringGarbage); `gcPauseSecondsTimed` is the GC pause time in the
 * timed region, `gcPauseSecondsUntimed` the collections of the generator's data outside it.
 *
 * The absolute figure depends on the core it runs on, so every chunk is also read once
 * by readScoringInputs (score-floor.ts), timed the same way: the cheapest pass over
 * the same values, with no scoring. `inputReadMicrosPerCompany` is that pass and
 * `timesInputRead` is scoring ÷ reading, a ratio from one run that says what the
 * scoring itself costs on any machine. `cpu` names the core.
 */
const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    companies: { type: 'string', default: '1000000' },
    chunk: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '42' },
  },
});
const total = Number(values.companies);
const chunkSize = Number(values.chunk);
if (!Number.isInteger(total) || total < 1 || !Number.isInteger(chunkSize) || chunkSize < 1) {
  console.error('usage: node scripts/bench/score.ts [--json] [--companies N] [--chunk N] [--seed N]');
  process.exit(2);
}

// A full collection before each timed chunk clears the generator's garbage, so the
// collector's background threads are not charged for it while scoring runs. A young
// generation collection at the end of each timed chunk, inside the timed region,
// collects what scoring itself allocated (all of it is garbage by then), so the full
// collection outside the timed region is left with the generator's objects only.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (options?: { type: 'major' | 'minor'; execution: 'sync' }) => void;
const collectGarbage = () => gc({ type: 'major', execution: 'sync' });
const collectScoringGarbage = () => gc({ type: 'minor', execution: 'sync' });

const now = Date.UTC(2026, 0, 15);
const config = defaultScoringConfig();
const source = syntheticCompanies(Number(values.seed), now);

// Warm-up: let the JIT settle before timing.
let readSum = 0;
for (const input of source.chunk(Math.min(chunkSize, 10_000))) {
  scoreCompany(input, config, now);
  readSum += readScoringInputs(input);
}

// process.threadCpuUsage() is getrusage(RUSAGE_THREAD), and Linux brings a running
// thread's CPU time up to date only at a scheduler tick or a context switch: read right
// after a burst of work it lags by up to a tick, which undercounts a timed chunk (by
// several percent at 10,000 companies, and by far more for small chunks). A 1 ms sleep
// before each read is a context switch, so both reads are exact; sleeping costs no CPU.
const sleeper = new Int32Array(new SharedArrayBuffer(4));
const settleCpuClock = () => Atomics.wait(sleeper, 0, 0, 1);

// Garbage collection pauses, to report how much of the timed region they took.
const gcEntries: PerformanceEntry[] = [];
const gcObserver = new PerformanceObserver((list) => {
  gcEntries.push(...list.getEntries());
});
gcObserver.observe({ entryTypes: ['gc'] });
const timedWindows: [number, number][] = [];

let seconds = 0;
let readMicros = 0;
let cpuMicros = 0;
let mainThreadMicros = 0;
let deals = 0;
let tickets = 0;
let healthSum = 0;
let withHealth = 0;
let riskSum = 0;
let notes = 0;
for (let done = 0; done < total; ) {
  const inputs = source.chunk(Math.min(chunkSize, total - done));
  for (const input of inputs) {
    deals += input.deals.length;
    tickets += input.tickets.length;
  }
  collectGarbage();
  settleCpuClock();
  const cpu0 = process.cpuUsage();
  const thread0 = process.threadCpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < inputs.length; i++) {
    const s = scoreCompany(inputs[i]!, config, now);
    if (s.health.score !== null) {
      healthSum += s.health.score;
      withHealth++;
    }
    riskSum += s.risk.score;
    notes += s.quality.length;
  }
  collectScoringGarbage();
  const t1 = performance.now();
  timedWindows.push([t0, t1]);
  seconds += (t1 - t0) / 1000;
  settleCpuClock();
  const thread = process.threadCpuUsage(thread0);
  const cpu = process.cpuUsage(cpu0);
  mainThreadMicros += thread.user + thread.system;
  cpuMicros += cpu.user + cpu.system;
  readMicros += timeInputRead(inputs);
  done += inputs.length;
}

/** Thread CPU µs of one readScoringInputs pass over the chunk, measured like scoring. */
function timeInputRead(inputs: readonly CompanyInput[]): number {
  settleCpuClock();
  const thread0 = process.threadCpuUsage();
  for (let i = 0; i < inputs.length; i++) readSum += readScoringInputs(inputs[i]!);
  settleCpuClock();
  const thread = process.threadCpuUsage(thread0);
  return thread.user + thread.system;
}

// Node reports GC entries from a callback it schedules after each collection; let them in.
await new Promise((resolve) => setTimeout(resolve, 20));
gcEntries.push(...gcObserver.takeRecords());
gcObserver.disconnect();
let gcTimedMs = 0;
let gcOtherMs = 0;
for (const e of gcEntries) {
  const inTimed = timedWindows.some(([a, b]) => e.startTime >= a && e.startTime < b);
  if (inTimed) gcTimedMs += e.duration;
  else gcOtherMs += e.duration;
}

const threadSeconds = mainThreadMicros / 1e6;
const result = {
  bench: 'score',
  companies: total,
  companiesPerSecond: Math.round(total / threadSeconds),
  microsPerCompany: round((threadSeconds * 1e6) / total, 3),
  /** Reading the same values with no scoring (score-floor.ts), and scoring ÷ that. */
  inputReadMicrosPerCompany: round(readMicros / total, 3),
  timesInputRead: round(mainThreadMicros / readMicros, 2),
  mainThreadCpuSeconds: round(threadSeconds, 3),
  wallSeconds: round(seconds, 3),
  companiesPerWallSecond: Math.round(total / seconds),
  processCpuSeconds: round(cpuMicros / 1e6, 3),
  /** GC pauses inside the timed region (included in every figure above), and outside it. */
  gcPauseSecondsTimed: round(gcTimedMs / 1000, 3),
  gcPauseSecondsUntimed: round(gcOtherMs / 1000, 3),
  chunk: chunkSize,
  peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
  dealsPerCompany: round(deals / total, 2),
  ticketsPerCompany: round(tickets / total, 2),
  qualityNotesPerCompany: round(notes / total, 3),
  meanHealth: round(healthSum / Math.max(1, withHealth), 2),
  meanRisk: round(riskSum / total, 2),
  node: process.version,
  cpu: cpuName(),
  /** Keeps the reference pass from being optimised away. */
  readChecksum: readSum % 1000,
};

if (values.json) console.log(JSON.stringify(result));
else {
  console.log(
    `scored ${total.toLocaleString('en-US')} companies: ${result.mainThreadCpuSeconds} s of thread CPU, ${result.wallSeconds} s wall`,
  );
  console.log(
    `${result.companiesPerSecond.toLocaleString('en-US')} companies/s on one thread, ${result.microsPerCompany} µs each`,
  );
  console.log(
    `reading the same values without scoring: ${result.inputReadMicrosPerCompany} µs each; scoring takes ${result.timesInputRead}× that (${result.cpu})`,
  );
  console.log(
    `peak RSS ${result.peakRssMb} MB; ${result.dealsPerCompany} deals and ${result.ticketsPerCompany} tickets per company`,
  );
}

/** The core's model, with its clock when the system reports one (virtual machines often say 0). */
function cpuName(): string {
  const core = cpus()[0];
  if (core === undefined) return 'unknown';
  return core.speed > 0 ? `${core.model} @ ${core.speed} MHz` : core.model;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
