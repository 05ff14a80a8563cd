// The plain-text parser reads each line's head, label and line end from the text's units in its own loop (no callback,
// no string per line). It must give what the parser before it gave (plain-text-reference.ts), transcript for
// transcript — turns, segments, times, comments, metadata, every notice with its span — and keep the same line breaks
// for the LineIndex, over generated lines full of edge cases: every head, label, colon and space the regular
// expressions tell apart, comments and directives, CRLF and lone CRs, BOMs, front matter, and a text longer than the
// units held at once (SHARED_UNITS), read in pieces.
import { describe, expect, it } from 'vitest';
import { DEFAULT_NORMALIZE, foldTable } from '../../src/text/fold-table.js';
import { keptLineBreakCount, keptLineBreaks } from '../../src/text/line-breaks.js';
import { heldUnits, SHARED_UNITS, textUnits } from '../../src/text/text-units.js';
import { decode } from '../../src/transcript/decode.js';
import { parsePlainText } from '../../src/transcript/plain-text.js';
import { SpeakerResolver } from '../../src/transcript/speakers.js';
import type { Transcript } from '../../src/types.js';
import { seededRandom } from '../helpers.js';
import { referenceParsePlainText } from './plain-text-reference.js';

const speakers = () => new SpeakerResolver(new Map([['客服', 'agent'], ['客户', 'customer'], ['Agent', 'agent'], ['坐席', 'agent']]), foldTable(DEFAULT_NORMALIZE));

const HEADS = ['', '', '', '[00:00:01] ', '[00:00:01]', '[12:34:56]  \u3000', '[00:00:02]\t', '[99:59:59]\u200b', '[00:61:00] ', '[00:00:60] ',
  '[0a:00:01] ', '[00:00:01', '[00:00:01)', '00:01:23.450 ', '00:01:23,4 ', '01:23 ', '1:2:03 ', '[00:01:23 - 00:01:30] ', '[00:00:10 ~ 00:00:05] ',
  '[00:00:01 --> 00:00:02]', '[00:00:01.5 – 00:00:03] ', '[0:00:14:5] ', '[99999:00:00] ', '[00:00:20 - ] ', '[00：00：01] ', ' ', '  ', '\t', '\u3000',
  '\u00a0', '\u2003', '\u202f', '\u205f', '\ufeff', '\ufeff[00:00:03] ', ' [00:00:04] ', '7 ', '[', '[]', '[ab] ', '[12] ', '00:70 '];
const LABELS = ['客服', '客服', '客户', '客户', '客戶', 'Agent', 'Agent 2', 'agent', '客服小王', '坐席', '班长', '说话人1', '通话ID', 'Call ID',
  '工号', 'a b c', '请注意，', 'x', '# 客服', '[客服]', ''];
const COLONS = [':', ':', '：', ' :', ': ', ':  \u3000', ':\t', '：\u00a0', ' ：', ''];
const BODIES = ['您好', '好的，谢谢', '', ' ', '\u3000', '[00:00:12] 您好', '单号#123', '好 # transcript-lint-disable-line foo',
  '好 ＃ transcript-lint-enable', ' # transcript-lint-disable-next-line x', '不知道：是', '😀𠀀不知道', '＃不是指令', '#不是', 'a: b',
  '嗯\r', ' 嗯 ', '客服: 嗯'];
const WHOLE_LINES = ['# comment', '  # 转接前', '#', '＃ transcript-lint-disable', '＃ 不是', '＃transcript-lint-disable-line',
  '', '', '   ', '\u3000', '\u2028', '\u000b', '\ufeff', '---', '...', '  账单', '继续说', '\r', '[00:00:05]', '[00:00:05] ', '00:01',
  // A directive right after a head: the line's words end where the head's spaces would go on.
  '[00:00:01] # transcript-lint-disable-line x', '[00:00:01]\u3000＃ transcript-lint-disable-line', ' # transcript-lint-disable-line', '客服: # transcript-lint-disable-line'];
const BREAKS = ['\n', '\n', '\n', '\r\n', '\r'];
const FRONT = ['', '', '', '---\nagent: 1032\n---\n', '---\r\n通话ID: 7\r\n...\r\n', '---\nnot closed\n', '通话ID: 2024\n工号: 8\n', '\ufeff'];
/** Units the heads, labels and markers are told by, and their near neighbours, for lines of random units. */
const UNITS = [...':：[]0123456789.,-~–> \t#＃客服户戶Aa', '\u3000', '\u00a0', '\u200b', '\u200c', '\ufeff', '\r', '\u2028', '\u5e02', '\u0a0d'];

function pick<T>(random: () => number, from: readonly T[]): T {
  return from[Math.floor(random() * from.length)];
}

function generatedLine(random: () => number): string {
  const kind = random();
  if (kind < 0.15) return pick(random, WHOLE_LINES);
  if (kind < 0.25) {
    let line = '';
    for (let n = Math.floor(random() * 14); n > 0; n--) line += pick(random, UNITS);
    return line;
  }
  return pick(random, HEADS) + pick(random, LABELS) + pick(random, COLONS) + pick(random, BODIES);
}

function generatedText(random: () => number): string {
  let text = pick(random, FRONT);
  for (let n = Math.floor(random() * 12); n > 0; n--) text += generatedLine(random) + pick(random, BREAKS);
  // Most end with a line break; some end inside a line.
  if (random() < 0.3) text += generatedLine(random);
  return text;
}

/** The line breaks kept for the LineIndex after the last parse of `text` (undefined: none kept). */
function keptBreaks(text: string): number[] | undefined {
  const count = keptLineBreakCount(text);
  return count < 0 ? undefined : [...keptLineBreaks().subarray(0, count)];
}

function bothWays(text: string): { parsed: Transcript; reference: Transcript } {
  const reference = referenceParsePlainText(text, speakers());
  const referenceBreaks = keptBreaks(text);
  const parsed = parsePlainText(text, speakers());
  expect(keptBreaks(text)).toEqual(referenceBreaks);
  return { parsed, reference };
}

describe('the plain-text parser against the parser before it', () => {
  it('gives the same transcript for 4,000 generated texts of lines full of edge cases', () => {
    const random = seededRandom(14);
    let turns = 0;
    let notices = 0;
    let comments = 0;
    for (let n = 0; n < 4000; n++) {
      const text = generatedText(random);
      const { parsed, reference } = bothWays(text);
      expect(parsed, JSON.stringify(text)).toStrictEqual(reference);
      turns += reference.turns.length;
      notices += reference.notices.length;
      comments += reference.comments.length;
    }
    // The texts reach what is compared: turns, notices of every kind, comments.
    expect(turns).toBeGreaterThan(10_000);
    expect(notices).toBeGreaterThan(2_000);
    expect(comments).toBeGreaterThan(500);
  });

  it('gives the same transcript whether the units are held by decoding (UTF-8) or copied (ASCII, a string), and holds none', () => {
    const random = seededRandom(141);
    let heldCount = 0;
    for (let n = 0; n < 600; n++) {
      let text = generatedText(random).replace(/\r(?!\n)/g, '\n');
      // One in three all ASCII: decoded as Latin-1, its units not held.
      if (n % 3 === 0) text = text.replace(/[^\x00-\x7f]/g, (c) => (c === '：' ? ':' : c === '\u3000' ? ' ' : 'x'));
      const decoded = decode(new TextEncoder().encode(text)).text;
      const held = heldUnits(decoded) !== undefined;
      if (held) heldCount++;
      const fromDecoded = parsePlainText(decoded, speakers());
      // The parser holds no text's units of its own: decoding's stay held, a copied text's are not.
      expect(heldUnits(decoded) !== undefined).toBe(held);
      const reference = referenceParsePlainText(decoded, speakers());
      // Another text's units held: this one's are copied.
      textUnits('客服: 另一通电话');
      const fromCopy = parsePlainText(decoded, speakers());
      expect(fromDecoded, JSON.stringify(text)).toStrictEqual(reference);
      expect(fromCopy, JSON.stringify(text)).toStrictEqual(reference);
    }
    // Both ways are read: decoded UTF-8 (held), and ASCII or a text with a BOM dropped by decoding (not held).
    expect(heldCount).toBeGreaterThan(200);
    expect(heldCount).toBeLessThan(400);
  });


  it('reads a text longer than SHARED_UNITS in pieces of whole lines, lines across each piece\'s end included', () => {
    const random = seededRandom(7);
    const lines: string[] = [];
    let length = 0;
    // Lines of every kind, some of them long (a line of 1,500 units puts a piece's end inside many of them), up to
    // past two pieces: the second piece starts at a line that crosses the first's end.
    while (length < 2 * SHARED_UNITS + 5000) {
      const line = random() < 0.05 ? `[00:00:01] 客服: ${'好'.repeat(1500 + Math.floor(random() * 50))}` : generatedLine(random);
      lines.push(line);
      length += line.length + 1;
    }
    const text = lines.join('\n');
    expect(text.length).toBeGreaterThan(2 * SHARED_UNITS);
    const { parsed, reference } = bothWays(text);
    expect(parsed.turns.length).toBeGreaterThan(5_000);
    // (Compared part by part: toStrictEqual's message over 10,000 turns would be of no help.)
    expect(parsed.notices).toStrictEqual(reference.notices);
    expect(parsed.comments).toStrictEqual(reference.comments);
    expect(parsed.meta).toStrictEqual(reference.meta);
    for (let i = 0; i < reference.turns.length; i += 1) if (JSON.stringify(parsed.turns[i]) !== JSON.stringify(reference.turns[i])) expect(parsed.turns[i]).toStrictEqual(reference.turns[i]);
    expect(parsed.turns.length).toBe(reference.turns.length);
  });

  it('a line ending in "\\r" at a piece\'s end or one unit past it, and a label seen in one piece, read the same in the next', () => {
    for (const past of [-1, 0, 1, 2]) {
      // Lines of 1,000 units, then one whose "\r" is the first piece's last unit (past 0; before or after it by `past`).
      const filler = `客服: ${'嗯'.repeat(994)}\n`.repeat(1048);
      const first = `${filler}客户: ${'嗯'.repeat(SHARED_UNITS - filler.length - 5 + past)}\r`;
      expect(first.length).toBe(SHARED_UNITS + past);
      const text = `${first}\n[00:00:01] 客户: 好\r\n客服:\t 嗯\r\n继续\r\n# 注释\r\n客户：对`;
      const { parsed, reference } = bothWays(text);
      expect(parsed).toStrictEqual(reference);
      expect(parsed.turns.map((turn) => [turn.label, turn.segments.map((s) => text.slice(s.start, s.end)).join('|'), turn.start]).slice(1048)).toEqual([
        ['客户', '嗯'.repeat(SHARED_UNITS - filler.length - 5 + past), undefined],
        ['客户', '好', 1], ['客服', '嗯|继续', undefined], ['客户', '对', undefined],
      ]);
    }
  });
});
