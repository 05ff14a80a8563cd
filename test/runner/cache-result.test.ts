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
      // (Its fields in another order: messages first.)
      Object.assign({ messages: base.messages }, base),
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

  /** The list fields of `result`'s field, as its problems' units (after "#", length, ":") or its JSON. */
  function listField(result: StoredResult, which: 'messages' | 'suppressedMessages' = 'messages'): Buffer {
    const bytes = listBytes(result[which]);
    expect(encodeResult(result).includes(bytes)).toBe(true);
    return bytes;
  }

  /** Problems of every shape the linter makes, with odd characters in every string and numbers of one and two units. */
  const odd = ['上三', '\u0a0a\u090a ੴ', '😊 \ud83d\ude0a', 'a\tb\nc\r\n', 'x\ud800y', 'lone low \udc00', '\ud83d', '', '\u0000 NUL', '普通話', '"quoted" \\ back'];
  const everyShape = (): LintMessage[] => [
    ...odd.map((text, i) => message(i + 1, text)),
    { ruleId: null, severity: 1, message: 'no rule', line: 0x7fff, column: 0x8000, endLine: 0xffff, endColumn: 0x10000 },
    { ruleId: 't/rule', severity: 2, message: 'no rule', line: 0x7fffffff, column: 1, endLine: 0x7fffffff, endColumn: 2, excerpt: '上', speaker: 'customer' },
    { ruleId: 't/rule', severity: 2, message: 'no rule', line: 3, column: 1, endLine: 3, endColumn: 2, excerpt: '上', speaker: 'customer', suggestion: '您好\t上' },
    { ruleId: 't/other', severity: 1, message: 'x', line: 4, column: 1, endLine: 4, endColumn: 2, suggestion: '您好\t上', fix: { range: [5, 9], text: '您\n' }, suggestions: [{ desc: '改成「您」', fix: { range: [5, 9], text: '您' } }] },
    { ruleId: 't/other', severity: 2, message: 'x', line: 5, column: 1, endLine: 5, endColumn: 2, excerpt: 'x'.repeat(0x8001), fixRefused: 'it would make a new problem' },
    { ruleId: 't/other', severity: 2, message: '通'.repeat(70000), line: 6, column: 1, endLine: 6, endColumn: 2, fixRefused: 'it would make a new problem', fatal: true },
    { ruleId: 't/other', severity: 2, message: 'x', line: 7, column: 1, endLine: 7, endColumn: 2, speaker: 'other', excerpt: 'after the speaker' },
  ];

  it('writes lists of problems as their values, TAB and newline bytes and all, and reads back every shape alike', () => {
    const messages = everyShape();
    const suppressed = [{ ...message(9, 'ok'), suppressions: [{ kind: 'directive' as const, justification: 'agreed\twith QA' }] }];
    const result = summarize('a.txt', messages, { agent: '王' }, { 't/late': 'no-timestamps' }, suppressed);
    for (const which of ['messages', 'suppressedMessages'] as const) {
      const list = listField(result, which);
      expect(list.toString('latin1', 0, 1)).toBe('#');
      expect(list.toString('latin1', 1, list.indexOf(':'))).toBe(String(list.length - list.indexOf(':') - 1));
    }
    expect(listField(result).includes(0x0a)).toBe(true); // 上 and the rest: bytes a newline would have ended
    const back = decode(encodeResult(result), 'a.txt')!;
    expect(JSON.stringify(back)).toBe(JSON.stringify(result));
    expect(back.messages.map((m) => Object.keys(m))).toEqual(result.messages.map((m) => Object.keys(m)));
    expect(back.messages.map((m) => m.excerpt)).toEqual(result.messages.map((m) => m.excerpt));
    expect(back.messages.map((m) => m.message)).toEqual(result.messages.map((m) => m.message));
    expect(back.suppressedMessages).toEqual(suppressed);
    // Without changes worked out ("-" before the field), read alike too.
    expect(JSON.stringify(decode(encodeResult(result, false), 'a.txt'))).toBe(JSON.stringify(result));
    // Strings repeated from the problem before are written once.
    const repeated = summarize('a.txt', [message(1, '同'), message(2, '同'), message(3, '同')]);
    expect(listField(repeated).length).toBeLessThan(listField(summarize('a.txt', [message(1, '同')])).length * 2);
    expect(JSON.stringify(decode(encodeResult(repeated), 'a.txt'))).toBe(JSON.stringify(repeated));
  });

  it('writes a list with a problem of any other shape as its JSON, and reads it back as JSON would', () => {
    const plain = message(1, 'x');
    const others: LintMessage[][] = [
      [plain, { severity: 2, ruleId: 't/rule', message: 'keys in another order', line: 1, column: 1, endLine: 1, endColumn: 1 }],
      [plain, { ...plain, extra: 1 } as LintMessage],
      [plain, { ruleId: 't/rule', severity: 2, message: 'no end', line: 1, column: 1 }],
      [{ ...plain, line: 1.5 }],
      [{ ...plain, column: -1 }],
      [{ ...plain, endLine: 0x80000000 }],
      [{ ...plain, severity: 0 as 1 }],
      [{ ...plain, ruleId: 7 as unknown as string }],
      [{ ...plain, excerpt: 5 as unknown as string }],
      [{ ...plain, excerpt: undefined }],
      [{ ...plain, fatal: false }],
      [{ ...plain, fix: undefined }],
    ];
    for (const messages of others) {
      const result = summarize('a.txt', messages);
      const list = listField(result);
      expect(list.toString('utf8')).toBe(JSON.stringify(messages));
      expect(JSON.stringify(decode(encodeResult(result), 'a.txt'))).toBe(JSON.stringify(result));
    }
  });

  it('reads no result from a list of problems that is damaged', () => {
    const result = summarize('a.txt', [message(1, '上'), { ...message(2, '三'), suggestion: 's', fatal: true }, message(3, '三')]);
    const list = listField(result);
    const field = encodeResult(result);
    const at = field.indexOf(list);
    const units = list.subarray(list.indexOf(':') + 1).toString('utf16le');
    /** The field with its first list's units replaced (the length before them made to fit). */
    const withUnits = (u: string): Buffer => {
      const bytes = Buffer.from(u, 'utf16le');
      return Buffer.concat([field.subarray(0, at), Buffer.from(`#${bytes.length}:`), bytes, field.subarray(at + list.length)]);
    };
    expect(JSON.stringify(decode(withUnits(units), 'a.txt'))).toBe(JSON.stringify(result));
    const unit = (i: number, c: number): string => units.slice(0, i) + String.fromCharCode(c) + units.slice(i + 1);
    const damaged: Buffer[] = [
      withUnits(units.slice(0, -1)), // a unit short
      withUnits(`${units}\u0000`), // a unit more
      withUnits(unit(0, 4)), // more problems than written
      withUnits(unit(0, 2)), // fewer
      withUnits(unit(0, 0x9000)), // a count of two units, larger than the list
      withUnits(unit(1, units.charCodeAt(1) & ~3)), // severity 0
      withUnits(unit(1, units.charCodeAt(1) | 3)), // severity 3
      withUnits(unit(1, units.charCodeAt(1) | 8)), // the first ruleId "repeated"
      withUnits(unit(1, units.charCodeAt(1) | 16)), // the first message "repeated"
      withUnits('\u0001\u0022\u0001x'), // a problem cut short
      withUnits(unit(2, 0x0401)), // the first string's length past the end
      Buffer.concat([field.subarray(0, at), Buffer.from(`#${list.length - list.indexOf(':')}:`), list.subarray(list.indexOf(':') + 1), field.subarray(at + list.length)]), // odd length
      Buffer.concat([field.subarray(0, at), Buffer.from(`#${list.length}:`), list.subarray(list.indexOf(':') + 1), field.subarray(at + list.length)]), // length past the field
      Buffer.concat([field.subarray(0, at), Buffer.from('#:'), list.subarray(list.indexOf(':') + 1), field.subarray(at + list.length)]), // no length
      Buffer.concat([field.subarray(0, at), Buffer.from('#2;'), list.subarray(list.indexOf(':') + 1), field.subarray(at + list.length)]), // no colon
    ];
    for (const bytes of damaged) expect(decode(bytes, 'a.txt'), bytes.toString('latin1')).toBeUndefined();
  });

  it('reads no result from a problem whose further property is not one it was written with', () => {
    const result = summarize('a.txt', [{ ruleId: 'r', severity: 2, message: 'm', line: 1, column: 2, endLine: 3, endColumn: 4, suggestion: 's' }]);
    const list = listField(result);
    const field = encodeResult(result);
    const at = field.indexOf(list);
    // count 1; flags: severity 2, one further property; "r"; "m"; the four numbers; suggestion (TAIL[2]) a string, "s"
    const units = '\u0001\u0022\u0001r\u0001m\u0001\u0002\u0003\u0004\u0008\u0001s';
    expect(list.toString('latin1')).toBe(`#${2 * units.length}:${Buffer.from(units, 'utf16le').toString('latin1')}`);
    const withTail = (tail: number): Buffer => {
      const bytes = Buffer.from(units.slice(0, 10) + String.fromCharCode(tail) + units.slice(11), 'utf16le');
      return Buffer.concat([field.subarray(0, at), Buffer.from(`#${bytes.length}:`), bytes, field.subarray(at + list.length)]);
    };
    expect(JSON.stringify(decode(withTail(8), 'a.txt'))).toBe(JSON.stringify(result));
    expect(decode(withTail(0), 'a.txt')!.messages[0].excerpt).toBe('s'); // TAIL[0], excerpt
    // An index TAIL does not have, a kind not the property's (JSON, true), a repeat of nothing, fatal as a string,
    // fix as a string.
    for (const bad of [(20 << 2) | 0, (2 << 2) | 2, (2 << 2) | 3, (2 << 2) | 1, (4 << 2) | 0, (5 << 2) | 0]) {
      expect(decode(withTail(bad), 'a.txt'), String(bad)).toBeUndefined();
    }
  });

  it('reads a fix back as JSON.parse would, whether read in place (the linter\'s shape) or parsed', () => {
    const texts = ['您', '', '"quoted"', 'back\\slash', 'a\tb\nc', '\u0000', 'x\ud800y', '\u2028\u2029', '😊', '/'];
    const ranges: [number, number][] = [[0, 0], [5, 9], [123456789012345, 1], [1e21, 2], [-1, 3], [1.5, 2]];
    const fixes = [
      ...texts.map((text) => ({ range: [5, 9], text })),
      ...ranges.map((range) => ({ range, text: '您' })),
      { text: '您', range: [5, 9] },
      { range: [5, 9], text: '您', extra: true },
      { range: [5, 9, 10], text: '您' },
      { range: [5], text: '您' },
      { range: [5, 9], text: 7 },
    ];
    for (const fix of fixes) {
      const result = summarize('a.txt', [{ ...message(1, 'x'), fix: fix as never }]);
      const back = decode(encodeResult(result), 'a.txt')!;
      expect(JSON.stringify(back), JSON.stringify(fix)).toBe(JSON.stringify(result));
      expect(back.messages[0].fix, JSON.stringify(fix)).toEqual(JSON.parse(JSON.stringify(fix)));
    }
    // JSON that JSON.parse refuses (a number with a leading zero) is no result, whichever way it would be read.
    const field = encodeResult(summarize('a.txt', [{ ...message(1, 'x'), fix: { range: [15, 9], text: '您' } }]));
    const at = field.indexOf(Buffer.from('[15,', 'utf16le'));
    expect(at).toBeGreaterThan(0);
    Buffer.from('[05,', 'utf16le').copy(field, at);
    expect(decode(field, 'a.txt')).toBeUndefined();
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

  it('reads a result without problems by its prefix, and anything that only looks like one as any other field', () => {
    const clean = (meta?: Record<string, string>, reasons?: Record<string, 'no-timestamps'>) => summarize('a.txt', [], meta, reasons);
    // Without problems: with and without metadata and rules not evaluated, each as the linter makes it.
    for (const result of [clean(), clean({ agent: '王' }), clean(undefined, { 't/late': 'no-timestamps' }), clean({ a: 'b' }, { 't/late': 'no-timestamps' })]) {
      const field = encodeResult(result);
      expect(field.toString('latin1').startsWith('S\t[]\t[]\t0\t0\t0\t0\t0\t')).toBe(true);
      const back = decode(field, 'a.txt');
      expect(JSON.stringify(back)).toBe(JSON.stringify(result));
      expect(Object.keys(back!)).toEqual(Object.keys(result));
    }
    // The prefix with any one of its bytes changed is read as the field it is: counts read, or no result.
    const prefix = 'S\t[]\t[]\t0\t0\t0\t0\t0\t';
    const rest = '\t{"t/late":"no-timestamps"}';
    expect(decode(`S\t[]\t[]\t0\t0\t0\t0\t1\t${rest}`, 'a.txt')!.fixableWarningCount).toBe(1);
    expect(decode(`S\t[]\t[]\t3\t0\t0\t0\t0\t${rest}`, 'a.txt')!.errorCount).toBe(3);
    expect(decode(`S\t[]\t[]\t0\t0\t0\t0\t10\t${rest}`, 'a.txt')!.fixableWarningCount).toBe(10);
    for (let i = 1; i < prefix.length; i++) {
      for (const byte of ['x', '\t', '0', '[']) {
        if (prefix[i] === byte) continue;
        const field = prefix.slice(0, i) + byte + prefix.slice(i + 1) + rest;
        const got = decode(field, 'a.txt');
        if (got) expect([got.errorCount, got.warningCount, got.fatalErrorCount, got.fixableErrorCount, got.fixableWarningCount].some((n) => n > 0), JSON.stringify(field)).toBe(true);
      }
    }
    // Cut short: the prefix alone, or without its last TAB, is no result.
    expect(decode(prefix, 'a.txt')).toBeUndefined();
    expect(decode(prefix.slice(0, -1), 'a.txt')).toBeUndefined();
    expect(decode(`${prefix}\t`, 'a.txt')).toBeDefined();
  });

  it('takes a list of reasons for the one before only when every byte is the same', () => {
    const decoder = new ResultDecoder();
    const reasons = { 't/late': 'no-timestamps', 't/slow': 'speaker-silent' } as const;
    expect(decode(encodeResult(summarize('a.txt', [], undefined, reasons)), 'a.txt', decoder)!.notEvaluatedReasons).toEqual(reasons);
    // Fields of the same length, one byte different: at the first rule's first character, in the middle, the last
    // reason's last character; then a field one byte shorter and the first again.
    const others: Record<string, string>[] = [
      { 'u/late': 'no-timestamps', 't/slow': 'speaker-silent' },
      { 't/late': 'no-timestamps', 't/slox': 'speaker-silent' },
      { 't/late': 'no-timestamps', 't/slow': 'speaker-silenu' },
      { 't/late': 'no-timestamps', 't/slo': 'speaker-silent' },
      reasons,
    ];
    for (const other of others) {
      const got = decode(encodeResult(summarize('b.txt', [], undefined, other as Record<string, 'no-timestamps'>)), 'b.txt', decoder)!;
      expect(got.notEvaluatedReasons).toEqual(other);
      expect(got.notEvaluated).toEqual(Object.keys(other));
    }
    // Fields of each length modulo 4, the same but for their last byte (compared four bytes at a time, then one).
    for (let extra = 0; extra < 4; extra++) {
      const rule = `t/${'r'.repeat(extra)}`;
      const a = decode(encodeResult(summarize('d.txt', [], undefined, { [rule]: 'no-timestamps' })), 'd.txt', decoder)!;
      const b = decode(encodeResult(summarize('d.txt', [], undefined, { [rule]: 'no-timestampt' as 'no-timestamps' })), 'd.txt', decoder)!;
      expect([a.notEvaluatedReasons![rule], b.notEvaluatedReasons![rule]]).toEqual(['no-timestamps', 'no-timestampt']);
    }
    // The same field at another place in another buffer is the same list.
    const field = encodeResult(summarize('c.txt', [], undefined, reasons));
    const bytes = Buffer.concat([Buffer.from('x'.repeat(300)), field, Buffer.from('\n')]);
    expect(decoder.decode(bytes, 300, 300 + field.length, 'c.txt')!.notEvaluatedReasons).toEqual(reasons);
  });
});
