import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./score.ts', import.meta.url));

describe('bench:score', () => {
  it('prints one JSON line with the throughput, the same-run input-read reference and the ratio', () => {
    const out = execFileSync(process.execPath, [script, '--json', '--companies', '3000', '--chunk', '1000'], {
      encoding: 'utf8',
    });
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const r = JSON.parse(lines[0]!) as Record<string, number | string>;
    expect(r.companies).toBe(3000);
    expect(r.companiesPerSecond).toBeGreaterThan(0);
    expect(r.peakRssMb).toBeGreaterThan(0);
    expect(r.inputReadMicrosPerCompany).toBeGreaterThan(0);
    // Scoring reads everything the reference reads and then scores it.
    expect(r.timesInputRead).toBeGreaterThan(1);
    expect(r.timesInputRead).toBeCloseTo(Number(r.microsPerCompany) / Number(r.inputReadMicrosPerCompany), 0);
    expect(typeof r.cpu).toBe('string');
  }, 60_000);

  it('refuses a company count that is not a positive whole number, saying how to call it', () => {
    expect(() =>
      execFileSync(process.execPath, [script, '--companies', 'many'], { encoding: 'utf8', stdio: 'pipe' }),
    ).toThrow(/usage: node scripts\/bench\/score.ts/);
  });
});
