// How a result is written into a cache line and made again from its bytes (src/runner/cache-result.ts).
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/engine/lint-transcript.js';
import { encodeResult, listBytes, ResultDecoder, type StoredResult } from '../../src/runner/cache-result.js';
import type { LintMessage } from '../../src/types.js';

const message = (line: number, text: string): LintMessage => ({ ruleId: 't/rule', severity: 2, message: `不可以说「${text}」\t(tab)`, line, column: 3, endLine: line, endColumn: 9, excerpt: text, speaker: 'agent' });

/** Decode `field` (its bytes, or its text as UTF-8) as it would stand in a line, between other bytes. */
function decode(field: Buffer | string, filePath: string, decoder = new ResultDecoder()): StoredResult | undefined {
  const bytes = Buffer.concat([Buffer.from('crc\tkey\t'), Buffer.from(field), Buffer.from('\nnext\tline')]);
  const start = 8;
  return decoder.decode(bytes, start, start + Buffer.from(field).length, filePath);
}

/** A field's parts between TABs, as text (a UTF-16 list shows as its Latin-1 bytes: only its place matters here). */
function parts(field: Buffer): string[] {
  return field.toString('latin1').split('\t');
}

describe('cache results', () => {
  const shapes: [string, StoredResult][] = [
    ['no problem', summarize('a.txt', [])],
    ['problems, call metadata and rules not evaluated', summarize('a.txt', [message(2, '什么事'), { ...message(4, 'x'), severity: 1, fix: { range: [1, 2], text: '您' } }], { agent: '王', queue: '售后' }, { 't/late': 'no-timestamps', 't/hold': 'no-reply' })],
    ['a suppressed problem', summarize('a.txt', [], undefined, undefined, [{ ...message(1, 'y'), suppressions: [{ kind: 'directive', justification: 'ok' }] }])],
  ];

  it.each(shapes)('writes a result of the linter\'s shape by its parts and makes it again alike: %s', (_name, result) => {
    const field = encodeResult(result);
    expect(field.subarray(0, 2).toString()).toBe('S\t');
    expect(field.includes('"filePath"')).toBe(false);
    const back = decode(field, 'a.txt');
    expect(JSON.stringify(back)).toBe(JSON.stringify(result));
    expect(Object.keys(back!)).toEqual(Object.keys(result));
  });

  it('writes any other result as its JSON and reads that back for its own file only', () => {
    const base = summarize('a.txt', [message(1, 'z')]);
    const others: StoredResult[] = [
      { ...base, score: { points: 90, grade: 'A' } } as unknown as StoredResult,
      { ...base, usedDeprecatedRules: ['old'] as never[] },
      { messages: base.messages, ...base },
      { ...base, errorCount: 1.5 },
      { ...base, meta: undefined },
    ];
    for (const result of others) {
      const field = encodeResult(result);
      expect(field.toString('utf8')).toBe(JSON.stringify(result));
      expect(decode(field, 'a.txt')).toEqual(JSON.parse(field.toString('utf8')));
      expect(decode(field, 'b.txt')).toBeUndefined();
    }
  });

  it('reads no result from a damaged or foreign field', () => {
    const good = encodeResult(summarize('a.txt', [message(2, 'x')], { a: 'b' }, { 't/late': 'no-timestamps' }));
    expect(decode(good, 'a.txt')).toBeDefined();
    const fields = parts(good);
    const text = (list: string[]): Buffer => Buffer.from(list.join('\t'), 'latin1');
    const damaged: (Buffer | string)[] = [
      '',
      'S',
      'S[]',
      text(fields.slice(0, -1)), // a field short
      text([...fields, '[]']), // a field more
      text(fields.map((p, i) => (i === 3 ? '-1' : p))),
      text(fields.map((p, i) => (i === 3 ? '' : p))),
      text(fields.map((p, i) => (i === 4 ? '1e3' : p))),
      text(fields.map((p, i) => (i === 1 ? '{}' : p))),
      text(fields.map((p, i) => (i === 1 ? '[' : p))),
      text(fields.map((p, i) => (i === 1 ? p.slice(0, -1) : p))), // UTF-16 cut by a byte
      text(fields.map((p, i) => (i === 1 ? p.slice(0, -2) : p))), // UTF-16 cut by a character
      text(fields.map((p, i) => (i === 8 ? 'null' : p))),
      text(fields.map((p, i) => (i === 9 ? '"t/late"' : p))),
      text(fields.map((p, i) => (i === 9 ? '["t/late"]' : p))), // a list of format 6, without the reasons
      text(fields.map((p, i) => (i === 9 ? '{"t/late":1}' : p))),
      '{"filePath":"a.txt"',
    ];
    for (const field of damaged) expect(decode(field, 'a.txt'), String(field)).toBeUndefined();
  });

  it('writes a list that is not ASCII as UTF-16 without a TAB or newline byte, and reads it back alike', () => {
    // 上 (U+4E0A) and 三 (U+4E09) hold a newline and a TAB byte in UTF-16; so do U+0A0A and U+090A, and an emoji's
    // second half (U+DE0A); a lone surrogate is JSON.stringify's escape already.
    const texts = ['上三', '\u0a0a\u090a ੴ', '😊 \ud83d\ude0a', 'a\tb\nc', 'x\ud800y', '普通話'];
    const result = summarize('a.txt', texts.map((text, i) => message(i + 1, text)), { agent: '王' });
    const field = encodeResult(result);
    const list = listBytes(result.messages);
    expect(list[1]).toBe(0); // UTF-16LE: "[" and a NUL
    expect(list.includes(0x09)).toBe(false);
    expect(list.includes(0x0a)).toBe(false);
    expect(field.includes(list)).toBe(true);
    expect(field.subarray(2).includes(0x0a)).toBe(false);
    const back = decode(field, 'a.txt')!;
    expect(JSON.stringify(back)).toBe(JSON.stringify(result));
    expect(back.messages.map((m) => m.excerpt)).toEqual(texts);
    // An ASCII list stays one byte a character.
    expect(listBytes([{ a: 'b\tc' }]).toString('latin1')).toBe('[{"a":"b\\tc"}]');
    expect(listBytes([])).toEqual(Buffer.from('[]'));
  });

  it('gives each result its own list of rules not evaluated and their reasons, however often the same list repeats', () => {
    const decoder = new ResultDecoder();
    const field = encodeResult(summarize('a.txt', [], undefined, { 't/late': 'no-timestamps' }));
    const first = decode(field, 'a.txt', decoder)!;
    const second = decode(field, 'b.txt', decoder)!;
    expect(second.notEvaluated).toEqual(['t/late']);
    expect(second.notEvaluated).not.toBe(first.notEvaluated);
    expect(second.notEvaluatedReasons).toEqual({ 't/late': 'no-timestamps' });
    expect(second.notEvaluatedReasons).not.toBe(first.notEvaluatedReasons);
    first.notEvaluated!.push('changed');
    first.notEvaluatedReasons!['t/late'] = 'no-reply';
    expect(decode(field, 'c.txt', decoder)!.notEvaluated).toEqual(['t/late']);
    expect(decode(field, 'c.txt', decoder)!.notEvaluatedReasons).toEqual({ 't/late': 'no-timestamps' });
    expect(decode(encodeResult(summarize('d.txt', [], undefined, { 't/other': 'speaker-silent' })), 'd.txt', decoder)!.notEvaluatedReasons).toEqual({ 't/other': 'speaker-silent' });
    expect(decode(field, 'e.txt', decoder)!.filePath).toBe('e.txt');
  });
});
