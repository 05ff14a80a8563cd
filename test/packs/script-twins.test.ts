// A Traditional-script transcript gets the same problems (rule, line, column) as its Simplified twin, with its
// messages in Traditional script (a QA analyst in Taipei or Hong Kong reads Traditional); complete, well-behaved
// calls produce no problem at all.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Linter } from '../../src/engine/linter.js';
import { detectScript, toScript } from '../../src/text/script.js';
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
  const messages = (file: string) => linter.lintText(readFileSync(file, 'utf8'), file).messages;
  for (const name of names) {
    it(name, () => {
      expect(problems(join(traditional, name))).toEqual(problems(join(simplified, name)));
      // The message in the file's script: the Simplified twin's, converted, save what it quotes from the call.
      const text = readFileSync(join(traditional, name), 'utf8');
      const script = detectScript(text);
      expect(script === 'tw' || script === 'hk' || script === 't').toBe(true);
      const twin = messages(join(simplified, name));
      messages(join(traditional, name)).forEach((m, i) => {
        if (detectScript(m.message) !== undefined) expect(detectScript(m.message), m.message).not.toBe('simplified');
        if (detectScript(twin[i].message) !== undefined) expect(detectScript(twin[i].message), twin[i].message).toBe('simplified');
        // The rule's own words lead the message, converted by the file's standard (what follows quotes the call).
        const rule = linter.compiled.rules.find((r) => r.entry.id === m.ruleId);
        if (rule) expect(m.message.startsWith(toScript(rule.message, script!)), m.message).toBe(true);
      });
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
