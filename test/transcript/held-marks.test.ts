// A call decoded from UTF-8 has its units held (text/text-units.ts), and one pass over them answers what decoding, the
// parser and the engine each searched the whole text for: a control character, a "\r", a "#" or "＃", an "@" or "＠",
// a surrogate. Each answer must be the search's, wherever the unit stands; a call read another way (UTF-16, ASCII, a
// string) still searches, and must read the same.
import { describe, expect, it } from 'vitest';
import { Linter } from '../../src/engine/linter.js';
import { SIMPLIFIED_ONLY, TRADITIONAL_ONLY, writtenInUnits } from '../../src/text/fold-table.js';
import { holdUnits, MARK_AT, MARK_CONTROL, MARK_CR, MARK_HASH, MARK_SIMPLIFIED, MARK_SURROGATE, MARK_TRADITIONAL, marksOf, textUnits, unitMarks } from '../../src/text/text-units.js';
import { decode, DecodeError } from '../../src/transcript/decode.js';
import { detectFormat } from '../../src/transcript/index.js';
import type { LintResult } from '../../src/types.js';
import { tempDir } from '../helpers.js';

const written = writtenInUnits();

/** The marks as the searches tell them. */
function searched(units: ArrayLike<number>, length: number): number {
  let marks = 0;
  for (let i = 0; i < length; i++) {
    const unit = units[i];
    if (unit < 0x20 && unit !== 9 && unit !== 10 && unit !== 12 && unit !== 13) marks |= MARK_CONTROL;
    if (unit === 13) marks |= MARK_CR;
    if (unit === 0x23 || unit === 0xff03) marks |= MARK_HASH;
    if (unit === 0x40 || unit === 0xff20) marks |= MARK_AT;
    if (unit >= 0xd800 && unit <= 0xdfff) marks |= MARK_SURROGATE;
    if (written[unit] === TRADITIONAL_ONLY) marks |= MARK_TRADITIONAL;
    if (written[unit] === SIMPLIFIED_ONLY) marks |= MARK_SIMPLIFIED;
  }
  return marks;
}

describe('marksOf: one pass for the searches', () => {
  // Each marked unit, its neighbours that are not, and what a call is mostly made of.
  const edges = [0, 8, 9, 10, 11, 12, 13, 14, 0x1f, 0x20, 0x22, 0x23, 0x24, 0x3f, 0x40, 0x41, 0x7f, 0x4e0d, 0x4e0a, 0xd7ff, 0xd800,
    0xdbff, 0xdc00, 0xdfff, 0xe000, 0xff02, 0xff03, 0xff04, 0xff0c, 0xff1f, 0xff20, 0xff21, 0xfeff, 0xffff,
    // A character of one script only, each way (為 这), and one both write so (好).
    0x70ba, 0x8fd9, 0x597d];

  it('finds each marked unit at every place: first, last, odd and even, in arrays of odd and even length and offset', () => {
    for (const unit of edges) {
      for (const length of [1, 2, 3, 4, 7, 8, 9]) {
        for (let at = 0; at < length; at++) {
          // Offsets of 0 and 2 bytes into the buffer: two units a load only where the view is aligned to 4 bytes.
          for (const offset of [0, 1]) {
            const units = new Uint16Array(length + offset + 1).fill(0x5ba2).subarray(offset, offset + length);
            units[at] = unit;
            expect(marksOf(units, length), `U+${unit.toString(16)} at ${at} of ${length}, offset ${offset}`).toBe(searched(units, length));
          }
        }
      }
    }
  });

  it('reads only the first `length` units', () => {
    const units = Uint16Array.from([0x5ba2, 0x670d, 0x3a, 0x20, 0x23, 13]);
    for (let length = 0; length <= units.length; length++) expect(marksOf(units, length)).toBe(searched(units, length));
  });

  it('agrees with the searches on random units', () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) >>> 0);
    for (let round = 0; round < 300; round++) {
      const length = next() % 64;
      const units = new Uint16Array(length);
      for (let i = 0; i < length; i++) units[i] = next() % 4 === 0 ? edges[next() % edges.length] : 0x4e00 + (next() % 0x5000);
      expect(marksOf(units, length)).toBe(searched(units, length));
    }
  });

  it('unitMarks answers for the held text only, made again for the next one', () => {
    const a = ` ${'客服: 您好 #1'}`.slice(1);
    const b = ` ${'客户: 你好 @我'}`.slice(1);
    textUnits(a);
    expect(unitMarks(a)).toBe(MARK_HASH);
    expect(unitMarks(b)).toBeUndefined();
    textUnits(b);
    expect(unitMarks(b)).toBe(MARK_AT | MARK_SIMPLIFIED); // (户: 戶 in Traditional writing)
    expect(unitMarks(a)).toBeUndefined();
    const c = '客服: \r好';
    holdUnits(c, Uint16Array.from(c, (ch) => ch.charCodeAt(0)));
    expect(unitMarks(c)).toBe(MARK_CR);
  });
});

describe('decoded UTF-8: control characters told by the marks', () => {
  const han = '客服：您好，请问有什么可以帮您？\n'.repeat(4);
  it('a Chinese file with many of a control character is binary; with tab, line feed, form feed, return or DEL it is text', () => {
    for (let unit = 0; unit < 0x80; unit++) {
      if (unit === 0) continue; // (NUL bytes: UTF-16 or binary, told before)
      if (unit >= 0x20 && unit !== 0x7f) continue;
      const text = han + String.fromCharCode(unit).repeat(20) + han;
      const control = unit < 0x20 && unit !== 9 && unit !== 10 && unit !== 12 && unit !== 13;
      if (control) {
        expect(() => decode(Buffer.from(text)), `U+${unit.toString(16)}`).toThrow(DecodeError);
        expect(() => decode(Buffer.from(text)), `U+${unit.toString(16)}`).toThrow(/^binary file \(20 control characters/);
      } else {
        expect(decode(Buffer.from(text)).text).toBe(text);
      }
    }
  });

  it('a control character or two is text (a stray one, as the searches let pass), first or last', () => {
    for (const text of [`\x01${han}`, `${han}\x1f`, `${han}\x0b${han}\x0b`]) expect(decode(Buffer.from(text)).text).toBe(text);
  });

  it('a NUL byte, told first by the marks as a control character, is still looked for: first, last, among others', () => {
    const nul = (text: string): string => {
      try {
        decode(Buffer.from(text));
      } catch (err) {
        if (err instanceof DecodeError) return err.message;
      }
      return 'decoded';
    };
    expect(nul(`\0${han}`)).toBe('a NUL byte (byte 0) in a UTF-8 text file; the file is damaged there: remove the byte');
    expect(nul(`${han}\0`)).toBe(`a NUL byte (byte ${Buffer.byteLength(han)}) in a UTF-8 text file; the file is damaged there: remove the byte`);
    expect(nul(`${han}\x01\0\x02`)).toMatch(/^a NUL byte \(byte \d+\) in a UTF-8 text file/);
    expect(nul(`${han}${'\0\x01'.repeat(20)}`)).toMatch(/^binary file \(NUL bytes, first at byte \d+\)/);
    // ASCII in UTF-16 without a mark is valid UTF-8 too (each NUL a control character): read as UTF-16.
    expect(decode(Buffer.from('Agent: Hello, how can I help you today?\n', 'utf16le'))).toMatchObject({ encoding: 'utf-16le', text: 'Agent: Hello, how can I help you today?\n' });
  });
});

describe('a call reads the same decoded from UTF-8 (its marks) as from UTF-16 (its searches)', () => {
  const linter = Linter.create({ cwd: tempDir(), noConfigLookup: true });
  const places = (result: LintResult): string[] => result.messages.map((m) => `${m.ruleId}@${m.line}:${m.column}-${m.endLine}:${m.endColumn}`);
  const utf16 = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const OPEN = '客服: 您好，客服一二八号为您服务，请问有什么可以帮您？\n客户: 我的网络断了\n';
  const BANNED = 'zh-callcenter/banned-bu-zhidao';

  /** The call's problems read from UTF-8 and from UTF-16; they must be the same. */
  function read(text: string): string[] {
    const fromUtf8 = places(linter.lintBytes(Buffer.from(text), 'call.txt'));
    expect(fromUtf8).toEqual(places(linter.lintBytes(utf16(text), 'call.txt')));
    return fromUtf8;
  }
  const banned = (found: string[]): string[] => found.filter((p) => p.startsWith(BANNED));

  it('a "#" or "＃" directive, on a line of its own or after a turn, wherever it stands', () => {
    expect(banned(read(`${OPEN}客服: 不知道，再见\n`))).toEqual([`${BANNED}@3:5-3:8`]);
    expect(banned(read(`${OPEN}# transcript-lint-disable-next-line ${BANNED}\n客服: 不知道，再见\n`))).toEqual([]);
    expect(banned(read(`${OPEN}＃ transcript-lint-disable-next-line ${BANNED}\n客服: 不知道，再见\n`))).toEqual([]);
    expect(banned(read(`${OPEN}客服: 不知道，再见  # transcript-lint-disable-line ${BANNED}`))).toEqual([]);
    expect(banned(read(`${OPEN}客服: 不知道，再见 ＃transcript-lint-disable-line`))).toEqual([]);
    expect(banned(read(`# transcript-lint-disable ${BANNED}\n${OPEN}客服: 不知道，再见\n`))).toEqual([]);
  });

  it('an "@" or "＠" handle', () => {
    expect(banned(read(`${OPEN}客服: 请联系@不知道小店，再见\n`))).toEqual([]);
    expect(banned(read(`${OPEN}客服: 请联系＠不知道小店，再见\n`))).toEqual([]);
    expect(banned(read(`${OPEN}客服: 请联系 不知道小店，再见\n`))).toHaveLength(1);
  });

  it('surrogate pairs before a problem count one column each; a lone "\\r" and "\\r\\n" end lines', () => {
    expect(banned(read(`${OPEN}客服: 😀𠮷不知道，再见\n`))).toEqual([`${BANNED}@3:7-3:10`]);
    expect(banned(read(`${OPEN}客服: 好的\r客服: 不知道，再见\r`))).toEqual([`${BANNED}@4:5-4:8`]);
    expect(banned(read(`${OPEN.replace(/\n/g, '\r\n')}客服: 好的\r\n客服: 不知道，再见\r\n`))).toEqual([`${BANNED}@4:5-4:8`]);
    expect(banned(read(`${OPEN}客服: 好的\r\n客服: 好的\r客服: 不知道，再见`))).toEqual([`${BANNED}@5:5-5:8`]);
  });
});

describe('detectFormat: a text told plain by its first units reads as the full test reads it', () => {
  it('gives what the same text after a space gives (the space takes the full test)', () => {
    const starts = ['客服: 您好', '[00:00:01] 客服: 您好', '[0:01] 客服', '[ {"text": 1}]', '[{"text": "您好"}]', '[]', '[\n{', '{"segments": []}', '{}',
      'WEBVTT\n\n', 'WEBVTTX', 'Agent: hi', 'W', '1\n00:00:01,000 --> 00:00:02,000\n', '12 \n00:00:01 --> 0', '1 客服', '\ufeffWEBVTT\n', '\u3000WEBVTT\n',
      '\u00a0[{"a":1}]', '＃ 客服', '#1', '@客服', '\ud83d\ude00', '\ud800', '"', '~', '\x7f', '\x00', ''];
    for (const start of starts) expect(detectFormat(start, 'call.txt'), JSON.stringify(start)).toBe(detectFormat(` ${start}`, 'call.txt'));
    expect(['[00:00:01] 客服', '[{"text": 1}]', 'WEBVTT\n', '1\n00:00:01,000 --> 00:00:02,000\n'].map((t) => detectFormat(t, 'call.txt'))).toEqual(['plain', 'json', 'webvtt', 'srt']);
  });

  it('every first unit of the BMP, with a second that could open JSON or a cue', () => {
    for (let unit = 0; unit < 0x10000; unit++) {
      for (const rest of ['{"a": 1}]', '\n00:00:01,000 --> 00:00:02,000\n', 'EBVTT\n']) {
        const text = String.fromCharCode(unit) + rest;
        const expected = detectFormat(` ${text}`, 'call.txt');
        if (detectFormat(text, 'call.txt') !== expected) expect(detectFormat(text, 'call.txt'), `U+${unit.toString(16)} ${rest}`).toBe(expected);
      }
    }
  });
});
