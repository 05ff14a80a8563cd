import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compiledPatternFilters, LinearRegex, trustPatterns } from '../../src/text/linear-regex.js';
import { RegexPrefilter } from '../../src/text/regex-prefilter.js';

const FLAGS = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, '': 0 } as const;

/** Patterns of the built-in packs and of their kind, with the characters their texts are drawn from below. */
const CASES: [string, keyof typeof FLAGS, string][] = [
  [String.raw`(?:^|[\p{P}\s])(?:什么|啥|啊|嗯|哈)\?`, 'i', '什么啥啊嗯哈?？ ，好的\n'],
  [String.raw`^\s*(?:嗯|啊|呃|额|唉|哎|呀)+(?:[\p{P}\s]|$)`, 'm', '嗯啊呃 ，。好的\n'],
  [String.raw`(?:^|[.!?,;:]\s*)(?:what|huh|eh)\s*\?`, 'i', 'whatHUEhe ?.,\n'],
  [String.raw`(\d{3})-?(\d{4})`, '', '0123456789-ab'],
  [String.raw`\bK\b`, 'i', 'kK\u212a ab'], // Kelvin sign folds to k
  [String.raw`a.b`, '', 'ab\nc\u{1f600}'],
  [String.raw`[^a]b|c+`, '', 'abc\u{1f600}'],
  [String.raw`(?:ab|cd)*e`, '', 'abcde'],
  [String.raw`x\ny`, '', 'xy\n '], // a line break in what a match needs: pieces joined by one could match
  // Sets of up to 16 units are searched for unit by unit, larger ones looked up unit by unit in the text: both ways.
  [String.raw`z[a-p]`, '', 'apqz \n'],
  [String.raw`z[a-q]`, '', 'apqrz \n'],
  [String.raw`[a-q]`, '', 'qrsz \n'],
  // Anchored at a line's start on every path, or not: \A, ^ without and with multiline, ^ in one branch only.
  [String.raw`^\s*(?:嗯|啊)+好`, '', '嗯啊好 \n的'],
  [String.raw`\A(?:ab|c)d`, 'm', 'abcd\n'],
  [String.raw`(?m)^[a-c]x`, '', 'abcx\n'],
  [String.raw`^a|b`, 'm', 'abc\n'],
  [String.raw`^(?:a|$)`, 'm', 'ab\n'],
];

/** Random texts over `alphabet` (code points, so astral characters stay whole), short enough to hit matches often. */
function* texts(alphabet: string, count: number, seed = 1): Generator<string> {
  const chars = [...alphabet];
  let state = seed;
  const next = (): number => (state = (state * 1103515245 + 12345) & 0x7fffffff) >>> 16; // the low bits of an LCG cycle
  for (let n = 0; n < count; n++) {
    let text = '';
    const length = next() % 9;
    for (let i = 0; i < length; i++) text += chars[next() % chars.length];
    yield text;
  }
}

describe('RegexPrefilter: what every match contains, read off the compiled program', () => {
  it.each(CASES)('%s: a text it rules out never matches', (source, flags, alphabet) => {
    const compiled = RE2JS.compile(source, FLAGS[flags]);
    const filter = RegexPrefilter.of(compiled);
    let ruledOut = 0;
    let matched = 0;
    for (const text of texts(alphabet, 4000)) {
      const matches = compiled.matcher(text).find();
      if (matches) matched++;
      if (filter && !filter.mayMatch(text)) {
        ruledOut++;
        expect(matches, JSON.stringify(text)).toBe(false);
      }
    }
    expect(matched).toBeGreaterThan(0); // the texts do exercise the pattern
    if (filter) expect(ruledOut).toBeGreaterThan(0);
  });

  it.each(CASES)('%s: a raw text it rules out has no folded pieces that match, joined by line breaks', (source, flags, alphabet) => {
    const compiled = RE2JS.compile(source, FLAGS[flags]);
    const filter = RegexPrefilter.of(compiled);
    // Folding as the packs fold: upper case to lower case, full-width ？ to ?.
    const fold = new Uint16Array(0x10000).map((_, unit) => String.fromCharCode(unit).toLowerCase().charCodeAt(0));
    fold['？'.charCodeAt(0)] = '?'.charCodeAt(0);
    let ruledOut = 0;
    let cut = 7;
    for (const text of texts(alphabet + 'ABC？', 4000, 2)) {
      const folded = Array.from(text, (ch) => (ch.length === 1 ? String.fromCharCode(fold[ch.charCodeAt(0)]) : ch)).join('');
      cut = (cut * 31 + 11) % 97;
      const pieces = [folded.slice(0, cut % (folded.length + 1)), folded.slice(cut % (folded.length + 1))].join('\n');
      if (filter?.mayMatchPieces(text, fold) === false) {
        ruledOut++;
        expect(compiled.matcher(pieces).find(), JSON.stringify(pieces)).toBe(false);
        expect(compiled.matcher(folded).find(), JSON.stringify(folded)).toBe(false);
      }
    }
    if (filter && filter.mayMatchPieces('', fold) !== undefined) expect(ruledOut).toBeGreaterThan(0);
  });

  it('finds a filter for the built-in patterns (an re2js whose programs it cannot read would lose it silently)', () => {
    for (const [source, flags] of CASES.slice(0, 3)) expect(RegexPrefilter.of(RE2JS.compile(source, FLAGS[flags]))).toBeDefined();
  });

  it('knows adjacent characters: 「什么？」 needs 么 right before ?, which 「有什么可以帮您？」 lacks', () => {
    const filter = RegexPrefilter.of(RE2JS.compile(String.raw`(?:^|[\p{P}\s])(?:什么|啥|啊|嗯|哈)\?`, 0))!;
    expect(filter.mayMatch('请问有什么可以帮您?')).toBe(false);
    expect(filter.mayMatch('什么?')).toBe(true);
  });

  it('knows a match that starts a line: 嗯 opening a turn, not inside it', () => {
    const filter = RegexPrefilter.of(RE2JS.compile(String.raw`^\s*(?:嗯|啊)+[，,]`, RE2JS.MULTILINE))!;
    expect(filter.mayMatch('好的，嗯，我看看')).toBe(false);
    expect(filter.mayMatch('好的\n嗯，我看看')).toBe(true);
    expect(filter.mayMatch(' 啊，')).toBe(true);
    expect(RegexPrefilter.of(RE2JS.compile('^a|b', 0))?.data().some((c) => c.lineStart)).toBeFalsy();
    // Where pieces start in a raw text is not known: the condition on line starts is not asked there, and what a
    // match needs anywhere still rules a file out (though ^\s may take a line break).
    const identity = new Uint16Array(0x10000).map((_, unit) => unit);
    expect(filter.mayMatchPieces('好的，我看看', identity)).toBe(false);
    expect(filter.mayMatchPieces('好的，嗯，我看看', identity)).toBe(true);
  });

  it('gives no filter when a match may be empty or any character does', () => {
    expect(RegexPrefilter.of(RE2JS.compile('a*', 0))).toBeUndefined();
    expect(RegexPrefilter.of(RE2JS.compile('x|.', 0))).toBeUndefined();
  });

  it('leaves what LinearRegex finds unchanged', () => {
    const regex = new LinearRegex(String.raw`(?:^|[\p{P}\s])(什么|啥)\?`);
    expect([...regex.matches('好的，什么? 啥?')].map((m) => [m.index, m.text, m.group?.text])).toEqual([[2, '，什么?', '什么'], [6, ' 啥?', '啥']]);
    expect(regex.test('有什么可以帮您?')).toBe(false);
    expect(regex.exec('有什么可以帮您?')).toBeUndefined();
    expect(regex.matchAt('，啥?', 0)).toEqual([[0, 3], [1, 2]]);
  });

  it.each(CASES)('%s: the data a build records makes the same filter again', (source, flags, alphabet) => {
    const filter = RegexPrefilter.of(RE2JS.compile(source, FLAGS[flags]));
    if (!filter) return;
    const again = RegexPrefilter.fromData(filter.data())!;
    expect(again.data()).toEqual(filter.data());
    const fold = new Uint16Array(0x10000).map((_, unit) => String.fromCharCode(unit).toLowerCase().charCodeAt(0));
    for (const text of texts(alphabet + 'A', 500, 3)) {
      expect(again.mayMatch(text)).toBe(filter.mayMatch(text));
      expect(again.mayMatchPieces(text, fold)).toBe(filter.mayMatchPieces(text, fold));
    }
  });

  it('a pattern known to compile is compiled only when a text may match it, with the filter the build recorded', () => {
    const source = String.raw`(?:^|\s)恕难从命\?`;
    const key = `${RE2JS.CASE_INSENSITIVE}:${source}`;
    trustPatterns({ [key]: RegexPrefilter.of(RE2JS.compile(source, RE2JS.CASE_INSENSITIVE))!.data() });
    const regex = new LinearRegex(source, { ignoreCase: true });
    const identity = new Uint16Array(0x10000).map((_, unit) => unit);
    expect(regex.mayMatchPieces('好的，请稍等', identity)).toBe(false);
    expect(regex.test('好的，请稍等')).toBe(false);
    expect(Object.keys(compiledPatternFilters())).not.toContain(key);
    expect(regex.test('好的 恕难从命?')).toBe(true);
    expect(Object.keys(compiledPatternFilters())).toContain(key);
  });

  it('the build records each built-in pattern with the filter its program gives (dist/verified-packs/compiled.json)', () => {
    const { patterns } = JSON.parse(readFileSync(join(ROOT, 'dist', 'verified-packs', 'compiled.json'), 'utf8')) as { patterns: Record<string, unknown[]> };
    expect(Object.keys(patterns).length).toBeGreaterThan(20);
    expect(Object.values(patterns).filter((conditions) => conditions.length).length).toBeGreaterThan(10);
    for (const [key, conditions] of Object.entries(patterns)) {
      const [, flags, source] = /^(\d+):([\s\S]*)$/.exec(key)!;
      expect(RegexPrefilter.of(RE2JS.compile(source, Number(flags)))?.data() ?? [], key).toEqual(conditions);
    }
  });
});
