import { describe, expect, it } from 'vitest';
import { breaksClause } from '../../src/text/clause.js';

/** The marks that end a clause, and a line break. */
const MARKS = '，。！？；：,.!?;:\n';

/** The definition: a clause mark or a line break anywhere in the slice. */
const definition = (text: string, start: number, end: number): boolean => /[，。！？；：,.!?;:\n]/.test(text.slice(start, end));

describe('breaksClause', () => {
  it('finds each mark that ends a clause, and none of its lookalikes', () => {
    for (const mark of MARKS) expect(breaksClause(`您好${mark}请问`)).toBe(true);
    for (const other of ['、', '…', '．', '﹐', '·', '\r', ' ', '—', '“', '」']) expect(breaksClause(`您好${other}请问`)).toBe(false);
    expect(breaksClause('')).toBe(false);
  });

  it('looks only within [start, end)', () => {
    const text = '您好，请问有什么可以帮您';
    expect(breaksClause(text, 0, 2)).toBe(false);
    expect(breaksClause(text, 0, 3)).toBe(true);
    expect(breaksClause(text, 3)).toBe(false);
    expect(breaksClause(text, 2, 3)).toBe(true);
    expect(breaksClause(text, 2, 2)).toBe(false);
  });

  it('answers as its definition over random text and ranges', () => {
    const alphabet = [...'，。！？；：,.!?;:\n', '、', '．', '好', '您', 'a', ' ', '\r', '\u{1F600}'];
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 2000; round++) {
      let text = '';
      for (let i = random(12); i > 0; i--) text += alphabet[random(alphabet.length)];
      const start = random(text.length + 1);
      const end = start + random(text.length - start + 1);
      expect(breaksClause(text, start, end), JSON.stringify([text, start, end])).toBe(definition(text, start, end));
    }
  });
});
