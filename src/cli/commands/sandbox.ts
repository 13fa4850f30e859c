import { parseArgs } from 'node:util';
import type { SandboxOptions } from '../../sandbox/hubspot/options.ts';
import { SEED_SIZES, type SeedSize } from '../../sandbox/seed/types.ts';
import { cliTranslator } from './support/cli-language.ts';

/** The usage text in the reader's language (VIGIL_LANG, else LANG); flags and command names stay as typed. */
const usage = (): string => cliTranslator().t('cli.usage.sandbox');

export type ParsedArgs = { ok: true; help: boolean; options: SandboxOptions } | { ok: false; error: string };

const TIERS = ['standard', 'professional', 'enterprise'] as const;

/** Turns `vigil sandbox` arguments into start options, or a clear error. */
export function parseSandboxArgs(argv: string[]): ParsedArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        size: { type: 'string' },
        seed: { type: 'string' },
        faults: { type: 'string' },
        'fault-seed': { type: 'string' },
        'rate-scale': { type: 'string' },
        tier: { type: 'string' },
        'no-limits': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  if (values['help'] === true) return { ok: true, help: true, options: {} };
  try {
    const options: SandboxOptions = {
      port: integer(values['port'], '--port', 4010, 0, 65_535),
      host: typeof values['host'] === 'string' ? values['host'] : '127.0.0.1',
      portals: [{ size: size(values['size']), seed: integer(values['seed'], '--seed', 1, 0, 2 ** 31 - 1) }],
      rateScale: number(values['rate-scale'], '--rate-scale', 1, Number.MIN_VALUE, 10_000),
      limits: values['no-limits'] !== true,
      privateAppTier: tier(values['tier']),
    };
    const faultRate = number(values['faults'], '--faults', 0, 0, 1);
    if (faultRate > 0) {
      options.faults = {
        rate: faultRate,
        seed: integer(values['fault-seed'], '--fault-seed', 1, 0, 2 ** 31 - 1),
      };
    }
    return { ok: true, help: false, options };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function size(raw: string | boolean | undefined): SeedSize | number {
  if (raw === undefined) return 'small';
  if (typeof raw === 'string' && raw in SEED_SIZES) return raw as SeedSize;
  if (typeof raw === 'string' && /^\d+$/.test(raw) && Number(raw) >= 1) return Number(raw);
  throw new Error(
    `--size must be one of ${Object.keys(SEED_SIZES).join(', ')} or a number of companies, got "${raw}"`,
  );
}

function tier(raw: string | boolean | undefined): (typeof TIERS)[number] {
  if (raw === undefined) return 'standard';
  const found = TIERS.find((t) => t === raw);
  if (!found) throw new Error(`--tier must be one of ${TIERS.join(', ')}, got "${raw}"`);
  return found;
}

function number(
  raw: string | boolean | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined) return fallback;
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(
      `${name} must be a number from ${min === Number.MIN_VALUE ? 'above 0' : min} to ${max}, got "${raw}"`,
    );
  }
  return value;
}

function integer(
  raw: string | boolean | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = number(raw, name, fallback, min, max);
  if (!Number.isInteger(value)) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

/** `vigil sandbox`: starts the sandbox, prints how to reach it, runs until SIGINT/SIGTERM. */
export async function runSandboxCommand(argv: string[]): Promise<number> {
  const parsed = parseSandboxArgs(argv);
  if (!parsed.ok) {
    console.error(`vigil sandbox: ${parsed.error}\n\n${usage()}`);
    return 2;
  }
  if (parsed.help) {
    console.log(usage());
    return 0;
  }
  const { startSandbox } = await import('../../sandbox/hubspot/server.ts');
  const running = await startSandbox(parsed.options);
  const portal = running.portals[0];
  console.log(
    [
      `HubSpot sandbox listening on ${running.baseUrl}`,
      `  portal id           ${portal?.portalId ?? '(none)'}`,
      `  private-app token   ${portal?.privateAppToken ?? '(none)'}`,
      `  OAuth client id     ${running.app.clientId}`,
      `  OAuth app id        ${running.app.appId}`,
      `  control API         ${running.baseUrl}/__sandbox/portals`,
      `Point @hubspot/api-client at it with basePath: '${running.baseUrl}'. Ctrl-C stops it.`,
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.close();
  return 0;
}
