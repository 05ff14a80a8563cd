// The acceptance check of fuzzy matching: each noisy call in fixtures/asr gets the problems of its clean version.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Linter } from '../src/engine/linter.js';
import { ROOT, tempDir } from './helpers.js';

const FIXTURES = join(ROOT, 'fixtures', 'asr');
/** The one measured miss (README): 懂不懂 heard as 董不董, two of three characters wrong. */
const KNOWN_MISSES: Record<string, string[]> = { 'call-08.txt': ['zh-callcenter/banned-tingdong-le-ba@3'] };

describe('fixtures/asr: noisy calls under fuzzy: pinyin', () => {
  const dir = tempDir({ 'fuzzy.yaml': 'name: asr\nextends: [zh-callcenter]\nfuzzy: pinyin\n' });
  const exact = Linter.create({ cwd: dir, noConfigLookup: true });
  const fuzzy = Linter.create({ cwd: dir, configFile: join(dir, 'fuzzy.yaml') });
  const problems = (linter: Linter, file: string) =>
    linter.lintFile(file).messages.filter((m) => m.ruleId).map((m) => `${m.ruleId}@${m.line}`).sort();

  for (const name of readdirSync(join(FIXTURES, 'clean')).filter((f) => f.endsWith('.txt'))) {
    it(`${name}: the noisy call has the clean call's problems`, () => {
      const clean = problems(exact, join(FIXTURES, 'clean', name));
      const known = KNOWN_MISSES[name] ?? [];
      expect(problems(fuzzy, join(FIXTURES, 'noisy', name))).toEqual(clean.filter((p) => !known.includes(p)));
      expect(problems(fuzzy, join(FIXTURES, 'clean', name))).toEqual(clean);
    });
  }

  it('exact matching misses problems in noisy calls (the fixtures are noisy enough to matter)', () => {
    const name = 'call-02.txt';
    expect(problems(exact, join(FIXTURES, 'noisy', name))).not.toEqual(problems(exact, join(FIXTURES, 'clean', name)));
  });
});
