import { describe, expect, it } from 'vitest';
import { defaultScoringConfig, parseScoringConfig } from '../../domain/config/parse.ts';
import { FIELD_GROUPS, fieldForIssue, valueAt } from './settings-fields.ts';

const fields = FIELD_GROUPS.flatMap((g) => g.fields);

function set(config: unknown, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = config as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
  node[keys.at(-1)!] = value;
}

describe('settings form fields', () => {
  it('binds every field to a setting of the scoring config, with the right kind of value', () => {
    const config = defaultScoringConfig();
    for (const f of fields) {
      const v = valueAt(config, f.path);
      expect(v, f.path).not.toBeUndefined();
      if (v === null) {
        expect(f.nullable, `${f.path} is null by default, so its input must allow empty`).toBe(true);
        continue;
      }
      const expected = {
        number: 'number',
        text: 'string',
        select: 'string',
        checkbox: 'boolean',
        list: 'object',
      }[f.kind];
      expect(typeof v, f.path).toBe(expected);
      if (f.kind === 'select') expect(f.options, f.path).toContain(v);
    }
    expect(new Set(fields.map((f) => f.path)).size).toBe(fields.length);
  });

  it('places each parser issue on its field, group rules on their first field', () => {
    const bands = defaultScoringConfig();
    set(bands, 'health.bands.healthy', 30);
    const r1 = parseScoringConfig(bands);
    expect(r1.ok).toBe(false);
    if (!r1.ok) expect(r1.issues.map((i) => fieldForIssue(i.path)?.path)).toEqual(['health.bands.healthy']);

    const weights = defaultScoringConfig();
    for (const c of ['usage', 'support', 'sentiment', 'engagement', 'commercial'])
      set(weights, `health.weights.${c}`, 0);
    const r2 = parseScoringConfig(weights);
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(fieldForIssue(r2.issues[0]!.path)?.path).toBe('health.weights.usage');

    const typo = defaultScoringConfig();
    set(typo, 'mapping.company.name', null);
    const r3 = parseScoringConfig(typo);
    expect(r3.ok).toBe(false);
    if (!r3.ok) expect(fieldForIssue(r3.issues[0]!.path)?.path).toBe('mapping.company.name');

    expect(fieldForIssue('health.signals.usage.daysSinceLastLogin.curve')).toBeNull();
    expect(fieldForIssue('')).toBeNull();
  });

  it('a nullable field left empty still parses (null means "not mapped" / "the book’s own rate")', () => {
    const config = defaultScoringConfig();
    for (const f of fields) if (f.nullable === true) set(config, f.path, null);
    expect(parseScoringConfig(config).ok).toBe(true);
  });
});
