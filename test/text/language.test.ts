import { describe, expect, it } from 'vitest';
import { textLanguage as languageOfGroups } from '../../src/text/language.js';

/** The language of the text in `spans`, taken as one turn's segments. */
const textLanguage = (text: string, spans: { start: number; end: number }[]) => languageOfGroups(text, [spans]);

const whole = (text: string) => textLanguage(text, [{ start: 0, end: text.length }]);

describe('textLanguage: the language a transcript is plainly written in, by its script', () => {
  it.each([
    ['您好，请问有什么可以帮您？', 'zh'],
    ['您好，請問有什麼可以幫您？', 'zh'],
    ['亲，您的iPhone需要先升级iOS，再打开App Store试试', 'zh'],          // product names in a Chinese sentence
    ['Hello, thank you for calling, how can I help you today?', 'en'],
    ['Thank you for calling Acme, this is 王小明 speaking. How can I help you with your account today?', 'en'], // one name
  ])('%s → %s', (text, language) => expect(whole(text)).toBe(language));

  it.each([
    ['好的'],                                   // too short to judge
    ['OK thanks'],
    ['Thanks a million for your explanations! Wish you a happy day! @中国电信北京客服'], // mixed: linted as usual
    [''],
  ])('%j → unknown', (text) => expect(whole(text)).toBeUndefined());

  it("with the packs' language, tells only another one", () => {
    const chinese = '您好，请问有什么可以帮您？'.repeat(8); // 104 units: read in part, then answered at once
    const english = 'Hello, thank you for calling, how can I help you today? '.repeat(4);
    expect([languageOfGroups(chinese, [[{ start: 0, end: chinese.length }]], 'zh'), languageOfGroups(chinese, [[{ start: 0, end: chinese.length }]], 'en')]).toEqual([undefined, 'zh']);
    expect([languageOfGroups(english, [[{ start: 0, end: english.length }]], 'en'), languageOfGroups(english, [[{ start: 0, end: english.length }]], 'zh')]).toEqual([undefined, 'en']);
  });

  it('reads only the spans given (turn text, not labels or comments)', () => {
    const text = '# 这是一段中文注释，说明这个测试\nAgent: Hello, how can I help you today?';
    const start = text.indexOf('Hello');
    expect(textLanguage(text, [{ start, end: text.length }])).toBe('en');
  });
});

/** The definition, by regular expressions (what the per-unit table must agree with). */
function byRegex(text: string, spans: { start: number; end: number }[]): string | undefined {
  let han = 0;
  let latin = 0;
  for (const span of spans) {
    const words = text.slice(span.start, span.end);
    han += [...words.matchAll(/\p{Script=Han}/gu)].length;
    latin += [...words.matchAll(/\p{Script=Latin}{2,}/gu)].length;
  }
  if (han >= 4 && han >= latin) return 'zh';
  if (latin >= 4 && han * 3 <= latin) return 'en';
  return undefined;
}

describe('textLanguage counts as the Unicode script properties do', () => {
  it.each([
    ['𠀀𠀁𠀂 好', 'astral Han characters count one each'],
    ['𠀀𠀁\ud840 好', 'a lone high surrogate is no character'],
    ['\udc00\udc00\udc00好好', 'lone low surrogates neither'],
    ['Ǆǅ ǈǉ ŋŋ ḁḁ ꭰꭰ ﬀﬁ ａｂ', 'Latin beyond ASCII (extended, full-width, ligatures)'],
    ['ab1cd e f gh ij kl 中', 'a digit ends a Latin word'],
    ['𝐀𝐁 𝐂𝐃 word word word', 'mathematical letters are not Latin script'],
  ])('%j (%s)', (text) => {
    expect(textLanguage(text, [{ start: 0, end: text.length }])).toBe(byRegex(text, [{ start: 0, end: text.length }]));
  });

  it('a surrogate pair cut by the end of a span is no character', () => {
    const text = '𠀀𠀀𠀀𠀀𠀀 tail';
    const spans = [{ start: 0, end: 5 }, { start: 5, end: text.length }];
    expect(textLanguage(text, spans)).toBe(byRegex(text, spans));
    expect(languageOfGroups(text, [[spans[0]], [spans[1]]])).toBe(byRegex(text, spans)); // one span a turn: the same
    expect(textLanguage(text, [{ start: 0, end: 9 }])).toBe('zh');
    expect(textLanguage(text, [{ start: 0, end: 7 }])).toBeUndefined(); // three whole characters and a half
  });
});

describe('textLanguage on long texts (it may stop reading once the answer cannot change)', () => {
  it('agrees with the definition on 300 random mixes of Han, Latin and other characters, in random spans', () => {
    const pieces = ['好', '的', '您', '𠀀', 'a', 'b', 'Z', 'é', ' ', ',', '1', '\ud840', 'word ', '中文', 'ok '];
    let state = 7;
    const next = (n: number): number => ((state = (state * 1103515245 + 12345) & 0x7fffffff) >>> 8) % n;
    for (let round = 0; round < 300; round++) {
      // Texts from mostly Chinese to mostly English, long enough to be cut short.
      // Half of them a Chinese part, then an English one (or the other way round): an answer taken too early is wrong.
      const blocks = round % 2 === 0;
      let latinShare = next(100);
      let text = '';
      const length = 200 + next(3000);
      const switchAt = next(length);
      while (text.length < length) {
        if (blocks) latinShare = (text.length < switchAt) === round % 4 < 2 ? 0 : 100;
        text += next(100) < latinShare ? pieces[4 + next(4)] + (next(3) ? '' : ' ') : pieces[next(pieces.length)];
      }
      const spans: { start: number; end: number }[] = [];
      for (let at = 0; at < text.length;) {
        const end = Math.min(text.length, at + 1 + next(400));
        spans.push({ start: at, end });
        at = end + next(3);
      }
      expect(textLanguage(text, spans), text.slice(0, 80)).toBe(byRegex(text, spans));
      // Asked only whether it is plainly in a language other than the packs' (where it may stop sooner).
      for (const packs of ['zh', 'en'] as const) {
        const other = byRegex(text, spans) === packs ? undefined : byRegex(text, spans);
        expect(languageOfGroups(text, [spans], packs), `${packs}: ${text.slice(0, 80)}`).toBe(other);
      }
    }
  });

  it('agrees with the definition where words end at span ends: spans of one to four units, across turns', () => {
    // A word may end at a span's end with no space after it, so the words still to come are bounded by the units and
    // the span ends left together: texts near the line between the answers, cut into many short spans and turns.
    const pieces = ['好', '中文', 'ab', 'Zq', 'xyz', ' ', ',', 'é'];
    let state = 11;
    const next = (n: number): number => ((state = (state * 1103515245 + 12345) & 0x7fffffff) >>> 8) % n;
    for (let round = 0; round < 300; round++) {
      const hanShare = 10 + next(30);
      let text = '';
      const length = 100 + next(1500);
      while (text.length < length) text += next(100) < hanShare ? pieces[next(2)] : pieces[2 + next(pieces.length - 2)];
      const groups: { start: number; end: number }[][] = [[]];
      for (let at = 0; at < text.length;) {
        const end = Math.min(text.length, at + 1 + next(4));
        groups[groups.length - 1].push({ start: at, end });
        if (next(8) === 0) groups.push([]);
        at = end + next(2);
      }
      if (round % 2 === 0) {
        // Han first, then Latin letters with no space at all, cut into spans of two: each span one word, ended by the
        // span's end alone. The Latin words about three times the Han characters: an answer taken too early is wrong.
        const han = 4 + next(60);
        const words = Math.max(4, 3 * han - 3 + next(7));
        text = '中'.repeat(han) + 'ab'.repeat(words);
        groups.length = 0;
        groups.push([{ start: 0, end: han }], []);
        for (let at = han; at < text.length; at += 2) groups[1].push({ start: at, end: at + 2 });
      }
      const all = groups.flat();
      const expected = byRegex(text, all);
      expect(languageOfGroups(text, groups), text.slice(0, 80)).toBe(expected);
      for (const packs of ['zh', 'en'] as const) {
        expect(languageOfGroups(text, groups, packs), `${packs}: ${text.slice(0, 80)}`).toBe(expected === packs ? undefined : expected);
      }
    }
  });
});
