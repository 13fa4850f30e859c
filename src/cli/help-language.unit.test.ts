import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './main.ts';

// `vigil --help` and each command's usage follow VIGIL_LANG, else LANG (ja / en); the flags,
// command names and variables a person types stay exactly as they are in every language.

const COMMANDS = ['start', 'sync', 'worker', 'serve', 'provision', 'score', 'model', 'sandbox', 'keys'];

async function helpOf(
  argv: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number; out: string }> {
  vi.stubEnv('VIGIL_LANG', '');
  vi.stubEnv('LC_ALL', '');
  vi.stubEnv('LC_MESSAGES', '');
  vi.stubEnv('LANG', '');
  for (const [k, v] of Object.entries(env)) if (v !== undefined) vi.stubEnv(k, v);
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.join(' '));
  });
  const err = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    lines.push(args.join(' '));
  });
  try {
    const code = await main(argv);
    return { code, out: lines.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

const flagsOf = (text: string) => [...new Set(text.match(/(?<![\w-])--?[a-z][\w-]*/g) ?? [])].sort();

afterEach(() => vi.unstubAllEnvs());

describe('vigil --help', () => {
  it('is English by default and for VIGIL_LANG=en, even when LANG is Japanese', async () => {
    for (const env of [{}, { VIGIL_LANG: 'en', LANG: 'ja_JP.UTF-8' }]) {
      const { code, out } = await helpOf(['--help'], env);
      expect(code).toBe(0);
      expect(out).toMatch(/^Usage: vigil <command> \[options\]\n\nCommands:\n {2}start/);
    }
  });

  it('is Japanese for VIGIL_LANG=ja and for LANG=ja_JP.UTF-8, listing the same commands', async () => {
    const en = (await helpOf(['--help'], {})).out;
    for (const env of [{ VIGIL_LANG: 'ja' }, { LANG: 'ja_JP.UTF-8' }]) {
      const { code, out } = await helpOf(['--help'], env);
      expect(code).toBe(0);
      expect(out).toMatch(/^使い方: vigil <command> \[options\]\n\nコマンド:/);
      expect(out).not.toContain('Usage');
      for (const name of [...COMMANDS, 'help']) expect(out).toMatch(new RegExp(`^ {2}${name} +\\S`, 'm'));
      expect(flagsOf(out)).toEqual(flagsOf(en));
    }
  });

  it('says an unknown command in the reader language', async () => {
    expect(await helpOf(['stat'], { VIGIL_LANG: 'ja' })).toEqual({
      code: 2,
      out: "vigil: 「stat」というコマンドはありません。コマンドの一覧は 'vigil help' で表示します。",
    });
    expect((await helpOf(['stat'], {})).out).toBe(
      `vigil: unknown command "stat". Run 'vigil help' for the list of commands.`,
    );
  });
});

describe.each(COMMANDS)('vigil %s --help', (name) => {
  it('is English, or Japanese with every flag kept as it is', async () => {
    const en = await helpOf([name, '--help'], { LANG: 'en_US.UTF-8' });
    const ja = await helpOf([name, '--help'], { VIGIL_LANG: 'ja' });
    expect([en.code, ja.code]).toEqual([0, 0]);
    expect(en.out.startsWith(`Usage: vigil ${name}`)).toBe(true);
    expect(ja.out.startsWith(`使い方: vigil ${name}`)).toBe(true);
    expect(ja.out).toContain('このヘルプを表示');
    expect(ja.out).not.toMatch(/Usage|Options|Show this help/);
    expect(flagsOf(ja.out)).toEqual(flagsOf(en.out));
  });
});

describe('vigil start --help', () => {
  it('documents --demo-currency and the currencies it takes, in both languages', async () => {
    for (const env of [{}, { VIGIL_LANG: 'ja' }]) {
      const { out } = await helpOf(['start', '--help'], env);
      expect(out).toMatch(/--demo-currency <code> .*USD.*EUR.*JPY/);
      expect(out).toContain('VIGIL_DEMO_CURRENCY');
    }
  });
});
