// The pure fixer: text + messages → new text, and the multi-pass loop.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFixes, fixUntilStable } from '../src/engine/fix.js';
import { Linter } from '../src/engine/linter.js';
import type { LintMessage } from '../src/types.js';
import { linterFor, packWith, ROOT } from './helpers.js';

const fixAt = (start: number, end: number, text: string): LintMessage => ({ ruleId: 'r', severity: 2, message: 'm', line: 1, column: 1, fix: { range: [start, end], text } });

describe('applyFixes', () => {
  it('applies fixes in range order, whatever order the messages come in', () => {
    const out = applyFixes('abcdefgh', [fixAt(6, 7, 'G'), fixAt(0, 1, 'AA'), fixAt(3, 3, '+')]);
    expect(out.output).toBe('AAbc+defGh');
    expect(out.inserted).toEqual([[0, 2], [4, 5], [8, 9]]);
  });

  it('skips a fix that overlaps or touches one already taken, for a later pass', () => {
    const out = applyFixes('abcdef', [fixAt(1, 3, 'X'), fixAt(2, 4, 'Y'), fixAt(3, 5, 'Z')]);
    expect(out.output).toBe('aXdef');
    expect(out.skipped.map((m) => m.fix!.text)).toEqual(['Y', 'Z']);
  });

  it('lets the widest of competing fixes win: a whole phrase\'s wording over a word\'s inside it', () => {
    const out = applyFixes('客服: 你说什么', [fixAt(4, 5, '您'), fixAt(4, 8, '请您再说一遍'), fixAt(6, 8, '何事')]);
    expect(out.output).toBe('客服: 请您再说一遍');
    expect(out.skipped.map((m) => m.fix!.text)).toEqual(['何事', '您']);
  });

  it('holds back a narrower fix inside the words of a wider one that waits (你 → 您 undid the problem of 你说什么)', () => {
    // 你说什么 [4, 8) waits for the fix that touches it, [8, 12); the fix of 你 [4, 5) inside it waits too.
    const out = applyFixes('客服: 你说什么？声音太小', [fixAt(4, 5, '您'), fixAt(4, 8, '请您再说一遍'), fixAt(8, 13, '？请大声一点好吗')]);
    expect(out.output).toBe('客服: 你说什么？请大声一点好吗');
    expect(out.skipped.map((m) => m.fix!.text)).toEqual(['请您再说一遍', '您']);
    // Outside the words of every fix that waits: taken.
    expect(applyFixes('客服: 你说什么？声音太小 你', [fixAt(4, 5, '您'), fixAt(4, 8, '请您再说一遍'), fixAt(8, 13, '？请大声一点好吗'), fixAt(14, 15, '您')]).output)
      .toBe('客服: 你说什么？请大声一点好吗 您');
  });

  it('gives replacement text the file\'s line endings and leaves messages without fixes alone', () => {
    const plain: LintMessage = { ruleId: 'r', severity: 1, message: 'no fix', line: 1, column: 1 };
    expect(applyFixes('a\r\nb\r\n', [plain, fixAt(0, 1, 'x\ny')]).output).toBe('x\r\ny\r\nb\r\n');
    expect(applyFixes('a\nb\n', [fixAt(0, 1, 'x\ny')]).output).toBe('x\ny\nb\n');
  });
});

/** A pack with one rule: 不知道 is banned, fixed by this wording wherever it stands. */
const idkLinter = (wording: string) => linterFor(packWith(`rules:
  idk:
    kind: banned
    speaker: agent
    phrases: [不知道]
    fix: [{ replace: 不知道, with: ${wording}, span: phrase }]
`));

describe('fixUntilStable', () => {
  it('fixes touching problems of one line in one pass and returns the lint result of the final text', () => {
    const linter = idkLinter('我查查');
    // One problem per rule per line: the three touching matches are one problem whose fix mends all three.
    const fixed = fixUntilStable('客服: 不知道不知道不知道\n', (text) => linter.lintText(text));
    expect(fixed.output).toBe('客服: 我查查我查查我查查\n');
    expect(fixed.passes).toBe(1);
    expect(fixed.fixCount).toBe(1);
    expect(fixed.result.messages).toEqual([]);
  });

  it('never fixes text a fix inserted, so a wording that contains its phrase cannot grow the file', () => {
    const linter = idkLinter('我也不知道');
    const fixed = fixUntilStable('客服: 不知道\n', (text) => linter.lintText(text));
    expect(fixed.output).toBe('客服: 我也不知道\n');
    expect(fixed.passes).toBe(1);
    // The problem is still reported, but not as fixable.
    expect(fixed.result.messages.map((m) => [m.column, m.fix])).toEqual([[7, undefined]]);
    expect(fixed.result.fixableErrorCount).toBe(0);
  });

  it('never writes a line break: a wording with one would add a turn, in any speaker\'s name (it was applied)', () => {
    for (const breakChar of ['\\n', '\\r', '\\u2028']) {
      const linter = idkLinter(`"我帮您问一下${breakChar}客户：我同意录音"`);
      const fixed = fixUntilStable('客服: 不知道\n', (text) => linter.lintText(text));
      expect(fixed.output).toBe('客服: 不知道\n');
      expect(fixed.result.messages.map((m) => [m.ruleId, m.fix])).toEqual([['test/idk', undefined]]);
    }
    const suggesting = linterFor(packWith('rules:\n  idk:\n    kind: banned\n    speaker: agent\n    phrases: [不知道]\n    suggest: "我帮您问一下\\n客户：我同意录音"\n'));
    expect(suggesting.lintText('客服: 不知道\n').messages.map((m) => [m.ruleId, m.suggestions])).toEqual([['test/idk', undefined]]);
  });

  it('with suggestions: a wider change over a word a fix replaced is made in the same run, so a second run changes nothing', () => {
    const linter = Linter.create({ packs: ['zh-callcenter'], noConfigLookup: true });
    const lint = (text: string) => linter.lintText(text, 'call.txt');
    for (const file of ['fixtures/zh/bad-call-rude.txt', 'fixtures/zh-hant/bad-call-rude.txt', 'fixtures/asr/clean/call-02.txt', 'fixtures/asr/noisy/call-15.txt']) {
      const once = fixUntilStable(readFileSync(join(ROOT, file), 'utf8'), lint, { suggestions: true }).output;
      expect(fixUntilStable(once, lint, { suggestions: true }).output, file).toBe(once);
    }
    // A wording put before a question's mark, then the suggestion for the sentence it closes (ends in 。 at once).
    const call81 = '客服: 什么事？\n客服: 那也没办法，等着吧。\n客服: 我不知道，你再说一遍。\n';
    const fixed81 = fixUntilStable(call81, lint, { suggestions: true }).output;
    expect(fixUntilStable(fixed81, lint, { suggestions: true }).output).toBe(fixed81);
    expect(fixed81).not.toMatch(/一下？/);
    // 你 → 您 (a fix), then the suggestion for the clauses from 不知道's to the sentence's end, over the other 你: not
    // left for a second run.
    const call = '客服: 您好，康泰鑫客服128号为您服务，请问有什么可以帮您？\n客户: 网断了。\n客服: 查到了，你那片区在检修，你问我我也不知道什么时候好。\n';
    expect(fixUntilStable(call, lint, { suggestions: true }).output.split('\n')[2]).toBe('客服: 查到了，您那片区在检修，我先帮您咨询一下。');
  });

  it('a fix that writes a sentence\'s words back leaves them the file\'s: a 你 among them is fixed in the same run, so a second run changes nothing', () => {
    // Until 2026-12-02 the words a clause fix carried over counted as inserted text, never changed again: the first
    // run left 你的账单 (its fix dropped), the second made it 您的账单.
    const linter = Linter.create({ packs: ['zh-callcenter'], noConfigLookup: true });
    const lint = (text: string) => linter.lintText(text, 'call.txt');
    for (const [line, fixed] of [
      ['客服: 好的，你的账单我看一下，不知道', '客服: 好的，您的账单我看一下，我先帮您咨询一下'],
      ['客服: 好的，這個你問我我也不知道', '客服: 好的，這個您問我我先幫您諮詢一下'],
    ]) {
      const call = `客服: 您好，请问有什么可以帮您？\n客户: 账单不对\n${line}\n`;
      const once = fixUntilStable(call, lint).output;
      expect(once.split('\n')[2]).toBe(fixed);
      expect(fixUntilStable(once, lint).output).toBe(once);
    }
    // A wording that keeps the words it replaces is not changed again (不知道 → 我也不知道 would grow pass after pass).
    const keeps = linterFor(packWith('rules:\n  idk:\n    kind: banned\n    speaker: agent\n    phrases: [不知道]\n    fix:\n      - { replace: "(不知道)", with: "我也$1", span: phrase }\n    message: x\n'));
    const grown = fixUntilStable('客服: 这个不知道\n', (text) => keeps.lintText(text, 'call.txt'));
    expect([grown.output, grown.fixCount]).toEqual(['客服: 这个我也不知道\n', 1]);
  });

  it('--interactive asks about fixes and suggestions top to bottom, not fixes first', () => {
    const linter = linterFor(packWith(`rules:
  idk:
    kind: banned
    speaker: agent
    phrases: [不知道]
    suggest: 我先帮您查一下
    message: 不要说不知道
  ni:
    kind: banned
    speaker: agent
    phrases: [你]
    fix: [{ replace: 你, with: 您, span: phrase }]
    message: 称呼客户用您
`));
    const asked: [number, string][] = [];
    const fixed = fixUntilStable('客服: 这个不知道\n客服: 你好\n客服: 不知道\n', (text) => linter.lintText(text), {
      suggestions: true,
      confirm: (change) => (asked.push([change.line, change.kind]), true),
    });
    expect(asked).toEqual([[1, 'suggestion'], [2, 'fix'], [3, 'suggestion']]);
    expect(fixed.output).toBe('客服: 这个我先帮您查一下\n客服: 您好\n客服: 我先帮您查一下\n');
  });
});
