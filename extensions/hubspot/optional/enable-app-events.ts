import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The second step of the HubSpot project: app events. HubSpot's app-events docs
 * (developers.hubspot.com/docs/apps/developer-platform/add-features/app-events/…) say the
 * feature needs HubSpot's approval (technology partners), that the project must have been
 * deployed before an app-event component is added, and that the app must list `timeline`
 * in `requiredScopes`. So the committed project has no app-event component and does not
 * ask for `timeline`; after the first upload and HubSpot's approval, this switches both on:
 *
 *   node extensions/hubspot/optional/enable-app-events.ts && (cd extensions/hubspot && hs project upload)
 *
 * Idempotent: a second run changes nothing.
 */
export function enableAppEvents(projectDir: string): { copied: string[]; scopeAdded: boolean } {
  const optional = join(projectDir, 'optional', 'app-events');
  const target = join(projectDir, 'src', 'app', 'app-events');
  mkdirSync(target, { recursive: true });
  const copied: string[] = [];
  for (const name of readdirSync(optional).filter((n) => n.endsWith('-hsmeta.json'))) {
    if (existsSync(join(target, name))) continue;
    copyFileSync(join(optional, name), join(target, name));
    copied.push(name);
  }
  const appFile = join(projectDir, 'src', 'app', 'app-hsmeta.json');
  const app = JSON.parse(readFileSync(appFile, 'utf8')) as {
    config: { auth: { requiredScopes: string[]; optionalScopes: string[] } };
  };
  const auth = app.config.auth;
  const scopeAdded = !auth.requiredScopes.includes('timeline');
  if (scopeAdded) auth.requiredScopes.push('timeline');
  auth.optionalScopes = auth.optionalScopes.filter((s) => s !== 'timeline');
  writeFileSync(appFile, `${JSON.stringify(app, null, 2)}\n`);
  return { copied, scopeAdded };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = enableAppEvents(dirname(dirname(fileURLToPath(import.meta.url))));
  console.log(
    `app events on: ${result.copied.length} event type(s) copied into src/app/app-events, ` +
      `timeline ${result.scopeAdded ? 'added to' : 'already in'} requiredScopes. Upload the project again.`,
  );
}
