// Every mistake in a pack is reported as FILE:LINE:COLUMN with a hint, and nothing is silently ignored.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { didYouMean } from '../../src/config/errors.js';
import { packIssues, packWith, ROOT, runCli, tempDir } from '../helpers.js';

describe('pack errors', () => {
  it('unknown rule kind, with the close name suggested', () => {
    expect(packIssues(packWith('rules:\n  a:\n    kind: bannned\n    phrases: [x]\n'))).toEqual([
      '7:11 unknown rule kind "bannned" | did you mean "banned"?',
    ]);
  });

  it('misspelled key: an error at the key, never ignored', () => {
    expect(packIssues(packWith('rules:\n  a:\n    kind: banned\n    phrases: [x]\n    speakr: agent\n'))).toEqual([
      '9:5 unknown key "speakr" in rules.a | did you mean "speaker"?',
    ]);
  });

  it('unknown top-level key', () => {
    expect(packIssues(packWith('phrase:\n  a: [x]\n'))[0]).toMatch(/^5:1 unknown key "phrase" in the top level \| did you mean "phrases"\?/);
  });

  it('bad severity', () => {
    expect(packIssues(packWith('rules:\n  a:\n    kind: banned\n    phrases: [x]\n    severity: eror\n'))).toEqual([
      '9:15 "eror" is not a valid severity | did you mean "error"?',
    ]);
  });

  it('a severity override that is not a severity: one error, without the schema\'s "must NOT be valid" beside it', () => {
    expect(packIssues('extends: zh-callcenter\nrules:\n  zh-callcenter/greet-first: warning\n')).toEqual([
      '3:30 "warning" is not a valid severity | did you mean "warn"?',
    ]);
    // A word that only extends a valid one by a few letters is the same slip (errors, warning); a far one is not.
    expect(packIssues(packWith('rules:\n  a:\n    kind: banned\n    phrases: [x]\n    severity: errors\n'))).toEqual([
      '9:15 "errors" is not a valid severity | did you mean "error"?',
    ]);
    expect(packIssues(packWith('rules:\n  a:\n    kind: banned\n    phrases: [x]\n    severity: warnings-only\n'))).toEqual([
      '9:15 "warnings-only" is not a valid severity | use one of: error, warn, off',
    ]);
  });

  it('KEY:VALUE without a space after the colon: the hint says to add one (it read "rules must be a mapping")', () => {
    expect(packIssues('extends: zh-callcenter\nrules:\n  zh-callcenter/greet-first:warn\n')).toEqual([
      '3:3 rules must be a mapping | YAML reads "zh-callcenter/greet-first:warn" as one word: put a space after the colon ("zh-callcenter/greet-first: warn")',
    ]);
    expect(packIssues(packWith('rules:\n  a:\n    kind:banned\n')).join('\n')).toContain('YAML reads "kind:banned" as one word: put a space after the colon ("kind: banned")');
  });

  it('a phrase set named after another pack\'s: says how to add phrases to it (it said "not an option a rule can override" and listed rule options)', () => {
    expect(packIssues('extends: zh-callcenter\nphrases:\n  zh-callcenter/salutation: [哈喽]\n')).toEqual([
      '3:3 phrases: "zh-callcenter/salutation" is a set of another pack, which a config or pack cannot change | make a set of your own that includes it, e.g. my-salutation: [哈喽, { include: zh-callcenter/salutation }], and give it to the rule that should use it: zh-callcenter/RULE: { phrases: my-salutation }',
    ]);
    expect(packIssues(packWith('phrases:\n  "my set": [x]\n'))).toEqual([
      '6:3 "my set" is not a valid phrase-set name | use letters, digits, Chinese characters, dots, dashes and underscores',
    ]);
  });

  it('a count of .inf or 1e400: refused at its place (it passed as an integer and reported every transcript)', () => {
    for (const min of ['.inf', '1e400']) {
      expect(packIssues(packWith(`rules:\n  a:\n    kind: count\n    speaker: agent\n    phrases: [您]\n    min: ${min}\n`))).toEqual([
        '10:10 rules.a.min must be <= 1000000',
      ]);
    }
    expect(packIssues(packWith('rules:\n  a:\n    kind: count\n    speaker: agent\n    phrases: [您]\n    min: 2\n'))).toEqual([]);
  });

  it('min-if or min-capped-by-turns without a min: refused (they shape the minimum, and were ignored beside max alone)', () => {
    for (const option of ['min-if: [请问]', 'min-capped-by-turns: true']) {
      expect(packIssues(packWith(`rules:\n  a:\n    kind: count\n    speaker: agent\n    phrases: [您]\n    max: 3\n    ${option}\n`))).toEqual([
        `7:5 rules.a must have property min when property ${option.split(':')[0]} is present`,
      ]);
    }
  });

  it('unknown phrase set, pointing at the reference', () => {
    expect(packIssues(packWith('phrases:\n  greeting: [您好]\nrules:\n  a:\n    kind: required\n    phrases: greting\n'))).toEqual([
      '10:14 unknown phrase set "greting" | did you mean "greeting"?',
    ]);
  });

  it('a phrase set of the pack extended, named without its pack: the hint gives the name to write', () => {
    const yaml = 'extends: zh-callcenter\nrules:\n  a:\n    kind: banned\n    phrases: asks-or-requests\n';
    expect(packIssues(packWith(yaml))).toEqual([
      '9:14 unknown phrase set "asks-or-requests" | a set of another pack is named with its pack: did you mean "zh-callcenter/asks-or-requests"?',
    ]);
    expect(packIssues(packWith(yaml.replace('asks-or-requests', 'zh-callcenter/asks-or-requests')))).toEqual([]);
  });

  it('duplicate rule id', () => {
    expect(packIssues(packWith('rules:\n  a:\n    kind: banned\n    phrases: [x]\n  a:\n    kind: banned\n    phrases: [y]\n'))[0])
      .toMatch(/^9:3 duplicate key/);
  });

  it('missing required option of a kind', () => {
    expect(packIssues(packWith('rules:\n  a:\n    kind: order\n    before: [x]\n'))).toEqual([
      '6:3 rules.a is missing "after" | add "after:"',
    ]);
  });

  it('bad phrase placeholder, pointing at the phrase', () => {
    expect(packIssues(packWith('rules:\n  a:\n    kind: banned\n    phrases: [ok, "{*}坏"]\n'))[0]).toMatch(/^8:19 phrase "\{\*\}坏" starts with a placeholder/);
  });

  it('a pattern RE2 cannot run (back-reference) is rejected at load time', () => {
    expect(packIssues(packWith('rules:\n  a:\n    kind: pattern\n    pattern: "(a)\\\\1"\n'))[0]).toMatch(/^8:14 pattern cannot be used: .*\| patterns use RE2 syntax/);
  });

  // Look-around needs backtracking (re2js could run look-behind in linear time, but only behind a flag we leave off).
  for (const lookaround of ['(?=a)b', '(?!a)b', '(?<=a)b', '(?<!a)b']) {
    it(`a pattern with look-around ${lookaround} is rejected at load time`, () => {
      expect(packIssues(packWith(`rules:\n  a:\n    kind: pattern\n    pattern: "${lookaround}"\n`))[0]).toMatch(/^8:14 pattern cannot be used: .*\| patterns use RE2 syntax/);
    });
  }

  it('a second YAML document (a "---" line) is said as such, not as "YAML cannot read this / check the indentation"', () => {
    expect(packIssues('name: x\nrules: {}\n---\nrules: {}\n')).toEqual([
      '3:1 YAML syntax error: a second YAML document starts here ("---"); a pack or config is one document | remove the "---" line, and move what follows it into the mapping above',
    ]);
  });

  it('an extends of a URL says that packs are not fetched, not that a file was looked for under the working folder', () => {
    expect(packIssues('name: x\nextends: https://example.com/team.yaml\nrules: {}\n')).toEqual([
      '2:10 pack "https://example.com/team.yaml" is a URL; packs are read from disk, never fetched | download it and extend the file by its path (extends: ./team.yaml)',
    ]);
  });

  it('YAML syntax errors carry their position', () => {
    expect(packIssues('name: x\nrules:\n  a: [unclosed\n')[0]).toMatch(/^\d+:\d+ YAML syntax error/);
  });

  it('a YAML tag cannot run code: it stays data and fails validation as a non-string', () => {
    const issues = packIssues(packWith('rules:\n  a:\n    kind: banned\n    phrases: !!js/function "function(){ process.exit(9) }"\n'));
    expect(issues.length).toBeGreaterThan(0);
  });

  it('a built-in pack edited by its user is checked in full, even when its text keeps its length', () => {
    const builtin = readFileSync(join(ROOT, 'rules', 'zh-callcenter.yaml'), 'utf8');
    const edited = builtin.replace('    severity: error\n', '    severity: errxr\n');
    expect(edited.length).toBe(builtin.length);
    const dir = tempDir({ 'zh-callcenter.yaml': edited });
    const run = runCli(['--no-config-lookup', '--pack', join(dir, 'zh-callcenter.yaml'), join(ROOT, 'fixtures', 'zh', 'address-by-surname.good.txt')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/zh-callcenter\.yaml:\d+:\d+.*"errxr" is not a valid severity/);
  });
});

describe('"did you mean" names only a near name', () => {
  const rules = ['zh-callcenter/banned-qin', 'zh-callcenter/banned-ni', 'zh-callcenter/greet-first', 'zh-callcenter/banned-bu-zhidao'];

  it('a slip in the part after a shared beginning is near; another word there is not', () => {
    expect(didYouMean('zh-callcenter/banned-foo', rules)).toBeUndefined();
    expect(didYouMean('zh-callcenter/banned-xyz', rules)).toBeUndefined();
    expect(didYouMean('zh-callcenter/banned-qni', rules)).toBe('did you mean "zh-callcenter/banned-qin"?');
    expect(didYouMean('zh-callcenter/greet-frist', rules)).toBe('did you mean "zh-callcenter/greet-first"?');
    expect(didYouMean('zh-callcenter/banned-buzhidao', rules)).toBe('did you mean "zh-callcenter/banned-bu-zhidao"?');
    expect(didYouMean('zh-calcenter/greet-first', rules)).toBe('did you mean "zh-callcenter/greet-first"?');
  });

  it('without a shared beginning, as before: a third of the word, at least two edits', () => {
    expect(didYouMean('warning', ['error', 'warn', 'off'])).toBe('did you mean "warn"?');
    expect(didYouMean('speakr', ['speaker', 'phrases'])).toBe('did you mean "speaker"?');
    expect(didYouMean('timing', ['error', 'warn', 'off'])).toBeUndefined();
  });
});
