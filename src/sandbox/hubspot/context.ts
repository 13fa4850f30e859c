import type { StatsRecorder } from './limits/stats.ts';
import type { SandboxOptions } from './options.ts';
import type { Sandbox } from './state/sandbox.ts';

// What every router and middleware of the sandbox is built with (contract, "HTTP app assembly").

export interface SandboxContext {
  sandbox: Sandbox;
  clock: { now(): number };
  options: SandboxOptions;
  stats: StatsRecorder;
}
