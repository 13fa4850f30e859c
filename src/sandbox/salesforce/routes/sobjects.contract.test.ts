import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../server.ts';
import { errorCodeOf, jsforceConnection } from '../testing/jsforce.ts';

// sObject rows, sObject Collections, getUpdated / getDeleted and the daily allocation, with jsforce.

let sandbox: RunningSalesforceSandbox;
let conn: Connection;
let token: string;
let now = Date.UTC(2026, 5, 1, 12);

beforeAll(async () => {
  sandbox = await startSalesforceSandbox({
    orgs: [{ size: 'tiny', seed: 11 }],
    now: () => now,
    dailyApiLimit: 1_000,
  });
  const c = await jsforceConnection(sandbox);
  conn = c.conn;
  token = c.tokens.accessToken;
});
afterAll(() => sandbox.close());

type Row = { Id: string } & Record<string, unknown>;
const accounts = async (n: number) =>
  (await conn.query<Row>(`SELECT Id, Name FROM Account ORDER BY Id LIMIT ${n}`)).records;

describe('sObject rows', () => {
  it('creates, reads, updates and deletes, deriving IsWon and IsClosed from the stage', async () => {
    const [account] = await accounts(1);
    const created = (await conn.sobject('Opportunity').create({
      Name: 'Upsell',
      AccountId: account!.Id,
      StageName: 'Prospecting',
      CloseDate: '2026-07-01',
      Amount: 1200,
    })) as { id: string; success: boolean };
    expect(created.success).toBe(true);
    expect(created.id).toMatch(/^006[A-Za-z0-9]{12}[A-Z0-5]{3}$/);
    await conn.sobject('Opportunity').update({ Id: created.id, StageName: 'Closed Won' });
    const read = (await conn.sobject('Opportunity').retrieve(created.id)) as Record<string, unknown>;
    expect(read).toMatchObject({
      StageName: 'Closed Won',
      IsWon: true,
      IsClosed: true,
      Amount: 1200,
      CloseDate: '2026-07-01',
    });
    expect(String(read['SystemModstamp'])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000\+0000$/);
    expect(await errorCodeOf(conn.sobject('Opportunity').update({ Id: created.id, IsWon: false }))).toBe(
      'INVALID_FIELD_FOR_INSERT_UPDATE',
    );
    expect(await errorCodeOf(conn.sobject('Opportunity').create({ Name: 'No stage' }))).toBe(
      'REQUIRED_FIELD_MISSING',
    );
    await conn.sobject('Opportunity').destroy(created.id);
    expect(await errorCodeOf(conn.sobject('Opportunity').retrieve(created.id))).toBe('NOT_FOUND');
  });
});

describe('sObject Collections', () => {
  it('updates up to 200 records with one result per record and partial failures when allOrNone is false', async () => {
    const rows = await accounts(3);
    const results = await conn.sobject('Account').update(
      [
        { Id: rows[0]!.Id, NPS_Score__c: 9 },
        { Id: rows[1]!.Id, NPS_Score__c: 'n/a' },
        { Id: rows[2]!.Id, Nope__c: 1 },
      ],
      { allOrNone: false },
    );
    expect(results.map((r) => r.success)).toEqual([true, false, false]);
    expect(results[0]!.id).toBe(rows[0]!.Id);
    const errors = results.map((r) =>
      r.success ? null : (r.errors[0] as { statusCode?: string }).statusCode,
    );
    expect(errors).toEqual([null, 'JSON_PARSER_ERROR', 'INVALID_FIELD']);
  });

  it('rolls every record back when allOrNone is true and one fails', async () => {
    const rows = await accounts(2);
    const results = await conn.sobject('Account').update(
      [
        { Id: rows[0]!.Id, Name: 'Renamed' },
        { Id: rows[1]!.Id, Name: '' },
      ],
      { allOrNone: true },
    );
    expect(results.every((r) => !r.success)).toBe(true);
    const after = (await conn.sobject('Account').retrieve(rows[0]!.Id)) as Record<string, unknown>;
    expect(after['Name']).toBe(rows[0]!['Name']);
  });

  it('refuses more than 200 records with EXCEEDED_ID_LIMIT', async () => {
    const rows = Array.from({ length: 201 }, (_, i) => ({
      attributes: { type: 'Account' },
      Name: `Bulk ${i}`,
    }));
    const res = await fetch(`${sandbox.baseUrl}/services/data/v64.0/composite/sobjects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ allOrNone: false, records: rows }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Array<{ errorCode: string }>)[0]!.errorCode).toBe('EXCEEDED_ID_LIMIT');
  });
});

describe('getUpdated and getDeleted', () => {
  it('lists records changed and deleted in the window, with latestDateCovered rounded to the minute', async () => {
    const start = new Date(now);
    now += 60_000;
    const [a, b] = await accounts(2);
    await conn.sobject('Account').update({ Id: a!.Id, NPS_Score__c: 3 });
    await conn.sobject('Account').destroy(b!.Id);
    now += 120_000;
    const updated = await conn.sobject('Account').updated(start, new Date(now));
    expect(updated.ids).toContain(a!.Id);
    const deleted = await conn.sobject('Account').deleted(start, new Date(now));
    expect(deleted.deletedRecords.map((r) => r.id)).toEqual([b!.Id]);
    expect(deleted.latestDateCovered).toMatch(/:00\.000\+0000$/);
  });

  it('refuses a start before the 15-day recycle-bin window with INVALID_REPLICATION_DATE', async () => {
    const old = new Date(now - 16 * 86_400_000);
    expect(await errorCodeOf(conn.sobject('Account').deleted(old, new Date(now)))).toBe(
      'INVALID_REPLICATION_DATE',
    );
  });
});

describe('the daily API allocation', () => {
  it('reports usage in Sforce-Limit-Info and /limits, and refuses calls past it with 403 REQUEST_LIMIT_EXCEEDED', async () => {
    const limits = (await conn.limits()) as { DailyApiRequests: { Max: number; Remaining: number } };
    expect(limits.DailyApiRequests.Max).toBe(1_000);
    expect(conn.limitInfo.apiUsage?.limit).toBe(1_000);
    expect(conn.limitInfo.apiUsage!.used + limits.DailyApiRequests.Remaining).toBe(1_000);
    const orgId = sandbox.orgs[0]!.orgId;
    sandbox.context.orgs.get(orgId)!.usage.setUsed(1_000, now);
    const res = await fetch(`${sandbox.baseUrl}/services/data/v64.0/limits`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('sforce-limit-info')).toBe('api-usage=1000/1000');
    expect(await res.json()).toEqual([
      { message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' },
    ]);
    // The allocation is a rolling 24 hours.
    now += 24 * 60 * 60 * 1000 + 60_000;
    sandbox.context.tokens.sessions.forEach((s) => {
      s.expiresAt = now + 3_600_000;
    });
    sandbox.context.orgs.get(orgId)!.usage.reset();
    expect((await conn.query('SELECT COUNT() FROM Account')).totalSize).toBeGreaterThan(0);
  });
});
