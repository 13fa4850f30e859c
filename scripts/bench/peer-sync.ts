import { performance } from 'node:perf_hooks';
import { Client } from '@hubspot/api-client';
import Bottleneck from 'bottleneck';
import { defaultScoringConfig } from '../../src/domain/config/parse.ts';
import { type CompanyScore, scoreCompany } from '../../src/domain/score.ts';
import { assignTiers } from '../../src/domain/tiers/assign.ts';
import { propertiesToRead } from '../../src/sync/read-properties.ts';
import { tierInput } from '../../src/sync/recompute.ts';
import { toVigilProperties } from '../../src/sync/writeback/properties.ts';

/**
 * The peer: a sync written the way HubSpot's client docs suggest, for the bench to
 * compare Vigil with — `getAll` for each object type, then for each company its deal and
 * ticket associations (associations v4 `basicApi.getPage`, one call each) and one
 * `basicApi.update` with its scores. Same scoring, same limit (a Bottleneck at the
 * portal's 10-second limit, as the client docs recommend), the client's own retries for
 * 429s. It has no mirror, so every run is a full run.
 *
 * `sample` companies go through the per-company part; the rest is extrapolated from their
 * average (calls and seconds per company), and the result says so.
 */
export interface PeerResult {
  calls: number;
  wallSeconds: number;
  /** Companies that went through the per-company part; the rest was extrapolated. */
  sampledCompanies: number;
  companies: number;
  extrapolated: boolean;
  measuredCalls: number;
  measuredWallSeconds: number;
}

export async function runPeerSync(options: {
  basePath: string;
  accessToken: string;
  perTenSeconds: number;
  rateScale: number;
  sample: number;
  now: number;
}): Promise<PeerResult> {
  const client = new Client({
    accessToken: options.accessToken,
    basePath: options.basePath,
    numberOfApiCallRetries: 3,
  });
  const windowMs = 10_000 / options.rateScale;
  // Requests spaced evenly at the limit, as Vigil's own limiter does: the comparison is
  // about the calls each design needs, not about who paces better.
  const limiter = new Bottleneck({ minTime: windowMs / options.perTenSeconds, maxConcurrent: 10 });
  let calls = 0;
  const limited = <T>(fn: () => Promise<T>) =>
    limiter.schedule(() => {
      calls++;
      return fn();
    });
  const config = defaultScoringConfig();
  const started = performance.now();

  const companies = await getAll(client, 'companies', propertiesToRead('company', config.mapping), limited);
  const deals = await getAll(client, 'deals', propertiesToRead('deal', config.mapping), limited);
  const tickets = await getAll(client, 'tickets', propertiesToRead('ticket', config.mapping), limited);
  const dealsById = new Map(deals.map((d) => [d.id, d]));
  const ticketsById = new Map(tickets.map((t) => [t.id, t]));
  const readSeconds = (performance.now() - started) / 1000;
  const readCalls = calls;

  const sample = companies.slice(0, Math.min(options.sample, companies.length));
  const perStarted = performance.now();
  const scored: CompanyScore[] = [];
  // Ten companies at a time, so the peer is held back by the rate limit, not by latency.
  const one = async (company: Obj) => {
    const [dealAssoc, ticketAssoc] = await Promise.all([
      limited(() =>
        client.crm.associations.v4.basicApi.getPage('companies', company.id, 'deals', undefined, 500),
      ),
      limited(() =>
        client.crm.associations.v4.basicApi.getPage('companies', company.id, 'tickets', undefined, 500),
      ),
    ]);
    const input = {
      company: { id: company.id, properties: company.properties },
      deals: dealAssoc.results.flatMap((a) => {
        const d = dealsById.get(String(a.toObjectId));
        return d === undefined ? [] : [{ id: d.id, properties: d.properties }];
      }),
      tickets: ticketAssoc.results.flatMap((a) => {
        const t = ticketsById.get(String(a.toObjectId));
        return t === undefined ? [] : [{ id: t.id, properties: t.properties }];
      }),
    };
    scored.push(scoreCompany(input, config, options.now));
  };
  for (let i = 0; i < sample.length; i += 10) await Promise.all(sample.slice(i, i + 10).map(one));
  const tiers = assignTiers(scored.map(tierInput), config.tiers, null);
  await Promise.all(
    scored.map((s) =>
      limited(() =>
        client.crm.companies.basicApi.update(s.companyId, {
          properties: toVigilProperties(s, tiers.get(s.companyId)!),
        }),
      ),
    ),
  );
  await limiter.stop({ dropWaitingJobs: false });
  const perSeconds = (performance.now() - perStarted) / 1000;
  const perCalls = calls - readCalls;
  const n = sample.length;
  const factor = n === 0 ? 0 : companies.length / n;
  return {
    calls: Math.round(readCalls + perCalls * factor),
    wallSeconds: readSeconds + perSeconds * factor,
    sampledCompanies: n,
    companies: companies.length,
    extrapolated: n < companies.length,
    measuredCalls: calls,
    measuredWallSeconds: (performance.now() - started) / 1000,
  };
}

interface Obj {
  id: string;
  properties: Record<string, string | null>;
}

/**
 * `getAll` as the client implements it — getPage(100, after) until there is no next page —
 * written out so each page goes through the limiter (getAll's own loop can't be limited).
 */
async function getAll(
  client: Client,
  type: 'companies' | 'deals' | 'tickets',
  properties: string[],
  limited: <T>(fn: () => Promise<T>) => Promise<T>,
): Promise<Obj[]> {
  const api = client.crm[type].basicApi;
  const out: Obj[] = [];
  let after: string | undefined;
  do {
    const page = await limited(() => api.getPage(100, after, properties));
    for (const r of page.results) out.push({ id: r.id, properties: r.properties });
    after = page.paging?.next?.after;
  } while (after !== undefined);
  return out;
}
