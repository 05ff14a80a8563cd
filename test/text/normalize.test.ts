import { describe, expect, it } from 'vitest';
import { DEFAULT_NORMALIZE, foldTable } from '../../src/text/fold-table.js';
import { foldGroups, foldRange, foldString, forEachNormalizedBatch, normalizeGroups, normalizeString } from '../../src/text/normalize.js';
import { compilePhrase, PhraseSyntaxError } from '../../src/text/phrase.js';
import { PhraseMatcher } from '../../src/text/matcher.js';

const table = foldTable(DEFAULT_NORMALIZE);

describe('normalization', () => {
  it('folds Traditional into Simplified, full width into half width, Latin case; drops punctuation', () => {
    expect(normalizeString('您好，請問有什麼可以幫您？', table)).toBe('您好请问有什么可以帮您');
    expect(normalizeString('ＡＢＣ１２３', table)).toBe('abc123');
    expect(normalizeString('帳戶 賬戶 账户', table)).toBe('账户账户账户');
  });

  it('keeps one space between Latin words so whole-word matching works, and joins apostrophes', () => {
    expect(normalizeString("I  don't, KNOW!", table)).toBe('i dont know');
    expect(normalizeString('您好 Agent 小王', table)).toBe('您好agent小王');
  });

  it('drops the invisible characters Unicode says to ignore, also outside the BMP, and keeps the offsets of what it keeps', () => {
    // Variation selectors (an emoji's U+FE0F, an ideographic variation sequence), the combining grapheme joiner, a
    // Mongolian selector, Hangul fillers, a tag: each kept a banned phrase apart (不\ufe0f知道 went unreported).
    expect(normalizeString('不\ufe0f知\u034f道\u180b了\u3164\uffa0', table)).toBe('不知道了');
    expect(normalizeString('不\u{e0100}知道\u{e0041}\u{e007f}', table)).toBe('不知道');
    expect(normalizeString("I do\ufe0fn't know", table)).toBe('i dont know');
    const n = normalizeGroups('不\u{e0100}知', [[{ start: 0, end: 4 }]], table);
    expect(n.text).toBe('不知');
    expect([...n.offsets]).toEqual([0, 3]);
    // The characters of other planes are kept, as before: a rare ideograph of Extension B.
    expect(normalizeString('\u{20000}知\u{2a6d6}', table)).toBe('\u{20000}知\u{2a6d6}');
  });

  it('folds Kangxi radicals and compatibility ideographs (text copied from a PDF) into the ideographs they stand for', () => {
    expect(normalizeString('听不\u2f92', table)).toBe('听不见'); // ⾒ KANGXI RADICAL SEE → 見 → 见
    expect(normalizeString('\uf967知道', table)).toBe('不知道'); // U+F967 CJK COMPATIBILITY IDEOGRAPH → 不
    expect(normalizeString('\u2f08\u2f2f', table)).toBe('人工');
    // Circled and parenthesized ideographs are numbers and signs of their own, left as they are.
    expect(normalizeString('㊀㈠', table)).toBe('㊀㈠');
  });

  it('maps every normalized character back to its original offset', () => {
    const source = 'xx說，話yy';
    const n = normalizeGroups(source, [[{ start: 2, end: 4 }], [{ start: 4, end: 7 }]], table);
    expect(n.text).toBe('说\n话yy');
    expect([...n.offsets]).toEqual([2, 4, 4, 5, 6]);
    expect([...n.groupStarts]).toEqual([0, 2]);
  });

  it('a long text normalizes as a short one does (its own buffer, not the shared one)', () => {
    const turn = '您好，請問 Agent 有什麼可以幫您？';
    const source = turn.repeat(60_000); // over a million units: normalized in a buffer of its own
    const spans = Array.from({ length: 60_000 }, (_, i) => [{ start: i * turn.length, end: (i + 1) * turn.length }]);
    const long = normalizeGroups(source, spans, table);
    const one = normalizeGroups(turn, [[{ start: 0, end: turn.length }]], table);
    expect(long.text).toBe(Array(60_000).fill(one.text).join('\n'));
    expect(long.offsets.length).toBe(long.text.length);
    const last = long.groupStarts[59_999];
    expect([...long.offsets.subarray(last)]).toEqual([...one.offsets].map((o) => o + 59_999 * turn.length));
  });

  it('folded ranges and groups of ranges give what slices of foldString give, and keep lone surrogate halves', () => {
    const source = 'ＡＢ說話，\ud800x'.repeat(300_000); // 2,100,000 units: longer than the reused buffer
    const whole = foldString(source, table);
    expect(whole.length).toBe(source.length);
    expect(whole.slice(0, 7)).toBe('ab说话,\ud800x');
    const ranges = [[0, 10], [3, 4], [65_530, 65_545], [1_048_576, 1_048_576], [1, 2_000_000], [2_097_151, 2_097_153], [2_099_990, 2_100_000]];
    for (const [start, end] of ranges) expect(foldRange(source, start, end, table)).toBe(whole.slice(start, end));
    // Groups of spans (turns of segments): spans joined by "\n" within a group, groups by "\n", an empty group "".
    const groups = [[{ start: 0, end: 10 }, { start: 3, end: 4 }], [], [{ start: 65_530, end: 65_545 }], [{ start: 5, end: 5 }]];
    const joined = groups.map((spans) => spans.map((s) => whole.slice(s.start, s.end)).join('\n')).join('\n');
    expect(foldGroups(source, groups, table)).toBe(joined);
    expect(foldGroups(source, [[{ start: 0, end: 70_000 }], [{ start: 1, end: 3 }]], table)).toBe(`${whole.slice(0, 70_000)}\n${whole.slice(1, 3)}`);
    expect(foldGroups(source, [], table)).toBe('');
    expect(foldGroups(source, [[], []], table)).toBe('\n');
  });

  it('batches of whole groups, joined by turn breaks, are the whole normalized text (a turn longer than a batch alone)', () => {
    const turns = ['您好，請問 Agent 有什麼', '', '嗯 OK 好的！', 'x y z'];
    const source = Array.from({ length: 9_000 }, (_, i) => (i === 4_000 ? '說'.repeat(40_000) : turns[i % turns.length])).join('\n');
    const groups: { start: number; end: number }[][] = [];
    for (let start = 0; start <= source.length;) {
      const end = source.indexOf('\n', start) < 0 ? source.length : source.indexOf('\n', start);
      groups.push([{ start, end }]);
      start = end + 1;
    }
    const whole = normalizeGroups(source, groups, table);
    const texts: string[] = [];
    const offsets: number[] = [];
    const starts: number[] = [];
    let nextGroup = 0;
    forEachNormalizedBatch(source, groups, table, (batch, firstGroup) => {
      expect(firstGroup).toBe(nextGroup);
      nextGroup += batch.groupStarts.length;
      const base = texts.reduce((n, t) => n + t.length + 1, 0);
      if (texts.length) offsets.push(-1); // the break between batches
      texts.push(String.fromCharCode(...batch.units));
      for (const offset of batch.offsets) offsets.push(offset);
      for (const g of batch.groupStarts) starts.push(g + base);
    });
    expect(texts.length).toBeGreaterThan(3);
    expect(nextGroup).toBe(groups.length);
    expect(texts.join('\n')).toBe(whole.text);
    expect(starts).toEqual([...whole.groupStarts]);
    const breaks = new Set(starts.map((g) => g - 1));
    expect(offsets.filter((_, i) => !breaks.has(i))).toEqual([...whole.offsets].filter((_, i) => !breaks.has(i)));
  });

  it('script: none keeps the scripts apart', () => {
    const strict = foldTable({ ...DEFAULT_NORMALIZE, script: 'none' });
    expect(normalizeString('說', strict)).toBe('說');
  });
});

describe('phrases and the matcher', () => {
  const hitsOf = (phrases: string[], text: string) => {
    const compiled = phrases.map((p, i) => compilePhrase(i, p, table));
    const found: string[] = [];
    const normalized = normalizeString(text, table);
    new PhraseMatcher(compiled).scan(normalized, (phrase, start, end) => found.push(`${phrases[phrase]}@${start}-${end}`));
    return found;
  };

  it('finds overlapping phrases in one pass', () => {
    expect(hitsOf(['您好', '好的', '您好的'], '您好的')).toEqual(['您好@0-2', '您好的@0-3', '好的@1-3']);
  });

  it('{*} spans a few characters within a turn, {n} a number in digits or Chinese numerals', () => {
    expect(hitsOf(['为您转接{*}好吗'], '为您转接技术部好吗')).toEqual(['为您转接{*}好吗@0-9']);
    expect(hitsOf(['为您转接{*}好吗'], '为您转接一二三四五六七八九十一二好吗')).toEqual([]);
    expect(hitsOf(['客服{n}号'], '客服128号，客服一二八号，客服号')).toEqual(['客服{n}号@0-6', '客服{n}号@6-12']);
  });

  it('Latin phrases match whole words only', () => {
    expect(hitsOf(['no'], 'I know, no!')).toEqual(['no@7-9']);
  });

  it('rejects phrases that cannot match sensibly', () => {
    expect(() => compilePhrase(0, '{*}好', table)).toThrow(PhraseSyntaxError);
    expect(() => compilePhrase(0, '好{*}', table)).toThrow(/ends with/);
    expect(() => compilePhrase(0, '好{x}', table)).toThrow(/unknown placeholder/);
    expect(() => compilePhrase(0, '，。', table)).toThrow(/empty/);
  });
});

describe('no phrase makes a scan quadratic', () => {
  it('gaps are bounded: a long adversarial text is scanned with correct results', () => {
    const compiled = [compilePhrase(0, '为{*}吗', table), compilePhrase(1, '工号{n}号', table)];
    const text = '为'.repeat(200_000) + '吗' + '工号'.repeat(1000) + '9'.repeat(100_000) + '号';
    const found: number[] = [];
    new PhraseMatcher(compiled).scan(text, (phrase) => found.push(phrase));
    // 为…吗 only from the last 11 为 (a gap reaches 10); 工号{n}号 never: the number is longer than a number can be.
    expect(found).toEqual(Array(11).fill(0));
  });
});
