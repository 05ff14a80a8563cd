// A Traditional-script transcript gets exactly the same results as its Simplified twin, and complete,
// well-behaved calls produce no problem at all.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Linter } from '../../src/engine/linter.js';
import { ROOT } from '../helpers.js';

const simplified = join(ROOT, 'fixtures', 'zh');
const traditional = join(ROOT, 'fixtures', 'zh-hant');
const linter = Linter.create({ cwd: ROOT, packs: ['zh-callcenter'], noConfigLookup: true });
const problems = (file: string) =>
  linter.lintText(readFileSync(file, 'utf8'), file).messages.map((m) => `${m.ruleId}@${m.line}:${m.column}-${m.endLine}:${m.endColumn}`);

describe('zh-callcenter: Traditional twins', () => {
  const names = readdirSync(simplified).filter((f) => f.endsWith('.txt'));
  it('every Simplified fixture has a Traditional twin', () => {
    expect(readdirSync(traditional).filter((f) => f.endsWith('.txt')).sort()).toEqual(names.sort());
  });
  for (const name of names) {
    it(name, () => {
      expect(problems(join(traditional, name))).toEqual(problems(join(simplified, name)));
    });
  }
});

describe('zh-callcenter: complete, well-behaved calls', () => {
  const calls = [simplified, traditional].flatMap((dir) => readdirSync(dir).filter((f) => f.startsWith('good-call')).map((f) => join(dir, f)));
  it('there are good calls in both scripts', () => expect(calls.length).toBeGreaterThanOrEqual(8));
  for (const file of calls) {
    it(file.slice(ROOT.length + 1), () => expect(problems(file)).toEqual([]));
  }
});
