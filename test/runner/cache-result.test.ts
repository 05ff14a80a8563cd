// How a result is written into a cache line and made again from its bytes (src/runner/cache-result.ts).
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/engine/lint-transcript.js';
import { encodeResult, ResultDecoder, type StoredResult } from '../../src/runner/cache-result.js';
import type { LintMessage } from '../../src/types.js';

const message = (line: number, text: string): LintMessage => ({ ruleId: 't/rule', severity: 2, message: `不可以说「${text}」\t(tab)`, line, column: 3, endLine: line, endColumn: 9, excerpt: text, speaker: 'agent' });

/** Decode `field` as it would stand in a line, between other bytes. */
function decode(field: string, filePath: string, decoder = new ResultDecoder()): StoredResult | undefined {
  const bytes = Buffer.from(`crc\tkey\t${field}\nnext\tline`, 'utf8');
  const start = bytes.indexOf(`\t${field}`) + 1;
  return decoder.decode(bytes, start, start + Buffer.byteLength(field), filePath);
}

describe('cache results', () => {
  const shapes: [string, StoredResult][] = [
    ['no problem', summarize('a.txt', [])],
    ['problems, call metadata and rules not evaluated', summarize('a.txt', [message(2, '什么事'), { ...message(4, 'x'), severity: 1, fix: { range: [1, 2], text: '您' } }], { agent: '王', queue: '售后' }, { 't/late': 'no-timestamps', 't/hold': 'no-reply' })],
    ['a suppressed problem', summarize('a.txt', [], undefined, undefined, [{ ...message(1, 'y'), suppressions: [{ kind: 'directive', justification: 'ok' }] }])],
  ];

  it.each(shapes)('writes a result of the linter\'s shape by its parts and makes it again alike: %s', (_name, result) => {
    const field = encodeResult(result);
    expect(field.startsWith('S\t')).toBe(true);
    expect(field).not.toContain('"filePath"');
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
      expect(field).toBe(JSON.stringify(result));
      expect(decode(field, 'a.txt')).toEqual(JSON.parse(field));
      expect(decode(field, 'b.txt')).toBeUndefined();
    }
  });

  it('reads no result from a damaged or foreign field', () => {
    const good = encodeResult(summarize('a.txt', [message(2, 'x')], { a: 'b' }, { 't/late': 'no-timestamps' }));
    expect(decode(good, 'a.txt')).toBeDefined();
    const parts = good.split('\t');
    const damaged = [
      '',
      'S',
      'S[]',
      parts.slice(0, -1).join('\t'), // a field short
      [...parts, '[]'].join('\t'), // a field more
      parts.map((p, i) => (i === 3 ? '-1' : p)).join('\t'),
      parts.map((p, i) => (i === 3 ? '' : p)).join('\t'),
      parts.map((p, i) => (i === 4 ? '1e3' : p)).join('\t'),
      parts.map((p, i) => (i === 1 ? '{}' : p)).join('\t'),
      parts.map((p, i) => (i === 1 ? '[' : p)).join('\t'),
      parts.map((p, i) => (i === 8 ? 'null' : p)).join('\t'),
      parts.map((p, i) => (i === 9 ? '"t/late"' : p)).join('\t'),
      parts.map((p, i) => (i === 9 ? '["t/late"]' : p)).join('\t'), // a list of format 6, without the reasons
      parts.map((p, i) => (i === 9 ? '{"t/late":1}' : p)).join('\t'),
      '{"filePath":"a.txt"',
    ];
    for (const field of damaged) expect(decode(field, 'a.txt'), field).toBeUndefined();
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
