// Every built-in pack names the JSON Schema on its first line (editors validate with it) and validates against it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const RULES = join(ROOT, 'rules');
const packs = readdirSync(RULES).filter((f) => f.endsWith('.yaml')).sort();
const schema = JSON.parse(readFileSync(join(RULES, 'transcript-lint.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, discriminator: true, strict: false }).compile(schema);

describe('built-in packs and the JSON Schema', () => {
  it('finds the built-in packs', () => {
    expect(packs).toContain('zh-callcenter.yaml');
  });

  for (const file of packs) {
    it(`${file} references the schema on its first line and validates against it`, () => {
      const text = readFileSync(join(RULES, file), 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./transcript-lint.schema.json');
      const valid = validate(parse(text));
      expect(validate.errors ?? [], file).toEqual([]);
      expect(valid).toBe(true);
    });
  }

  it('rejects what the schema must reject (so the check above can fail)', () => {
    expect(validate({ name: 'x', rules: { r: { kind: 'banished', phrases: ['a'] } } })).toBe(false);
    expect(validate({ name: 'x', rules: { r: { kind: 'banned' } } })).toBe(false);
    expect(validate({ name: 'x', colour: 'red' })).toBe(false);
  });
});
