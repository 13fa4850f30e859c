import { parse } from 'csv-parse/sync';
import { HttpApi } from 'jsforce/lib/http-api.js';
import { z } from 'zod';
import type { SalesforceClient } from './client.ts';

// Bulk API 2.0 query jobs, page by page so the sync can checkpoint between pages: create the job,
// poll its state (waiting `pollIntervalMs` between polls, never hammering), then read CSV result
// pages of `maxRecords` rows, each naming the next in `Sforce-Locator` ("null" after the last).

const jobInfo = z.object({ id: z.string(), state: z.string() });

export interface BulkOptions {
  readonly pollIntervalMs: number;
  readonly pollTimeoutMs: number;
  readonly maxRecords: number;
  readonly sleep: (ms: number) => Promise<void>;
}

export async function createQueryJob(client: SalesforceClient, soql: string): Promise<string> {
  const body = await client.call({ endpoint: 'POST /jobs/query', safe: false }, (conn) =>
    conn.request({
      method: 'POST',
      url: `/services/data/v${client.version}/jobs/query`,
      body: JSON.stringify({ operation: 'query', query: soql }),
      headers: { 'content-type': 'application/json' },
    }),
  );
  return jobInfo.parse(body).id;
}

/** True once the job is complete; false if it is still running after the poll timeout. */
export async function waitForJob(
  client: SalesforceClient,
  jobId: string,
  options: BulkOptions,
): Promise<boolean> {
  const deadline = Date.now() + options.pollTimeoutMs;
  for (;;) {
    const body = await client.call({ endpoint: 'GET /jobs/query/{id}', safe: true }, (conn) =>
      conn.request(`/services/data/v${client.version}/jobs/query/${encodeURIComponent(jobId)}`),
    );
    const { state } = jobInfo.parse(body);
    if (state === 'JobComplete') return true;
    if (state === 'Failed' || state === 'Aborted')
      throw new Error(`Bulk API 2.0 query job ${jobId} ended ${state}`);
    if (Date.now() + options.pollIntervalMs > deadline) return false;
    await options.sleep(options.pollIntervalMs);
  }
}

export interface ResultPage {
  readonly rows: Array<Record<string, string>>;
  /** The next page's locator, or null after the last page. */
  readonly locator: string | null;
}

export async function resultPage(
  client: SalesforceClient,
  jobId: string,
  locator: string | null,
  options: BulkOptions,
): Promise<ResultPage> {
  let header: string | undefined;
  const params = new URLSearchParams({ maxRecords: String(options.maxRecords) });
  if (locator !== null) params.set('locator', locator);
  const text = await client.call({ endpoint: 'GET /jobs/query/{id}/results', safe: true }, (conn) => {
    // jsforce's HttpApi, so the response headers (Sforce-Locator) can be read; text/plain keeps the CSV raw.
    const api = new HttpApi(conn, { responseType: 'text/plain' });
    api.on('response', (res: { headers: Record<string, string | undefined> }) => {
      header = res.headers['sforce-locator'];
    });
    return api.request<string>({
      method: 'GET',
      url: `${conn.instanceUrl}/services/data/v${client.version}/jobs/query/${encodeURIComponent(jobId)}/results?${params}`,
      headers: { accept: 'text/csv' },
    });
  });
  const rows = parse(String(text), { columns: true, skip_empty_lines: true }) as Array<
    Record<string, string>
  >;
  return { rows, locator: header === undefined || header === 'null' || header === '' ? null : header };
}
