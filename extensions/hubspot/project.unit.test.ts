import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VIGIL_APP_EVENT_TYPE } from '../../src/connectors/hubspot/vigil-properties.ts';
import { defaultScoringConfig } from '../../src/domain/config/parse.ts';
import { ALL_SCOPES } from '../../src/sandbox/hubspot/auth/scopes.ts';
import { subscribedProperties, vigilSubscriptions } from '../../webhooks/hubspot/subscriptions.ts';
import { enableAppEvents } from './optional/enable-app-events.ts';
import { CARD_API_ROUTES, companyUrl, VIGIL_BASE_URL } from './src/app/cards/definition/endpoints.ts';
import { DASHBOARD_SETTINGS_URL } from './src/app/settings/Settings.tsx';

/**
 * The project's files checked the way `hs project validate` checks them (HubSpot's CLI
 * needs HubSpot's servers, out of reach here), following the component rules of
 * HubSpot/hubspot-project-components for platform 2026.03.
 */
const ROOT = dirname(fileURLToPath(import.meta.url));
const project = JSON.parse(readFileSync(join(ROOT, 'hsproject.json'), 'utf8')) as Record<string, string>;
const SRC = join(ROOT, project['srcDir'] ?? 'src');

interface Component {
  file: string;
  uid: string;
  type: string;
  config: Record<string, unknown>;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

function componentsIn(src: string): Component[] {
  return walk(src)
    .filter((f) => f.endsWith('-hsmeta.json'))
    .map((file) => ({
      file: relative(src, file),
      ...(JSON.parse(readFileSync(file, 'utf8')) as Omit<Component, 'file'>),
    }));
}
const components = componentsIn(SRC);
const ofType = (type: string) => components.filter((c) => c.type === type);
const app = ofType('app')[0]!;
const auth = app.config['auth'] as {
  type: string;
  redirectUrls: string[];
  requiredScopes: string[];
  optionalScopes: string[];
};
const permitted = app.config['permittedUrls'] as { fetch: string[] };

// Where each component type must live (HubSpot's component rules).
const FOLDER: Record<string, string> = {
  app: 'app',
  card: 'app/cards',
  settings: 'app/settings',
  webhooks: 'app/webhooks',
  'app-event': 'app/app-events',
};

describe('the HubSpot project', () => {
  it('is on platform 2026.03 with its sources in srcDir', () => {
    expect(project).toMatchObject({ name: 'vigil', srcDir: 'src', platformVersion: '2026.03' });
    expect(existsSync(SRC)).toBe(true);
  });

  it('has unique uids, known types, one app / settings / webhooks component, each in its folder', () => {
    const uids = components.map((c) => c.uid);
    expect(new Set(uids).size).toBe(uids.length);
    for (const c of components) {
      expect(c.uid).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      expect(Object.keys(FOLDER)).toContain(c.type);
      expect(dirname(c.file)).toBe(FOLDER[c.type]);
    }
    for (const single of ['app', 'settings', 'webhooks']) expect(ofType(single)).toHaveLength(1);
    expect(ofType('card')).toHaveLength(1);
    // App events need HubSpot's approval and a project deployed once before the component is
    // added (app-events docs, "Prerequisites"): the first upload must not carry one.
    expect(ofType('app-event')).toHaveLength(0);
  });

  it('points every entrypoint at a file that exists', () => {
    for (const c of [...ofType('card'), ...ofType('settings')]) {
      const entry = String(c.config['entrypoint']);
      expect(entry.startsWith('/app/')).toBe(true);
      expect(existsSync(join(SRC, entry))).toBe(true);
    }
  });

  it('is a marketplace OAuth app asking only for scopes HubSpot knows, none twice', () => {
    expect(app.config['distribution']).toBe('marketplace');
    expect(auth.type).toBe('oauth');
    const all = [...auth.requiredScopes, ...auth.optionalScopes];
    expect(new Set(all).size).toBe(all.length);
    for (const scope of all) expect(ALL_SCOPES).toContain(scope);
    expect(auth.requiredScopes).toContain('oauth');
    // The install callback, and the hosted sign-in callback ("Sign in with HubSpot", src/http/auth/logins).
    for (const url of auth.redirectUrls)
      expect(url).toMatch(/^https:\/\/[^/]+\/(oauth|login)\/hubspot\/callback$/);
  });

  it("permits exactly the card's fetch targets, as HTTPS origins that are not localhost", () => {
    expect(permitted.fetch).toEqual([VIGIL_BASE_URL]);
    for (const url of permitted.fetch) {
      const u = new URL(url);
      expect(u.protocol).toBe('https:');
      expect(u.hostname).not.toMatch(/^(localhost|127\.)/);
    }
    const target = new URL(companyUrl('123'));
    expect(permitted.fetch.some((p) => target.toString().startsWith(p))).toBe(true);
    expect(CARD_API_ROUTES.rescore.startsWith(CARD_API_ROUTES.company)).toBe(true);
    // The redirect and the settings link go to the same deployment.
    expect(new URL(auth.redirectUrls[0]!).origin).toBe(VIGIL_BASE_URL);
    expect(new URL(DASHBOARD_SETTINGS_URL).origin).toBe(VIGIL_BASE_URL);
  });

  it('puts the card on company records', () => {
    expect(ofType('card')[0]?.config).toMatchObject({ objectTypes: ['COMPANY'] });
    expect(['crm.record.tab', 'crm.record.sidebar']).toContain(ofType('card')[0]?.config['location']);
  });

  it("subscribes to the lifecycle events and exactly the mapping's scoring properties", () => {
    const webhooks = ofType('webhooks')[0]!;
    const subs = (webhooks.config['subscriptions'] as { crmObjects: unknown[] }).crmObjects;
    const mapping = defaultScoringConfig().mapping;
    expect(subs).toEqual(vigilSubscriptions(mapping));
    const settings = webhooks.config['settings'] as { targetUrl: string; maxConcurrentRequests: number };
    expect(settings.targetUrl).toBe(`${VIGIL_BASE_URL}/webhooks/hubspot`);
    for (const s of subs as Array<{ objectType: 'company' | 'deal' | 'ticket'; propertyName?: string }>) {
      if (s.propertyName !== undefined)
        expect(subscribedProperties(s.objectType, mapping)).toContain(s.propertyName);
    }
    const kinds = new Set((subs as Array<{ subscriptionType: string }>).map((s) => s.subscriptionType));
    for (const k of ['creation', 'deletion', 'merge', 'restore', 'associationChange', 'propertyChange']) {
      expect(kinds).toContain(`object.${k}`);
    }
    expect((subs as Array<{ propertyName?: string }>).some((s) => s.propertyName?.startsWith('vigil_'))).toBe(
      false,
    );
  });

  it('asks for `timeline` only once app events are switched on, and then as a required scope', () => {
    expect([...auth.requiredScopes, ...auth.optionalScopes]).not.toContain('timeline');
    const copy = mkdtempSync(join(tmpdir(), 'vigil-project-'));
    try {
      cpSync(ROOT, copy, { recursive: true, filter: (p) => !p.includes('node_modules') });
      expect(enableAppEvents(copy)).toEqual({ copied: ['health-change-hsmeta.json'], scopeAdded: true });
      expect(enableAppEvents(copy)).toEqual({ copied: [], scopeAdded: false });
      const enabled = componentsIn(join(copy, 'src'));
      const events = enabled.filter((c) => c.type === 'app-event');
      expect(events.map((c) => dirname(c.file))).toEqual([FOLDER['app-event']]);
      const enabledAuth = enabled.find((c) => c.type === 'app')!.config['auth'] as typeof auth;
      expect(enabledAuth.requiredScopes).toContain('timeline');
      expect(enabledAuth.optionalScopes).not.toContain('timeline');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it("defines the optional health-change app event with the connector's properties", () => {
    const event = componentsIn(join(ROOT, 'optional')).find((c) => c.type === 'app-event')!;
    expect(event.uid).toBe(VIGIL_APP_EVENT_TYPE.name);
    expect(event.config).toMatchObject({ name: VIGIL_APP_EVENT_TYPE.label, objectType: 'COMPANY' });
    const props = event.config['properties'] as Array<{
      name: string;
      type: string;
      options?: Array<{ value: string }>;
    }>;
    expect(props.map((p) => [p.name, p.type])).toEqual(
      VIGIL_APP_EVENT_TYPE.properties.map((p) => [p.name, p.type]),
    );
    for (const p of VIGIL_APP_EVENT_TYPE.properties) {
      if ('options' in p)
        expect(props.find((x) => x.name === p.name)?.options?.map((o) => o.value)).toEqual(p.options);
    }
  });
});
