import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';

/**
 * node:util parseArgs with the errors a person can act on: the command's name, what
 * was wrong, and the usage text. Unknown flags and stray positionals are errors rather
 * than silently ignored (a mistyped `--ful` must not run an incremental sync).
 */
export type ParsedCommand =
  | { ok: true; values: Record<string, string | boolean | undefined>; positionals: string[] }
  | { ok: false; error: string };

export function parseCommandArgs(
  argv: readonly string[],
  options: ParseArgsOptionsConfig,
  positionals: { min: number; max: number; names: string } = { min: 0, max: 0, names: '' },
): ParsedCommand {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: positionals.max > 0 });
  } catch (error) {
    return { ok: false, error: cleanMessage(error) };
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values['help'] === true) return { ok: true, values, positionals: parsed.positionals };
  if (parsed.positionals.length < positionals.min) {
    return { ok: false, error: `missing ${positionals.names}` };
  }
  if (parsed.positionals.length > positionals.max) {
    const extra = parsed.positionals.slice(positionals.max).join(' ');
    return { ok: false, error: `unexpected argument "${extra}"` };
  }
  return { ok: true, values, positionals: parsed.positionals };
}

/** parseArgs messages carry a hint about `--` that is noise here; keep the first sentence. */
function cleanMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const first = text.split('. ')[0] ?? text;
  return first.replace(/\.$/, '');
}

/** Prints `vigil <name>: <error>` and the usage to stderr; returns exit code 2 (bad usage). */
export function reportUsageError(command: string, error: string, usage: string): number {
  console.error(`vigil ${command}: ${error}\n\n${usage}`);
  return 2;
}
