import { parse } from 'csv-parse/sync';
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../server.ts';
import { jsforceConnection } from '../testing/jsforce.ts';

// Bulk API 2.0 query jobs: jsforce's bulk2.query end to end, and the raw protocol (job states, CSV
// pages by Sforce-Locator and maxRecords).

let sandbox: RunningSalesforceSandbox;
let conn: Connection;
let token: string;
let now = Date.UTC(2026, 5, 1, 12);

beforeAll(async () => {
  sandbox = await startSalesforceSandbox({
    orgs: [{ size: 'small', seed: 5 }],
    now: () => now,
    bulkProcessingMs: 5_000,
  });
  const c = await jsforceConnection(sandbox);
  conn = c.conn;
  token = c.tokens.accessToken;
});
afterAll(() => sandbox.close());

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${sandbox.baseUrl}/services/data/v64.0${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(init.headers ?? {}),
    },
  });

describe('Bulk API 2.0 query', () => {
  it('runs through jsforce and returns the same rows as REST', async () => {
    now += 10_000;
    const clockTicks = setInterval(() => {
      now += 1_000;
    }, 5);
    try {
      const rows = (await (
        await conn.bulk2.query('SELECT Id, Amount, IsWon FROM Opportunity', { pollInterval: 10 })
      ).toArray()) as Array<Record<string, string>>;
      const rest = await conn.query<{ Id: string }>('SELECT Id FROM Opportunity', {
        autoFetch: true,
        maxFetch: 100_000,
      });
      expect(rows.length).toBe(rest.totalSize);
      expect(new Set(rows.map((r) => r['Id']))).toEqual(new Set(rest.records.map((r) => r.Id)));
      expect(rows.every((r) => r['IsWon'] === 'true' || r['IsWon'] === 'false')).toBe(true);
    } finally {
      clearInterval(clockTicks);
    }
  });

  it('moves UploadComplete → InProgress → JobComplete and pages CSV results by Sforce-Locator', async () => {
    const created = await api('/jobs/query', {
      method: 'POST',
      body: JSON.stringify({ operation: 'query', query: 'SELECT Id, Name, CreatedDate FROM Account' }),
    });
    const job = (await created.json()) as { id: string; state: string; object: string };
    expect(job).toMatchObject({ state: 'UploadComplete', object: 'Account' });
    expect((await (await api(`/jobs/query/${job.id}/results`)).json()) as unknown).toEqual([
      expect.objectContaining({ errorCode: 'INVALIDJOBSTATE' }),
    ]);
    now += 1_000;
    expect(((await (await api(`/jobs/query/${job.id}`)).json()) as { state: string }).state).toBe(
      'InProgress',
    );
    now += 5_000;
    expect(((await (await api(`/jobs/query/${job.id}`)).json()) as { state: string }).state).toBe(
      'JobComplete',
    );

    const ids: string[] = [];
    let locator = '';
    let pages = 0;
    do {
      const res = await api(
        `/jobs/query/${job.id}/results?maxRecords=200${locator ? `&locator=${locator}` : ''}`,
      );
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const rows = parse(await res.text(), { columns: true }) as Array<Record<string, string>>;
      expect(Number(res.headers.get('sforce-numberofrecords'))).toBe(rows.length);
      expect(rows[0]!['CreatedDate']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
      ids.push(...rows.map((r) => r['Id']!));
      locator = res.headers.get('sforce-locator') ?? 'null';
      pages++;
    } while (locator !== 'null');
    expect(pages).toBe(3);
    expect(new Set(ids).size).toBe(500);
  });

  it('refuses bad SOQL when the job is created', async () => {
    const res = await api('/jobs/query', {
      method: 'POST',
      body: JSON.stringify({ operation: 'query', query: 'SELECT Nope__c FROM Case' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Array<{ errorCode: string }>)[0]!.errorCode).toBe('INVALID_FIELD');
  });
});
