import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../server.ts';
import { errorCodeOf, jsforceConnection } from '../testing/jsforce.ts';

// REST query and queryMore with the real jsforce client on a `small` org (500 accounts, ~2,500
// cases): 2,000-row pages with nextRecordsUrl, batchSize, SOQL filters, ordering, the error bodies.

let sandbox: RunningSalesforceSandbox;
let conn: Connection;
let token: string;
const NOW = Date.UTC(2026, 5, 1, 12);

beforeAll(async () => {
  sandbox = await startSalesforceSandbox({ orgs: [{ size: 'small', seed: 7 }], now: () => NOW });
  const c = await jsforceConnection(sandbox);
  conn = c.conn;
  token = c.tokens.accessToken;
});
afterAll(() => sandbox.close());

type Row = Record<string, unknown> & { Id: string };

describe('query and queryMore', () => {
  it('pages 2,000 rows at a time and follows nextRecordsUrl to the end', async () => {
    const first = await conn.query<Row>('SELECT Id, Status FROM Case', { autoFetch: false });
    expect(first.totalSize).toBeGreaterThan(2000);
    expect(first.records).toHaveLength(2000);
    expect(first.done).toBe(false);
    expect(first.nextRecordsUrl).toMatch(/\/services\/data\/v64\.0\/query\/01g[A-Za-z0-9]{12,15}-2000$/);
    const second = await conn.queryMore<Row>(first.nextRecordsUrl!);
    expect(second.done).toBe(true);
    expect(second.records).toHaveLength(first.totalSize - 2000);
    const ids = new Set([...first.records, ...second.records].map((r) => r.Id));
    expect(ids.size).toBe(first.totalSize);
  });

  it('honours Sforce-Query-Options batchSize', async () => {
    const res = await fetch(
      `${sandbox.baseUrl}/services/data/v64.0/query?q=${encodeURIComponent('SELECT Id FROM Account')}`,
      {
        headers: { authorization: `Bearer ${token}`, 'sforce-query-options': 'batchSize=200' },
      },
    );
    const body = (await res.json()) as { records: unknown[]; totalSize: number; nextRecordsUrl: string };
    expect(body.records).toHaveLength(200);
    expect(body.totalSize).toBe(500);
    expect(body.nextRecordsUrl).toMatch(/-200$/);
    expect(res.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/100000$/);
  });

  it('filters with AND/OR, IN, comparisons and orders with LIMIT', async () => {
    const all = (await conn.query<Row>('SELECT Id, Amount, StageName, IsWon, Type FROM Opportunity')).records;
    const soql =
      "SELECT Id, Amount, StageName FROM Opportunity WHERE IsWon = true AND (Type IN ('New Customer', 'Renewal') OR Amount > 50000) ORDER BY Amount DESC, Id LIMIT 25";
    const result = (await conn.query<Row>(soql)).records;
    const expected = all
      .filter(
        (r) =>
          r['IsWon'] === true &&
          (['New Customer', 'Renewal'].includes(String(r['Type'])) || Number(r['Amount'] ?? 0) > 50000),
      )
      .sort((a, b) => Number(b['Amount'] ?? -1) - Number(a['Amount'] ?? -1) || (a.Id < b.Id ? -1 : 1));
    // Salesforce sorts nulls last when descending.
    expect(result.map((r) => r.Id)).toEqual(expected.slice(0, 25).map((r) => r.Id));
    expect(result.every((r) => r['StageName'] === 'Closed Won')).toBe(true);
  });

  it('compares datetimes and dates, and knows date literals', async () => {
    const stamp = '2026-03-01T00:00:00Z';
    const since = (
      await conn.query<Row>(`SELECT Id, SystemModstamp FROM Case WHERE SystemModstamp >= ${stamp}`)
    ).records;
    expect(since.length).toBeGreaterThan(0);
    expect(
      since.every((r) => Date.parse(String(r['SystemModstamp']).replace('+0000', 'Z')) >= Date.parse(stamp)),
    ).toBe(true);
    const recent = await conn.query<Row>(
      'SELECT Id, CreatedDate FROM Case WHERE CreatedDate = LAST_N_DAYS:30',
    );
    const cutoff = Date.UTC(2026, 4, 2);
    expect(
      recent.records.every((r) => Date.parse(String(r['CreatedDate']).replace('+0000', 'Z')) >= cutoff),
    ).toBe(true);
    const future = await conn.query<Row>('SELECT Id, CloseDate FROM Opportunity WHERE CloseDate > TODAY');
    expect(future.records.every((r) => String(r['CloseDate']) > '2026-06-01')).toBe(true);
    const count = await conn.query('SELECT COUNT() FROM Opportunity WHERE CloseDate > 2026-06-01');
    expect(count.totalSize).toBe(future.totalSize);
  });

  it('matches text case-insensitively and escapes quotes in literals', async () => {
    const created = await conn.sobject('Account').create({ Name: "O'Brien & Sons" });
    const id = (created as { id: string }).id;
    const found = await conn.query<Row>("SELECT Id, Name FROM Account WHERE Name = 'o\\'brien & SONS'");
    expect(found.records.map((r) => r.Id)).toEqual([id]);
  });

  it('answers bad SOQL with Salesforce error codes', async () => {
    expect(await errorCodeOf(conn.query('SELEC Id FROM Account'))).toBe('MALFORMED_QUERY');
    expect(await errorCodeOf(conn.query('SELECT Nope__c FROM Account'))).toBe('INVALID_FIELD');
    expect(await errorCodeOf(conn.query('SELECT Id FROM Nope__c'))).toBe('INVALID_TYPE');
    expect(
      await errorCodeOf(conn.query("SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'")),
    ).toBe('MALFORMED_QUERY');
    expect(await errorCodeOf(conn.query("SELECT Id FROM Opportunity WHERE Amount > '5'"))).toBe(
      'INVALID_FIELD',
    );
    const res = await fetch(
      `${sandbox.baseUrl}/services/data/v64.0/query?q=${encodeURIComponent('SELECT Foo FROM Account')}`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as Array<{ errorCode: string; message: string }>;
    expect(body[0]!.errorCode).toBe('INVALID_FIELD');
    expect(body[0]!.message).toContain("No such column 'Foo' on entity 'Account'");
  });

  it('leaves deleted records to queryAll', async () => {
    const [victim] = (await conn.query<Row>('SELECT Id FROM Case LIMIT 1')).records;
    await conn.sobject('Case').destroy(victim!.Id);
    const active = await conn.query(`SELECT Id FROM Case WHERE Id = '${victim!.Id}'`);
    expect(active.totalSize).toBe(0);
    const all = await conn.query<Row>(`SELECT Id, IsDeleted FROM Case WHERE Id = '${victim!.Id}'`, {
      scanAll: true,
    });
    expect(all.records).toEqual([expect.objectContaining({ Id: victim!.Id, IsDeleted: true })]);
  });
});
