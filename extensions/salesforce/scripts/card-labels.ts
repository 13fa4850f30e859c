import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { metadataXml } from './metadata-xml.ts';

// The card's words in English and Japanese, from one source (card-labels.json), generated into
// what Salesforce serves a Lightning web component in the user's language:
// - labels/CustomLabels.labels-meta.xml: the custom labels, English (en_US) as the master value
//   ("CustomLabels", Metadata API Developer Guide: values up to 1,000 characters);
// - translations/ja.translation-meta.xml: their Japanese translations (Translations, `customLabels`
//   with `name` and `label`), which Translation Workbench serves to users whose language is Japanese;
// - lwc/vigilHealthCard/labels.js: one `@salesforce/label/c.<Name>` import per label ("Access Labels",
//   LWC Developer Guide), so the platform resolves each in the user's language.
// `{0}`, `{1}` are placeholders the card fills in (view.js `format`); both languages take the same.

export const LANGUAGES = ['en', 'ja'] as const;
export type CardLanguage = (typeof LANGUAGES)[number];

export interface CardLabel {
  description: string;
  en: string;
  ja: string;
}

const here = dirname(fileURLToPath(import.meta.url));
export const CARD_LABELS_FILE = join(here, 'card-labels.json');

/** Custom label names: a letter, then letters, digits and single underscores (no `__`, no trailing `_`). */
const NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*[A-Za-z0-9]$/;
const MAX_VALUE = 1000;
const MAX_DESCRIPTION = 80;

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\d+)\}/g)].map((m) => m[1]!).sort();
}

/** Every problem with the label source, worded for the person editing it; [] when it is sound. */
export function labelProblems(labels: Record<string, Partial<CardLabel>>): string[] {
  const problems: string[] = [];
  for (const [name, label] of Object.entries(labels)) {
    if (!NAME.test(name) || name.length > 80) problems.push(`${name}: not a valid custom label name`);
    if (!label.description || label.description.length > MAX_DESCRIPTION)
      problems.push(`${name}: needs a description of 1–${MAX_DESCRIPTION} characters (shortDescription)`);
    for (const language of LANGUAGES) {
      const text = label[language];
      if (typeof text !== 'string' || text.trim() === '')
        problems.push(`${name}: missing its ${language} text in card-labels.json`);
      else if (text.length > MAX_VALUE)
        problems.push(`${name}: ${language} text over ${MAX_VALUE} characters`);
    }
    if (typeof label.en === 'string' && typeof label.ja === 'string' && label.en !== '' && label.ja !== '') {
      const [en, ja] = [placeholders(label.en), placeholders(label.ja)];
      if (en.join() !== ja.join())
        problems.push(`${name}: en takes {${en.join('}, {')}} but ja takes {${ja.join('}, {')}}`);
    }
  }
  return problems;
}

export function readCardLabels(file = CARD_LABELS_FILE): Record<string, CardLabel> {
  const labels = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Partial<CardLabel>>;
  const problems = labelProblems(labels);
  if (problems.length > 0) throw new Error(`${file}:\n  ${problems.join('\n  ')}`);
  return labels as Record<string, CardLabel>;
}

export const LABELS_MODULE = 'lwc/vigilHealthCard/labels.js';

function labelsModule(names: readonly string[]): string {
  return [
    '// Generated from scripts/card-labels.json by scripts/generate-metadata.ts: do not edit.',
    '// Each label resolves in the user’s language (custom labels + Translation Workbench).',
    ...names.map((n) => `import ${n} from '@salesforce/label/c.${n}';`),
    '',
    'export default {',
    ...names.map((n) => `  ${n},`),
    '};',
    '',
  ].join('\n');
}

/** Relative path (from extensions/salesforce) → content of the label files. */
export function cardLabelFiles(sourceDir: string, labels = readCardLabels()): Map<string, string> {
  const names = Object.keys(labels).sort();
  const files = new Map<string, string>();
  files.set(
    `${sourceDir}/labels/CustomLabels.labels-meta.xml`,
    metadataXml('CustomLabels', {
      labels: names.map((name) => ({
        fullName: name,
        categories: 'Vigil',
        language: 'en_US',
        protected: false,
        shortDescription: labels[name]!.description,
        value: labels[name]!.en,
      })),
    }),
  );
  files.set(
    `${sourceDir}/translations/ja.translation-meta.xml`,
    metadataXml('Translations', {
      customLabels: names.map((name) => ({ label: labels[name]!.ja, name })),
    }),
  );
  files.set(`${sourceDir}/${LABELS_MODULE}`, labelsModule(names));
  return files;
}
