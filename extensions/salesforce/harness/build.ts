import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import lwcImport from '@lwc/rollup-plugin';
import { rollup } from 'rollup';
import { readCardLabels } from '../scripts/card-labels.ts';

// Builds the screenshot harness: vigilHealthCard compiled by LWC's own compiler and engine (the
// `@lwc/rollup-plugin`), the `lightning-*` stand-ins of harness/modules (base components exist only
// inside Salesforce), and a page loading the SLDS stylesheet from @salesforce-ux/design-system. One
// classic script (IIFE), so the page works from file:// with no server and no port.

// The plugin is CommonJS with `exports.default`: callable as the default import or as its `.default`.
type LwcPlugin = typeof lwcImport.default;
const lwc = (typeof lwcImport === 'function' ? lwcImport : lwcImport.default) as LwcPlugin;

const here = dirname(fileURLToPath(import.meta.url));
const project = join(here, '..');
const sldsAssets = join(project, 'node_modules/@salesforce-ux/design-system/assets');

/** `@salesforce/schema/Account.Field__c` → { objectApiName, fieldApiName }, as the platform provides. */
function salesforceSchema() {
  const prefix = '@salesforce/schema/';
  return {
    name: 'salesforce-schema',
    resolveId(id: string) {
      return id.startsWith(prefix) ? `\0${id}` : null;
    },
    load(id: string) {
      if (!id.startsWith(`\0${prefix}`)) return null;
      const [objectApiName, fieldApiName] = id.slice(prefix.length + 1).split('.');
      return `export default ${JSON.stringify({ objectApiName, fieldApiName })};`;
    },
  };
}

/**
 * `@salesforce/label/c.<Name>` and `@salesforce/i18n/{locale,currency}`, as the platform resolves
 * them for the signed-in user: the harness page picks the user's language (`?lang=ja`) before the
 * bundle runs (window.VIGIL_LANG), and each label module gives its text in that language from the
 * one label source (scripts/card-labels.json).
 */
function salesforceI18n() {
  const labels = readCardLabels();
  const LABEL = '@salesforce/label/c.';
  const I18N = '@salesforce/i18n/';
  const USERS = { en: { locale: 'en-US', currency: 'USD' }, ja: { locale: 'ja-JP', currency: 'JPY' } };
  return {
    name: 'salesforce-i18n',
    resolveId(id: string) {
      return id.startsWith(LABEL) || id.startsWith(I18N) ? `\0${id}` : null;
    },
    load(id: string) {
      if (id.startsWith(`\0${LABEL}`)) {
        const name = id.slice(LABEL.length + 1);
        const label = labels[name];
        if (label === undefined) throw new Error(`no custom label ${name} in scripts/card-labels.json`);
        return `export default (${JSON.stringify({ en: label.en, ja: label.ja })})[window.VIGIL_LANG || 'en'];`;
      }
      if (id.startsWith(`\0${I18N}`)) {
        const property = id.slice(I18N.length + 1);
        if (property !== 'locale' && property !== 'currency')
          throw new Error(`the harness does not provide ${I18N}${property}`);
        return `export default (${JSON.stringify(USERS)})[window.VIGIL_LANG || 'en'].${property};`;
      }
      return null;
    },
  };
}

function nodeEnv() {
  return {
    name: 'node-env',
    transform(code: string) {
      return code.includes('process.env.NODE_ENV')
        ? { code: code.replaceAll('process.env.NODE_ENV', '"production"'), map: null }
        : null;
    },
  };
}

const PAGE = (bundle: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Vigil health card (harness)</title>
    <link rel="stylesheet" href="${pathToFileURL(join(sldsAssets, 'styles/salesforce-lightning-design-system.min.css')).href}" />
    <style>
      body { background: #b0c4df; margin: 0; padding: 1rem; }
      #sidebar { width: 400px; }
    </style>
  </head>
  <body>
    <div id="sidebar"></div>
    <script>
      window.VIGIL_LANG = new URLSearchParams(window.location.search).get('lang') === 'ja' ? 'ja' : 'en';
      document.documentElement.lang = window.VIGIL_LANG;
    </script>
    <script>window.SLDS_ASSETS = ${JSON.stringify(pathToFileURL(sldsAssets).href)};</script>
    <script src="${bundle}"></script>
  </body>
</html>
`;

/** Builds into `outDir`; returns the page's path. */
export async function buildHarness(outDir: string): Promise<string> {
  const bundle = await rollup({
    input: join(here, 'main.js'),
    plugins: [
      salesforceSchema(),
      salesforceI18n(),
      nodeEnv(),
      lwc({
        rootDir: project,
        // LWC's engine and synthetic shadow ship compiled: only the card and the stand-ins need the compiler.
        exclude: ['**/node_modules/**'],
        modules: [
          {
            name: 'c/vigilHealthCard',
            path: join(project, 'force-app/main/default/lwc/vigilHealthCard/vigilHealthCard.js'),
          },
          { dir: join(here, 'modules') },
        ],
      }),
    ],
    onwarn(warning, warn) {
      if (warning.code !== 'CIRCULAR_DEPENDENCY') warn(warning);
    },
  });
  mkdirSync(outDir, { recursive: true });
  await bundle.write({ file: join(outDir, 'harness.js'), format: 'iife', name: 'vigilHarness' });
  await bundle.close();
  const page = join(outDir, 'index.html');
  writeFileSync(page, PAGE('harness.js'));
  return page;
}
