import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../src/engine/line-index.js';
import { byteArray, firstAbove, firstAtLeast, intArray } from '../../src/text/int-array.js';

describe('intArray and byteArray', () => {
  it.each([[0, false], [40, false], [4096, false], [4097, true], [100_000, true]])('of length %i: zero-filled, typed %s', (length, typed) => {
    for (const make of [intArray, byteArray]) {
      const array = make(length);
      expect(array.length).toBe(length);
      expect(ArrayBuffer.isView(array)).toBe(typed);
      expect(Array.prototype.every.call(array, (v: number) => v === 0)).toBe(true);
      if (length) {
        array[length - 1] = 200;
        expect(array[length - 1]).toBe(200);
      }
    }
  });

  it('a line index finds the line starts on first use, whichever question comes first', () => {
    const text = '客服: 您好\r\n客户: 查账单\n客服: 好的\n';
    const first = (ask: (index: LineIndex) => unknown) => ask(new LineIndex(text));
    expect(first((index) => index.lineText(2))).toBe('客户: 查账单');
    expect(first((index) => index.offset(3, 2))).toBe(text.lastIndexOf('客服') + 1);
    expect(first((index) => index.lineOf(text.indexOf('查')))).toBe(2);
    expect(first((index) => index.position(text.indexOf('好的')))).toEqual({ line: 3, column: 5 });
  });

  it('serve a line index the same on either side of the length where they turn typed', () => {
    for (const lines of [4095, 4096, 4097, 9000]) {
      const text = Array.from({ length: lines }, (_, i) => `客服: 第${i + 1}行`).join('\n');
      const index = new LineIndex(text);
      const at = text.lastIndexOf('客服');
      expect(index.position(at)).toEqual({ line: lines, column: 1 });
      expect(index.position(text.indexOf('\n') + 4)).toEqual({ line: 2, column: 4 });
      expect(index.offset(lines, 1)).toBe(at);
    }
  });

  it('binary searches find what a scan from the left finds, within a range, in plain and typed arrays', () => {
    let state = 3;
    const next = (n: number): number => ((state = (state * 1103515245 + 12345) & 0x7fffffff) >>> 16) % n;
    for (let round = 0; round < 300; round++) {
      const length = next(12);
      const plain = Array.from({ length }, () => next(6)).sort((a, b) => a - b);
      const from = next(length + 1);
      const to = from + next(length - from + 1);
      const bound = next(8) - 1;
      const scan = (test: (v: number) => boolean): number => {
        let i = from;
        while (i < to && !test(plain[i])) i++;
        return i;
      };
      for (const values of [plain, Int32Array.from(plain)]) {
        expect(firstAtLeast(values, bound, from, to)).toBe(scan((v) => v >= bound));
        expect(firstAbove(values, bound, from, to)).toBe(scan((v) => v > bound));
      }
    }
  });
});

