#!/usr/bin/env node
// Entry for the `vigil` command. From a checkout, Node (>= 22.18) runs the TypeScript
// sources directly; an installed package runs the compiled `dist/` (Node does not strip
// types inside node_modules).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fromSource = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const insideNodeModules = fromSource.includes(`${'/'}node_modules${'/'}`);
const entry = !insideNodeModules && existsSync(fromSource) ? '../src/cli/main.ts' : '../dist/src/cli/main.js';
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
