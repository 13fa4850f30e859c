import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { settingsEn, settingsJa } from '../../settings/messages.ts';
import { en } from './en.ts';
import { ja } from './ja.ts';

const APP = new URL('../..', import.meta.url).pathname;

/** Every argument name a message uses, nested select/plural branches included. */
function argumentsOf(message: string, locale: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: ReturnType<IntlMessageFormat['getAst']>): void => {
    for (const node of nodes) {
      if ('value' in node && typeof node.value === 'string' && node.type !== 0) names.add(node.value);
      if ('options' in node) for (const option of Object.values(node.options)) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst());
  return [...names].sort();
}

/** The extension code that may read a key: everything but tests and the catalogues themselves. */
function code(dir: string): string {
  let out = '';
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out += code(path);
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      if (/cards\/i18n\/(en|ja)\.ts$|settings\/messages\.ts$/.test(path)) continue;
      out += readFileSync(path, 'utf8');
    }
  }
  return out;
}

// The card and settings page bundle their own catalogues (HubSpot's iframe cannot load
// Vigil's server code); each pair must match as src/i18n's does.
describe.each([
  ['card', en as Record<string, string>, ja as Record<string, string>],
  ['settings page', settingsEn as Record<string, string>, settingsJa as Record<string, string>],
])('HubSpot %s catalogue', (_name, english, japanese) => {
  it('has the same keys in English and Japanese', () => {
    expect(Object.keys(japanese).sort()).toEqual(Object.keys(english).sort());
  });

  it('parses in both languages with the same arguments', () => {
    for (const key of Object.keys(english)) {
      expect(argumentsOf(japanese[key] as string, 'ja'), key).toEqual(
        argumentsOf(english[key] as string, 'en'),
      );
    }
  });

  it('uses every key in the extension code', () => {
    const source = code(APP);
    const unused = Object.keys(english).filter((k) => !source.includes(`'${k}'`));
    expect(unused).toEqual([]);
  });
});
