// Seeds one portal and prints one JSON line: how long it took and the peak memory, so the issue's
// budget for `large` (100,000 companies within 60 s and < 2 GB RSS) can be checked.
// Usage: node scripts/bench/seed.ts [tiny|small|mid|large|<companies>] [seed]
import { generatePortal } from '../../src/sandbox/seed/generate.ts';
import type { SeedSize } from '../../src/sandbox/seed/types.ts';

const SIZES: readonly string[] = ['tiny', 'small', 'mid', 'large'] satisfies SeedSize[];

function parseSize(arg: string | undefined): SeedSize | number {
  const value = arg ?? 'large';
  if (SIZES.includes(value)) return value as SeedSize;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0) throw new Error(`unknown size: ${value}`);
  return count;
}

const size = parseSize(process.argv[2]);
const seed = Number(process.argv[3] ?? 1);
const started = performance.now();
const portal = generatePortal({ size, seed, now: Date.parse('2026-03-01T00:00:00.000Z') });
const seconds = (performance.now() - started) / 1000;
// maxRSS is reported in kilobytes.
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(
  JSON.stringify({
    size,
    companies: portal.companies.length,
    deals: portal.deals.length,
    tickets: portal.tickets.length,
    seconds: Math.round(seconds * 100) / 100,
    peakRssMb,
  }),
);
