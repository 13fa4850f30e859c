// The root `npm install` runs this (postinstall) so a fresh clone gets the Salesforce DX project's own
// dependencies (sfdx-lwc-jest, sa11y, source-deploy-retrieve, the screenshot harness' bundler) with
// the same one command; the project keeps its own package.json and lock so Jest 29 and the LWC
// toolchain stay out of the root tree. Skipped where they are not wanted: when Vigil is installed as
// a dependency (inside node_modules), for production installs (--omit=dev, NODE_ENV=production), or
// with VIGIL_SKIP_SALESFORCE_INSTALL=1.
import { spawnSync } from 'node:child_process';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const project = join(dirname(fileURLToPath(import.meta.url)), '..');
const omit = `${process.env['npm_config_omit'] ?? ''} ${process.env['npm_config_only'] ?? ''}`;
const reason = project.split(sep).includes('node_modules')
  ? 'installed as a dependency'
  : /\bdev\b|\bprod/.test(omit) || process.env['NODE_ENV'] === 'production'
    ? 'production install'
    : process.env['VIGIL_SKIP_SALESFORCE_INSTALL'] === '1'
      ? 'VIGIL_SKIP_SALESFORCE_INSTALL=1'
      : null;

if (reason !== null) {
  console.log(`extensions/salesforce: dependencies not installed (${reason})`);
} else {
  const npm = process.env['npm_execpath'];
  const [command, args] = npm
    ? [process.execPath, [npm, 'install', '--no-audit', '--no-fund']]
    : ['npm', ['install', '--no-audit', '--no-fund']];
  const run = spawnSync(command, args, { cwd: project, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(
      `extensions/salesforce: npm install failed (exit ${run.status ?? run.signal}); run it there by hand: cd extensions/salesforce && npm install`,
    );
    process.exit(run.status ?? 1);
  }
}
