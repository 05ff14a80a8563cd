// The sentences of test/fix/fix-table.tsv through the real fixer and the built-in packs: the exact text each turn
// reads after --fix, no new problem made, every prescribed wording of the packs covered, and the rewrites a trainer
// reported (issue 12) never made again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fixUntilStable } from '../../src/engine/fix.js';
import { Linter } from '../../src/engine/linter.js';
import { detectScript, toScript } from '../../src/text/script.js';
import { ROOT } from '../helpers.js';

interface Row {
  /** zh = zh-callcenter, en = en-callcenter, en-chat = en-chat (which extends en-callcenter). */
  pack: 'zh' | 'en' | 'en-chat';
  mode: 'fix' | 'all';
  place: 'first' | 'middle';
  register: 'phone' | 'chat';
  input: string;
  expected: string;
  line: number;
}

const rows: Row[] = readFileSync(join(ROOT, 'test/fix/fix-table.tsv'), 'utf8').split('\n')
  .map((text, i) => ({ text, line: i + 1 }))
  .filter(({ text }) => text && !text.startsWith('#') && !text.startsWith('pack\t'))
  .map(({ text, line }) => {
    const [pack, mode, place, register, input, expected] = text.split('\t');
    return { pack, mode, place, register, input, expected, line } as Row;
  });

const linters = {
  zh: Linter.create({ packs: ['zh-callcenter'], noConfigLookup: true }),
  en: Linter.create({ packs: ['en-callcenter'], noConfigLookup: true }),
  'en-chat': Linter.create({ packs: ['en-chat'], noConfigLookup: true }),
};

/** A short call around the agent's turn, in the turn's own script. */
function callAround(row: Row): { text: string; line: number } {
  if (row.pack !== 'zh') {
    return { text: `Agent: Hello, thank you for calling, my name is Anna. How can I help you?\nCustomer: I have a question about my bill.\nAgent: ${row.input}\nCustomer: OK.\n`, line: 3 };
  }
  const traditional = detectScript(row.input) !== undefined && detectScript(row.input) !== 'simplified';
  const say = (text: string): string => (traditional ? toScript(text, 'tw') : text);
  const customer = traditional ? '客戶' : '客户';
  if (row.place === 'first') return { text: `客服: ${row.input}\n${customer}: ${say('我想问一下我的账单。')}\n`, line: 1 };
  return { text: `客服: ${say('您好，康泰鑫客服128号为您服务，请问有什么可以帮您？')}\n${customer}: ${say('我想问一下我的账单。')}\n客服: ${row.input}\n${customer}: ${say('好的。')}\n`, line: 3 };
}

function fixRow(row: Row) {
  const linter = linters[row.pack];
  const call = callAround(row);
  const lint = (text: string) => linter.lintText(text, 'call.txt');
  const fixed = fixUntilStable(call.text, lint, { suggestions: row.mode === 'all', flagsWords: (id) => linter.flagsWords(id) });
  const turn = fixed.output.split('\n')[call.line - 1].replace(/^(客服|Agent): /, '');
  return { before: lint(call.text), fixed, turn };
}

describe('the fix table', () => {
  it('has at least 40 sentences, in both scripts, on the phone and in chat, for both packs', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(new Set(rows.map((r) => r.register))).toEqual(new Set(['phone', 'chat']));
    expect(new Set(rows.map((r) => r.pack))).toEqual(new Set(['zh', 'en', 'en-chat']));
    expect(rows.some((r) => r.pack === 'zh' && detectScript(r.input) === 'tw')).toBe(true);
    expect(rows.some((r) => r.pack === 'zh' && detectScript(r.input) === 'simplified')).toBe(true);
  });

  for (const row of rows) {
    it(`line ${row.line}: 「${row.input}」 → 「${row.expected}」 (${row.mode})`, () => {
      const { before, fixed, turn } = fixRow(row);
      expect(turn).toBe(row.expected);
      // No new problem: every problem left was there before the fix, rule for rule.
      const count = (ids: (string | null)[]) => ids.reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map<string | null, number>());
      const was = count(before.messages.map((m) => m.ruleId));
      for (const [id, n] of count(fixed.result.messages.map((m) => m.ruleId))) expect(n, `${id} after the fix`).toBeLessThanOrEqual(was.get(id) ?? 0);
    });
  }

  it('covers every suggest: wording and every fix wording of the built-in packs', () => {
    const expected = rows.map((r) => toScript(r.expected, 'simplified').toLowerCase());
    for (const pack of ['zh-callcenter', 'en-callcenter']) {
      const data = parse(readFileSync(join(ROOT, 'rules', `${pack}.yaml`), 'utf8')) as { rules: Record<string, { suggest?: string | Record<string, string>; fix?: { with?: string }[] }> };
      for (const [id, rule] of Object.entries(data.rules)) {
        const wordings = [
          ...(typeof rule.suggest === 'string' ? [rule.suggest] : Object.values(rule.suggest ?? {})),
          // A wording around carried-over words ($1) is covered part by part.
          ...(rule.fix ?? []).flatMap((f) => (f.with ? f.with.split(/\$\d/) : [])),
        ].filter((w) => w.length > 1);
        for (const wording of new Set(wordings)) {
          // The wording as it lands: its closing mark may give way to the text's, a leading capital to the sentence.
          const core = wording.replace(/[。？！，.?!]$/, '').toLowerCase();
          expect(expected.some((e) => e.includes(core)), `${pack}/${id}: 「${wording}」 is in no row`).toBe(true);
        }
      }
    }
  });
});

describe('the rewrites a trainer reported (issue 12)', () => {
  const zh = linters.zh;
  const fix = (text: string) => fixUntilStable(text, (t) => zh.lintText(t, 'role-play.txt')).output;

  it('does not paste the wording into the middle of a clause: 具体什么原因我也不知道', () => {
    const out = fix('客服: 您好，康泰鑫客服128号为您服务，请问有什么可以帮您？\n客户: 为什么扣了我五十块？\n客服: 具体什么原因我也不知道\n');
    expect(out).not.toContain('我也我先帮您咨询一下');
    expect(out).toContain('客服: 具体什么原因我先帮您咨询一下\n');
  });

  it('writes Traditional wording into a Traditional file: 這個我不知道', () => {
    const out = fix('客服: 您好，康泰鑫客服128號為您服務，請問有什麼可以幫您？\n客戶: 為什麼扣了我五十塊？\n客服: 這個我不知道\n');
    expect(out).not.toContain('我我先');
    expect(out).not.toContain('帮您咨询');
    expect(out).toContain('客服: 這個我先幫您諮詢一下\n');
  });

  it('answers 喂，什麼事？ with a greeting, not two questions glued together', () => {
    const out = fix('客服: 喂，什麼事？\n客戶: 我想查話費。\n');
    expect(out).not.toContain('听得见');
    expect(out).not.toContain('聽得見');
    expect(out).toBe('客服: 您好，請問有什麼可以幫您？\n客戶: 我想查話費。\n');
  });
});
