import { describe, expect, it } from 'vitest';
import { DEFAULT_NORMALIZE, foldTable } from '../../src/text/fold-table.js';
import { textLanguage } from '../../src/text/language.js';
import { forEachNormalizedBatch, normalizeGroups, type NormalizedUnits } from '../../src/text/normalize.js';
import { detectScript, hasTraditional } from '../../src/text/script.js';
import { heldUnits, holdUnits, SHARED_UNITS, textUnits } from '../../src/text/text-units.js';
import { decode } from '../../src/transcript/decode.js';
import type { Span } from '../../src/types.js';

const table = foldTable(DEFAULT_NORMALIZE);

/** A string's units by charCodeAt: what every reader read before the shared units. */
const codes = (text: string): number[] => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));

/** Another string object of the same text, so that nothing is shared with the one given. */
const fresh = (text: string): string => ` ${text}`.slice(1);

describe('textUnits: a call\'s units, shared by the loops that read it', () => {
  it('holds exactly the text\'s UTF-16 units: one-byte text widened, lone surrogate halves as they are', () => {
    for (const text of ['Hello, agent.', '您好，請問有什麼可以幫您？', 'a\ud800b\udc00c\u{20000}', '', 'x'.repeat(5000)]) {
      const units = textUnits(text)!;
      expect([...units.subarray(0, text.length)]).toEqual(codes(text));
      expect(textUnits(text)).toBe(units); // held: no second copy
      expect(heldUnits(text)).toBe(units);
    }
  });

  it('holds one text at a time, and none longer than SHARED_UNITS', () => {
    const a = '客服: 您好'.repeat(10);
    const b = '客户: 谢谢'.repeat(10);
    textUnits(a);
    expect(heldUnits(b)).toBeUndefined();
    const units = textUnits(b)!;
    expect([...units.subarray(0, b.length)]).toEqual(codes(b));
    expect(heldUnits(a)).toBeUndefined();
    const long = '好'.repeat(SHARED_UNITS + 1);
    expect(textUnits(long)).toBeUndefined();
    expect(heldUnits(b)).toBe(units); // a long text does not take the held one's place
  });

  it('holds units made elsewhere (decoding\'s UTF-16) without a copy, if they cover the text', () => {
    const text = fresh('您好，请问');
    const units = Uint16Array.from(codes(text));
    holdUnits(text, units);
    expect(textUnits(text)).toBe(units);
    holdUnits('更长的一段文字', units); // too short for this text: not held
    expect(heldUnits('更长的一段文字')).toBeUndefined();
  });

  it('decoding UTF-8 holds the units it made; other encodings and ASCII are copied when first read', () => {
    const chinese = '客服: 您好，請問有什麼可以幫您？\n客户: 我的网络\ud83d\ude00断了\n';
    const { text } = decode(Buffer.from(chinese, 'utf8'));
    expect(text).toBe(chinese);
    const held = heldUnits(text)!;
    expect(held).toBeDefined();
    expect([...held.subarray(0, text.length)]).toEqual(codes(chinese));
    // The next call's text takes its place, whatever its encoding.
    const utf16 = decode(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('客服: 好的', 'utf16le')])).text;
    expect(heldUnits(text)).toBeDefined(); // (not decoded from UTF-8: nothing held by decoding)
    expect([...textUnits(utf16)!.subarray(0, utf16.length)]).toEqual(codes('客服: 好的'));
    expect(heldUnits(text)).toBeUndefined();
  });
});

/** The same text read through the shared units and as a string: the answers must not differ. */
describe('the readers of a call\'s text give the same answers from its units as from the string', () => {
  /** Groups of a text: each line after its label, as a turn. */
  function turnsOf(text: string): Span[][] {
    const groups: Span[][] = [];
    let at = 0;
    for (const line of text.split('\n')) {
      const colon = line.indexOf(':');
      if (colon >= 0) groups.push([{ start: at + colon + 1, end: at + line.length }]);
      at += line.length + 1;
    }
    return groups;
  }
  const call = [
    '客服: 您好，請問有什麼可以幫您？', '客户: 我的宽带 don\'t work，上不了网了', '客服: 不\ufe0f知\u{e0100}道，I  don\'t KNOW!',
    '客户: 裡面著急 \u{20000} 衛生', 'Agent: Hello, thank you for calling, how can I help you today?', '客户: \ud800孤\udc00',
  ].join('\n');

  /** `text` with a filler longer than SHARED_UNITS after it, so that it is read as a string. */
  const unshared = (text: string): string => `${text}\n${'。'.repeat(SHARED_UNITS)}`;

  it('normalizing', () => {
    const groups = turnsOf(call);
    const shared = normalizeGroups(call, groups, table);
    expect(heldUnits(call)).toBeDefined();
    const long = unshared(call);
    const asString = normalizeGroups(long, groups, table);
    expect(heldUnits(long)).toBeUndefined();
    expect(asString.text).toBe(shared.text);
    expect([...asString.offsets]).toEqual([...shared.offsets]);
    const batches: string[] = [];
    forEachNormalizedBatch(fresh(call), groups, table, (batch: NormalizedUnits) => batches.push(String.fromCharCode(...batch.units)));
    expect(batches).toEqual([shared.text]);
  });

  it('the script check', () => {
    for (const text of [call, '您好，请问有什么可以帮您？', '您好，請問有什麼可以幫您？裡面', '爲了衞生，裏面着急']) {
      textUnits(text);
      const fromUnits = [hasTraditional(text), detectScript(text)];
      textUnits('another call');
      expect(heldUnits(text)).toBeUndefined();
      expect([hasTraditional(text), detectScript(text)]).toEqual(fromUnits);
    }
  });

  it('the language check', () => {
    // (Near the answers' edges: four words or Han characters, a Han character per three words, characters outside the BMP.)
    for (const text of [call, 'Hello, thank you for calling, how can I help you today? 王', '您好 \u{20000}\u{20001}\u{20002}\u{20003} ok',
      'zz yz zz zy', 'zz zz zz 好', '\u{20000}\u{20001}\u{20002}\u{20003}', 'ab cd ef gh 你 ij kl mn 我']) {
      const half = text.length >> 1;
      const groups = [[{ start: 0, end: half }], [{ start: half, end: text.length }]];
      for (const packs of [undefined, 'zh', 'en'] as const) {
        const shared = textLanguage(text, groups, packs);
        expect(textLanguage(unshared(text), groups, packs)).toBe(shared);
      }
    }
  });
});
