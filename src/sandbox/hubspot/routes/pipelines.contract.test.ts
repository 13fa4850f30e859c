import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../server.ts';

// Pipelines v3 reads through the real client (no spec is shipped for them; the client's models
// are the contract): stage metadata says which stages are closed.

let sb: RunningSandbox;
let client: Client;

beforeAll(async () => {
  sb = await startSandbox({ portals: [{ size: 'tiny', seed: 1 }], limits: false });
  client = new Client({ accessToken: sb.portals[0]!.privateAppToken, basePath: sb.baseUrl });
});
afterAll(() => sb.close());

describe('pipelines', () => {
  it('serves the sales and renewal deal pipelines with isClosed metadata', async () => {
    const deals = await client.crm.pipelines.pipelinesApi.getAll('deals');
    expect(deals.results.map((p) => p.id)).toEqual(['default', 'renewals']);
    const stages = Object.fromEntries(
      deals.results.flatMap((p) => p.stages.map((s) => [s.id, s.metadata?.['isClosed']])),
    );
    expect(stages).toMatchObject({
      closedwon: 'true',
      closedlost: 'true',
      appointmentscheduled: 'false',
      renewal_lost: 'true',
    });
    expect(deals.results[0]?.createdAt).toBeInstanceOf(Date);
  });

  it('serves the support pipeline with ticketState and reads one pipeline by id', async () => {
    const one = await client.crm.pipelines.pipelinesApi.getById('tickets', '0');
    expect(one.stages.map((s) => [s.id, s.metadata?.['ticketState']])).toEqual([
      ['1', 'OPEN'],
      ['2', 'OPEN'],
      ['3', 'OPEN'],
      ['4', 'CLOSED'],
    ]);
    await expect(client.crm.pipelines.pipelinesApi.getAll('companies')).rejects.toMatchObject({ code: 400 });
  });
});
