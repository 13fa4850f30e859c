import { describe, expect, it } from 'vitest';
import { hostedLogins } from '../../../cli/commands/runtime/http.ts';
import { type AppEnv, parseEnv } from '../../../config/env.ts';
import type { Install, Store } from '../../../store/index.ts';
import { readFrontDoorEnv } from '../config.ts';
import { accessForUser } from './who.ts';

const install = (id: string, crm: 'hubspot' | 'salesforce', accountId: string) =>
  ({ id, crm, accountId, status: 'active' }) as Install;
const installs = {
  list: async () => [
    install('i-a', 'hubspot', '101'),
    install('i-b', 'hubspot', '202'),
    install('i-x', 'salesforce', '00D000000000001AAA'),
  ],
};

describe('accessForUser', () => {
  it("gives a CRM user the installs of their portal or org only, matched on the CRM's id", async () => {
    const deps = { operatorEmails: [], installs };
    expect(await accessForUser({ crm: 'hubspot', accountId: '101', email: 'a@x.example' }, deps)).toEqual({
      principal: 'hubspot:a@x.example',
      installs: ['i-a'],
    });
    // A Salesforce org id that happens to equal a HubSpot hub id sees nothing of HubSpot's.
    expect(await accessForUser({ crm: 'salesforce', accountId: '101', email: null }, deps)).toBeNull();
    expect(await accessForUser({ crm: 'hubspot', accountId: '999', email: 'a@x.example' }, deps)).toBeNull();
  });

  it('makes a listed e-mail the operator (case-insensitive), and never a missing one', async () => {
    const deps = { operatorEmails: ['boss@x.example'], installs };
    const boss = await accessForUser({ crm: 'hubspot', accountId: '999', email: ' Boss@X.example ' }, deps);
    expect(boss?.installs).toBeNull();
    const nobody = await accessForUser(
      { crm: 'salesforce', accountId: '00D000000000001AAA', email: null },
      deps,
    );
    expect(nobody?.installs).toEqual(['i-x']);
  });
});

function appEnv(vars: Record<string, string>): AppEnv {
  const parsed = parseEnv(vars, '/tmp/vigil-logins');
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.env;
}

describe('hostedLogins', () => {
  const store = { installs } as unknown as Store;
  const hosted = {
    VIGIL_PUBLIC_URL: 'https://vigil.example.com',
    VIGIL_SESSION_SECRET: 's'.repeat(40),
  };
  const names = (vars: Record<string, string>) => {
    const env = appEnv(vars);
    return hostedLogins(env, readFrontDoorEnv(env, vars), store).map((l) => l.name);
  };

  it('offers the CRMs whose apps are configured, in hosted mode only', () => {
    const hubspot = { HUBSPOT_CLIENT_ID: 'cid', HUBSPOT_CLIENT_SECRET: 'secret', HUBSPOT_APP_ID: '7' };
    const salesforce = { SALESFORCE_CLIENT_ID: 'ck', SALESFORCE_CLIENT_SECRET: 'cs' };
    expect(names({ ...hosted, ...hubspot, ...salesforce })).toEqual(['hubspot', 'salesforce']);
    expect(names({ ...hosted, ...salesforce })).toEqual(['salesforce']);
    expect(names({ ...hosted })).toEqual([]);
    // Local mode offers none. (A real HubSpot OAuth app without an https VIGIL_PUBLIC_URL does
    // not start at all: src/config/env.ts refuses it.)
    expect(names({ ...salesforce })).toEqual([]);
  });
});
