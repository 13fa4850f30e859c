import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { MIN_API_VERSION } from '../../src/connectors/salesforce/client.ts';
import { customFieldComponents, PERMISSION_SET } from '../../src/connectors/salesforce/vigil-fields.ts';
import { LABELS_MODULE, labelProblems, readCardLabels } from './scripts/card-labels.ts';
import { generatedFiles, permissionField, SOURCE_DIR, VIEWER_PERMISSION_SET } from './scripts/metadata.ts';

// The DX project's metadata against the runtime definitions (one source: customFieldComponents()),
// and the whole project converted to Metadata API format offline, as `sf project deploy` would.

const project = dirname(fileURLToPath(import.meta.url));
const source = join(project, SOURCE_DIR);
const REGENERATE = 'run `node extensions/salesforce/scripts/generate-metadata.ts` and commit the result';

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) =>
    ['value', 'fieldPermissions', 'fields', 'types', 'members', 'labels', 'customLabels'].includes(name),
});

function parse(path: string): Record<string, Record<string, unknown>> {
  return parser.parse(readFileSync(path, 'utf8')) as Record<string, Record<string, unknown>>;
}

type Field = Record<string, unknown> & { valueSet?: { valueSetDefinition?: { value?: unknown } } };

function picklist(field: Field): Array<[string, string]> {
  const values = (field.valueSet?.valueSetDefinition?.value ?? []) as Array<Record<string, unknown>>;
  return values.map((v) => [String(v['fullName']), String(v['label'])]);
}

/** The attributes that make a field what it is, as strings (XML has no types). */
function essence(field: Field) {
  const pick = (key: string) => (field[key] === undefined ? undefined : String(field[key]));
  return {
    type: pick('type'),
    label: pick('label'),
    length: pick('length'),
    precision: pick('precision'),
    scale: pick('scale'),
    visibleLines: pick('visibleLines'),
    externalId: pick('externalId'),
    unique: pick('unique'),
    description: pick('description'),
    restricted: field.valueSet === undefined ? undefined : String((field.valueSet as Field)['restricted']),
    values: picklist(field),
  };
}

function fieldFiles(object: string): string[] {
  return readdirSync(join(source, 'objects', object, 'fields')).filter((f) => f.endsWith('.field-meta.xml'));
}

describe('Salesforce DX project metadata', () => {
  const runtime = customFieldComponents();

  it('has one field file per runtime field, and no other', () => {
    const onDisk = ['Account', 'Activity'].flatMap((object) =>
      fieldFiles(object).map((f) => `${object}.${f.replace('.field-meta.xml', '')}`),
    );
    expect(onDisk.sort()).toEqual(runtime.map((c) => String(c['fullName'])).sort());
  });

  it.each(customFieldComponents().map((c) => [String(c['fullName']), c] as const))(
    '%s has the runtime type, label, length, precision, scale and values',
    (fullName, component) => {
      const [object, name] = fullName.split('.') as [string, string];
      const file = parse(join(source, 'objects', object, 'fields', `${name}.field-meta.xml`))[
        'CustomField'
      ] as Field;
      expect(file['fullName'], fullName).toBe(name);
      expect(essence(file), `${fullName} differs from customFieldComponents(): ${REGENERATE}`).toEqual(
        essence(component as Field),
      );
    },
  );

  it('every generated file is committed exactly as the generator writes it', () => {
    for (const [path, content] of generatedFiles())
      expect(readFileSync(join(project, path), 'utf8'), `${path} is stale: ${REGENERATE}`).toBe(content);
  });

  it('the integration permission set grants read and edit on every field; the viewer set reads Account fields only', () => {
    const grants = (name: string) =>
      (
        parse(join(source, 'permissionsets', `${name}.permissionset-meta.xml`))['PermissionSet']![
          'fieldPermissions'
        ] as Array<Record<string, string>>
      ).map((p) => `${p['field']} ${p['readable']}/${p['editable']}`);
    expect(grants(PERMISSION_SET.fullName).sort()).toEqual(
      runtime.map((c) => `${permissionField(String(c['fullName']))} true/true`).sort(),
    );
    expect(grants(VIEWER_PERMISSION_SET.fullName).sort()).toEqual(
      runtime
        .map((c) => String(c['fullName']))
        .filter((f) => f.startsWith('Account.'))
        .map((f) => `${f} true/false`)
        .sort(),
    );
    // Activity fields are granted on Task (Salesforce mirrors Event itself); "Activity.X" is refused.
    expect(grants(PERMISSION_SET.fullName)).toContain('Task.Vigil_Entry_Id__c true/true');
  });

  it("uses the connector's API version, no namespace, and exposes the card on Account record pages", () => {
    const sfdx = JSON.parse(readFileSync(join(project, 'sfdx-project.json'), 'utf8')) as {
      sourceApiVersion: string;
      namespace: string;
      packageDirectories: Array<{ path: string }>;
    };
    expect(sfdx.sourceApiVersion).toBe(`${MIN_API_VERSION}.0`);
    expect(sfdx.namespace).toBe('');
    expect(sfdx.packageDirectories.map((d) => d.path)).toEqual(['force-app']);
    const bundle = parse(join(source, 'lwc/vigilHealthCard/vigilHealthCard.js-meta.xml'))[
      'LightningComponentBundle'
    ] as Record<string, unknown>;
    expect(bundle['apiVersion']).toBe(sfdx.sourceApiVersion);
    expect(bundle['isExposed']).toBe('true');
    expect(JSON.stringify(bundle['targets'])).toContain('lightning__RecordPage');
    expect(JSON.stringify(bundle['targetConfigs'])).toContain('"object":"Account"');
  });

  it('the card reads only fields that exist in the runtime definitions, and the standard owner name', () => {
    const card = readFileSync(join(source, 'lwc/vigilHealthCard/vigilHealthCard.js'), 'utf8');
    const imported = [...card.matchAll(/@salesforce\/schema\/(\w+(?:\.\w+)+)/g)].map((m) => m[1]!);
    const custom = imported.filter((f) => f.endsWith('__c'));
    expect(custom.length).toBeGreaterThan(0);
    const known = new Set(runtime.map((c) => String(c['fullName'])));
    expect(custom.filter((f) => !known.has(f))).toEqual([]);
    // Standard fields every org has: the owner's name across Account.OwnerId's relationship (Owner → User.Name).
    expect(imported.filter((f) => !f.endsWith('__c'))).toEqual(['Account.Owner.Name']);
  });

  describe('the card in English and Japanese (custom labels + Translation Workbench)', () => {
    const labels = readCardLabels();
    const names = Object.keys(labels).sort();
    const card = ['view.js', 'vigilHealthCard.js', 'vigilHealthCard.html']
      .map((f) => readFileSync(join(source, 'lwc/vigilHealthCard', f), 'utf8'))
      .join('\n');

    it('every label has an English value and a Japanese translation in the deployed files', () => {
      const master = (
        parse(join(source, 'labels/CustomLabels.labels-meta.xml'))['CustomLabels']!['labels'] as Array<
          Record<string, string>
        >
      ).map((l) => [l['fullName'], l['language'], String(l['value'] ?? '').trim() !== ''] as const);
      expect(master).toEqual(names.map((n) => [n, 'en_US', true]));
      const ja = (
        parse(join(source, 'translations/ja.translation-meta.xml'))['Translations']!['customLabels'] as Array<
          Record<string, string>
        >
      ).map((l) => [l['name'], String(l['label'] ?? '').trim() !== ''] as const);
      expect(ja, `translations/ja.translation-meta.xml lacks a label: ${REGENERATE}`).toEqual(
        names.map((n) => [n, true]),
      );
    });

    it('fails when a label lacks its text in either language, or the two take different placeholders', () => {
      expect(labelProblems(labels)).toEqual([]);
      expect(
        labelProblems({
          Vigil_Card_X: { description: 'x', en: 'Hello {0}', ja: '' },
          Vigil_Card_Y: { description: 'y', ja: 'こんにちは' },
          Vigil_Card_Z: { description: 'z', en: 'Hi {0}', ja: 'やあ' },
        }),
      ).toEqual([
        'Vigil_Card_X: missing its ja text in card-labels.json',
        'Vigil_Card_Y: missing its en text in card-labels.json',
        'Vigil_Card_Z: en takes {0} but ja takes {}',
      ]);
    });

    it('the card uses every label, and only labels that exist', () => {
      const used = new Set([...card.matchAll(/\b(?:LABELS|labels)\.(Vigil_Card_\w+)/g)].map((m) => m[1]));
      expect(
        names.filter((n) => !used.has(n)),
        'labels no code uses',
      ).toEqual([]);
      expect(
        [...used].filter((n) => !names.includes(n!)),
        'labels the card uses but nobody defined',
      ).toEqual([]);
      // No English left in the template: every text node is a {binding} or a language-neutral "/ 100".
      const html = readFileSync(join(source, 'lwc/vigilHealthCard/vigilHealthCard.html'), 'utf8');
      const literal = [...html.matchAll(/>([^<>{}]*[A-Za-z][^<>{}]*)</g)].map((m) => m[1]!.trim());
      expect(literal).toEqual([]);
      expect(readFileSync(join(source, LABELS_MODULE), 'utf8')).toContain(
        "import Vigil_Card_Title from '@salesforce/label/c.Vigil_Card_Title';",
      );
    });
  });

  describe('converted to Metadata API format (offline)', () => {
    const out = mkdtempSync(join(tmpdir(), 'vigil-sfdx-'));
    afterAll(() => rmSync(out, { recursive: true, force: true }));

    it('lists every component in package.xml, with the fields inside their objects', async () => {
      const components = ComponentSet.fromSource(join(project, 'force-app'));
      await new MetadataConverter().convert(components, 'metadata', {
        type: 'directory',
        outputDirectory: out,
        genUniqueDir: false,
      });
      const pkg = parse(join(out, 'package.xml'))['Package'] as {
        types: Array<{ name: string; members: string[] }>;
      };
      const members = Object.fromEntries(pkg.types.map((t) => [t.name, [...t.members].sort()]));
      expect(members['CustomField']).toEqual(runtime.map((c) => String(c['fullName'])).sort());
      expect(members['LightningComponentBundle']).toEqual(['vigilHealthCard']);
      expect(members['PermissionSet']).toEqual(
        [PERMISSION_SET.fullName, VIEWER_PERMISSION_SET.fullName].sort(),
      );
      expect(members['FlexiPage']).toEqual(['Vigil_Account_Record_Page']);
      expect(members['CustomLabel']).toEqual(Object.keys(readCardLabels()).sort());
      expect(members['Translations']).toEqual(['ja']);

      const account = parse(join(out, 'objects', 'Account.object'))['CustomObject'] as { fields: Field[] };
      expect(account.fields.map((f) => String(f['fullName'])).sort()).toEqual(
        runtime
          .filter((c) => String(c['fullName']).startsWith('Account.'))
          .map((c) => String(c['fullName']).slice('Account.'.length))
          .sort(),
      );
      expect(readdirSync(join(out, 'lwc', 'vigilHealthCard')).sort()).toEqual([
        'labels.js',
        'view.js',
        'vigilHealthCard.css',
        'vigilHealthCard.html',
        'vigilHealthCard.js',
        'vigilHealthCard.js-meta.xml',
      ]);
    });
  });
});
