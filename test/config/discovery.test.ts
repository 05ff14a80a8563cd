// Config discovery, extends, overrides and --rule.
import { describe, expect, it } from 'vitest';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Linter, type LinterOptions } from '../../src/engine/linter.js';
import { ConfigError } from '../../src/config/errors.js';
import { tempDir, SPEAKERS } from '../helpers.js';

const OWN_PACK = `name: own\n${SPEAKERS}rules:\n  no-x:\n    kind: banned\n    phrases: [坏话]\n`;

describe('config discovery and merging', () => {
  it('finds transcript-lint.yaml in a parent folder and extends a pack by relative path', () => {
    const dir = tempDir({
      'transcript-lint.yaml': 'extends: [./packs/own.yaml]\nrules:\n  own/no-x: warn\n',
      'packs/own.yaml': OWN_PACK,
      'calls/deep/a.txt': '',
    });
    const linter = Linter.create({ cwd: join(dir, 'calls', 'deep') });
    expect(linter.compiled.config.configFile).toBe(join(dir, 'transcript-lint.yaml'));
    const result = linter.lintText('客服: 这是坏话');
    expect(result.messages.map((m) => [m.ruleId, m.severity])).toEqual([['own/no-x', 1]]);
  });

  it('.transcript-lint.yaml also counts; the config adds its own rules with id config/…', () => {
    const dir = tempDir({ '.transcript-lint.yaml': `${SPEAKERS}rules:\n  say-name:\n    kind: required\n    speaker: agent\n    phrases: [康泰鑫]\n` });
    const result = Linter.create({ cwd: dir }).lintText('客服: 您好');
    expect(result.messages.map((m) => m.ruleId)).toEqual(['config/say-name']);
  });

  it('reads a config and a pack whose lines end in a lone CR as lines (YAML 1.2 counts CR as a line break), errors at their line', () => {
    // Until 2026-12-01 such a config was one line to the YAML parser: "the next line is indented deeper than this key".
    const dir = tempDir({
      'transcript-lint.yaml': 'extends: [./packs/own.yaml]\rrules:\r  own/no-x: warn\r',
      'packs/own.yaml': OWN_PACK.replace(/\n/g, '\r'),
    });
    expect(Linter.create({ cwd: dir }).lintText('客服: 这是坏话').messages.map((m) => [m.ruleId, m.severity])).toEqual([['own/no-x', 1]]);
    const broken = tempDir({ 'transcript-lint.yaml': 'extends: [./packs/own.yaml]\rrules:\r  own/no-y: warn\r', 'packs/own.yaml': OWN_PACK.replace(/\n/g, '\r') });
    try {
      Linter.create({ cwd: broken });
      expect.unreachable('a rule that does not exist');
    } catch (err) {
      expect((err as ConfigError).issues.map((i) => [i.line, i.column])).toEqual([[3, 3]]);
    }
  });

  it('a transcript-lint.yaml that is a broken symbolic link is an error naming the link, not a config passed over', () => {
    // Until 2026-12-02 discovery looked past it (existsSync follows links): the run used a parent folder's config or
    // the default pack without a word, where the team's config was meant (a link to a share not mounted).
    const dir = tempDir({ 'transcript-lint.yaml': 'extends: [./packs/own.yaml]\n', 'packs/own.yaml': OWN_PACK, 'calls/a.txt': '' });
    symlinkSync(join(dir, 'shared', 'missing.yaml'), join(dir, 'calls', 'transcript-lint.yaml'));
    for (const options of [{ cwd: join(dir, 'calls') }, { cwd: join(dir, 'calls'), configFile: 'transcript-lint.yaml' }]) {
      try {
        Linter.create(options);
        expect.unreachable('the config is a broken link');
      } catch (err) {
        const [issue] = (err as ConfigError).issues;
        expect(issue.file).toBe('transcript-lint.yaml');
        expect(issue.message).toContain(`broken symbolic link (it points to "${join(dir, 'shared', 'missing.yaml')}", which does not exist)`);
        expect(issue.hint).toBe('fix or remove the link');
      }
    }
  });

  it('a --pack or an extends: entry that is a broken symbolic link is named as one, as a config is (it was "pack file not found")', () => {
    const dir = tempDir({ 'transcript-lint.yaml': 'extends: [./packs/team.yaml]\n', 'packs/own.yaml': OWN_PACK });
    symlinkSync(join(dir, 'shared', 'team.yaml'), join(dir, 'packs', 'team.yaml'));
    symlinkSync(join(dir, 'shared', 'x.yaml'), join(dir, 'x.yaml'));
    const cases: [LinterOptions, string][] = [[{ cwd: dir, packs: ['./x.yaml'], noConfigLookup: true }, '--pack ./x.yaml'], [{ cwd: dir }, 'transcript-lint.yaml']];
    for (const [options, file] of cases) {
      try {
        Linter.create(options);
        expect.unreachable('the pack is a broken link');
      } catch (err) {
        const [issue] = (err as ConfigError).issues;
        expect(issue.file).toBe(file);
        expect(issue.message).toMatch(/^pack file "\.\/(x|packs\/team)\.yaml": broken symbolic link \(it points to ".*(x|team)\.yaml", which does not exist\)$/);
        expect(issue.hint).toBe('fix or remove the link');
      }
    }
  });

  it('an extends: or --pack path that is not a .yaml or .yml file is refused unread: a config dropped in an archive read /proc, .env files and tokens, and quoted their values in its errors', () => {
    const dir = tempDir({ 'secret.env': 'name: SECRET-VALUE-123\nrules: {}\n', 'archive/a.txt': '客服: 您好\n' });
    const cases: [string, string][] = [['../secret.env', '../secret.env'], ['/proc/version', '/proc/version'], ['./packs/team', './packs/team']];
    for (const [reference, shown] of cases) {
      for (const options of [{ cwd: join(dir, 'archive'), packs: [reference], noConfigLookup: true }, { cwd: join(dir, 'archive'), configFile: 'c.yaml' }]) {
        try {
          if ('configFile' in options) Linter.create({ ...options, configFile: join(tempDir({ 'c.yaml': `extends: [${reference}]\n` }), 'c.yaml') });
          else Linter.create(options);
          expect.unreachable(`${reference} is not a pack`);
        } catch (err) {
          const [issue] = (err as ConfigError).issues;
          expect(issue.message).toBe(`pack file "${shown}" is not a .yaml or .yml file: packs are YAML files named so, and nothing else is read as one`);
          expect(issue.message).not.toContain('SECRET');
        }
      }
    }
    // .yml and upper case are packs.
    const packs = tempDir({ 'team.YML': OWN_PACK });
    expect(() => Linter.create({ cwd: packs, packs: ['./team.YML'], noConfigLookup: true })).not.toThrow();
  });

  it('extends a built-in pack by name; without any config the built-in zh-callcenter is used', () => {
    const dir = tempDir({});
    const linter = Linter.create({ cwd: dir });
    expect(linter.compiled.config.packs.map((p) => p.name)).toEqual(['zh-callcenter']);
  });

  it('--rule overrides a severity, and turns a rule off', () => {
    const dir = tempDir({ 'own.yaml': OWN_PACK });
    const off = Linter.create({ cwd: dir, packs: ['./own.yaml'], rules: ['own/no-x: off'] });
    expect(off.lintText('客服: 坏话').messages).toEqual([]);
    const warn = Linter.create({ cwd: dir, packs: ['./own.yaml'], rules: ['own/no-x=warn'] });
    expect(warn.lintText('客服: 坏话').messages[0].severity).toBe(1);
  });

  it('an override of a rule that does not exist is an error with a suggestion', () => {
    const dir = tempDir({ 'transcript-lint.yaml': 'extends: zh-callcenter\nrules:\n  zh-callcenter/gret-first: warn\n' });
    expect(() => Linter.create({ cwd: dir })).toThrow(ConfigError);
    try {
      Linter.create({ cwd: dir });
    } catch (err) {
      expect((err as ConfigError).issues[0]).toMatchObject({ file: 'transcript-lint.yaml', line: 3, column: 3, hint: 'did you mean "zh-callcenter/greet-first"?' });
    }
  });

  it('an unknown built-in pack name and an extends loop are errors', () => {
    const dir = tempDir({ 'a.yaml': 'name: a\nextends: ./b.yaml\n', 'b.yaml': 'name: b\nextends: ./a.yaml\n', 'c.yaml': 'name: c\nextends: zh-calcenter\n' });
    expect(() => Linter.create({ cwd: dir, packs: ['./a.yaml'] })).toThrow(/loop/);
    expect(() => Linter.create({ cwd: dir, packs: ['./c.yaml'] })).toThrow(/unknown pack "zh-calcenter"[\s\S]*did you mean "zh-callcenter"/);
  });

  it('two packs with the same name are an error', () => {
    const dir = tempDir({ 'a.yaml': 'name: same\n', 'b.yaml': 'name: same\n' });
    expect(() => Linter.create({ cwd: dir, packs: ['./a.yaml', './b.yaml'] })).toThrow(/already used/);
  });
});
