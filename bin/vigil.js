#!/usr/bin/env node
// Entry for the `vigil` command. From a checkout, Node (>= 22.18) runs the TypeScript
// sources directly; an installed package runs the compiled `dist/` (Node does not strip
// types inside node_modules).
//
// Plain JavaScript that any Node with ES modules parses: the version is checked before
// anything TypeScript is imported. On an older Node (the machines' Node 20, say) it hands
// over to the Node 24 that `npm install` put in node_modules (the optional `node-<os>-<cpu>`
// dependency, also first on every npm script's PATH); without one it ends with one line
// naming the Node it needs.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const NEEDED = [22, 18];
const [major, minor] = process.versions.node.split('.').map(Number);
const recentEnough = major > NEEDED[0] || (major === NEEDED[0] && minor >= NEEDED[1]);

if (!recentEnough) {
  const exe = process.platform === 'win32' ? 'node.exe' : 'node';
  const pinned = fileURLToPath(
    new URL(`../node_modules/node-${process.platform}-${process.arch}/bin/${exe}`, import.meta.url),
  );
  if (existsSync(pinned) && process.env.VIGIL_NODE_HANDOVER !== '1') {
    const child = spawn(
      pinned,
      [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
      {
        stdio: 'inherit',
        env: { ...process.env, VIGIL_NODE_HANDOVER: '1' },
      },
    );
    // The child is the program now: signals sent to this process are passed on to it.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
    child.on('error', (error) => {
      console.error(`vigil: could not start ${pinned}: ${error.message}`);
      process.exit(1);
    });
    child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 143)));
  } else {
    console.error(
      `vigil: needs Node.js >= ${NEEDED.join('.')} (this is ${process.version}); run \`npm install\` here (it brings Node 24 on Linux x64/arm64, macOS x64 and Windows x64) or install Node 24 LTS from nodejs.org`,
    );
    process.exit(1);
  }
} else {
  const fromSource = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
  const insideNodeModules = fromSource.includes(`${'/'}node_modules${'/'}`);
  const entry =
    !insideNodeModules && existsSync(fromSource) ? '../src/cli/main.ts' : '../dist/src/cli/main.js';
  const { main } = await import(entry);
  process.exitCode = await main(process.argv.slice(2));
}
