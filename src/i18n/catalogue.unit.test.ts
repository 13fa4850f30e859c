import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { en } from './messages/en.ts';
import { ja } from './messages/ja.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const CATALOGUES = { en, ja } as Record<string, Record<string, string>>;

/** Every argument name a message uses, nested plural/select branches included. */
function argumentsOf(message: string, locale: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: ReturnType<IntlMessageFormat['getAst']>): void => {
    for (const node of nodes) {
      if ('value' in node && typeof node.value === 'string' && node.type !== 0) names.add(node.value);
      if ('options' in node) for (const option of Object.values(node.options)) walk(option.value);
    }
  };
  // Parsed as the translator parses (ignoreTag): "<command>" in a usage text is text, not a tag.
  walk(new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).getAst());
  return [...names].sort();
}

/** Source files a key may be used in: the product's code and the CRM extensions, not the catalogues. */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out.filter((p) => !relative(ROOT, p).startsWith(join('src', 'i18n', 'messages')));
}

describe('message catalogue', () => {
  it('has the same keys in English and Japanese', () => {
    const missingInJa = Object.keys(en).filter((k) => !(k in ja));
    const missingInEn = Object.keys(ja).filter((k) => !(k in en));
    expect({ missingInJa, missingInEn }).toEqual({ missingInJa: [], missingInEn: [] });
  });

  it.each(Object.keys(en))('%s parses in both languages and takes the same arguments', (key) => {
    const expected = argumentsOf(en[key as keyof typeof en], 'en');
    for (const [locale, messages] of Object.entries(CATALOGUES)) {
      const message = messages[key];
      expect(message, `${locale} has no "${key}"`).toBeTypeOf('string');
      // Japanese may drop a plural-only argument into `{n, number}`, but never invent or lose one.
      expect(argumentsOf(message as string, locale), `${locale} "${key}" arguments`).toEqual(expected);
    }
  });

  it('uses every key somewhere in the code (a key nobody reads is dead text to translate)', () => {
    const code = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'extensions'))]
      .map((p) => readFileSync(p, 'utf8'))
      .join('\n');
    const unused = Object.keys(en).filter((k) => !code.includes(`'${k}'`) && !code.includes(`"${k}"`));
    expect(unused).toEqual([]);
  });
});
