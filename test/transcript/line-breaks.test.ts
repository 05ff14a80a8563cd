// A lone "\r" ends a line as "\n" and "\r\n" do (old Mac OS files, some recorders and exports): until 2026-12-01 a
// CR-only transcript was read as one line, every problem stood on line 1 and the turns after the first were lost.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readExpectations } from '../../src/authoring/expectations.js';
import { Linter } from '../../src/engine/linter.js';
import { applyFixes } from '../../src/engine/fix.js';
import { LineIndex } from '../../src/engine/line-index.js';
import { decode } from '../../src/transcript/decode.js';
import { forEachLineSpan } from '../../src/transcript/builder.js';
import { parseTranscript } from '../../src/transcript/index.js';
import { parsePlainText } from '../../src/transcript/plain-text.js';
import { SpeakerResolver } from '../../src/transcript/speakers.js';
import { DEFAULT_NORMALIZE, foldTable } from '../../src/text/fold-table.js';
import { keptLineBreakCount, withLfBreaks } from '../../src/text/line-breaks.js';
import { SHARED_UNITS } from '../../src/text/text-units.js';
import { fixFile } from '../../src/runner/fix-files.js';
import type { LintMessage, LintResult } from '../../src/types.js';
import { runCli, tempDir } from '../helpers.js';
import { FIXED, project, SCRIPT } from '../trainer-project.js';

const CALL = [
  '---', 'agent: 王芳', '---',
  '客服：您好，请问有什么可以帮您？',
  '客户：你们的服务太差了',
  '客服：你说什么',
  '# transcript-lint-disable-next-line zh-callcenter/banned-ni',
  '客服：你好',
  '客服：再见',
  '',
].join('\n');

/** Rule, line, column and end of every problem: what a report shows. */
const places = (result: LintResult): string[] => result.messages.map((m: LintMessage) => `${m.ruleId}@${m.line}:${m.column}-${m.endLine ?? ''}:${m.endColumn ?? ''}`);

/** The call with its line breaks written as `breaks` in turn (cycled). */
function withBreaks(text: string, breaks: string[]): string {
  let i = 0;
  return text.replace(/\n/g, () => breaks[i++ % breaks.length]);
}

describe('CR-only and mixed line endings', () => {
  const linter = Linter.create({ cwd: tempDir(), noConfigLookup: true });
  const lf = linter.lintText(CALL, 'call.txt');

  it('a plain-text call reads the same whatever its line breaks: problems, lines, columns, front matter, disable comments', () => {
    expect(lf.messages.length).toBeGreaterThan(3);
    expect(new Set(lf.messages.map((m) => m.line)).size).toBeGreaterThan(2);
    for (const breaks of [['\r'], ['\r\n'], ['\r', '\n'], ['\r\n', '\r', '\n']]) {
      const result = linter.lintText(withBreaks(CALL, breaks), 'call.txt');
      expect(places(result), JSON.stringify(breaks)).toEqual(places(lf));
      expect(result.meta, JSON.stringify(breaks)).toEqual(lf.meta);
    }
  });

  it('SRT and WebVTT cues split by "\\r" are cues', () => {
    const srt = '1\n00:00:01,000 --> 00:00:02,000\n客服：您好，请问有什么可以帮您？\n\n2\n00:00:03,000 --> 00:00:04,000\n客户：你们太差了\n\n3\n00:00:05,000 --> 00:00:06,000\n客服：你说什么\n';
    const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v 客服>您好，请问有什么可以帮您？\n\n00:00:03.000 --> 00:00:04.000\n<v 客户>你们太差了\n\n00:00:05.000 --> 00:00:06.000\n<v 客服>你说什么\n';
    for (const [name, text] of [['call.srt', srt], ['call.vtt', vtt], ['srt.txt', srt], ['vtt.txt', vtt]]) {
      const expected = places(linter.lintText(text, name));
      expect(expected.length, name).toBeGreaterThan(1);
      expect(places(linter.lintText(withBreaks(text, ['\r']), name)), name).toEqual(expected);
      expect(places(linter.lintText(withBreaks(text, ['\r', '\r\n', '\n']), name)), name).toEqual(expected);
    }
  });

  it('a bad byte is located at its line in a CR-only file', () => {
    const bytes = Buffer.concat([Buffer.from('客服：您好\r客户：你好\r客服：'), Buffer.from([0xff]), Buffer.from('再见\r')]);
    expect(() => decode(bytes)).toThrow();
    try {
      decode(bytes);
    } catch (err) {
      expect([(err as { line?: number }).line, (err as { column?: number }).column]).toEqual([3, 4]);
    }
  });

  it('line and column ↔ offset count a lone "\\r" as a line break', () => {
    const lines = new LineIndex('ab\rcd\r\nef\ngh');
    expect([lines.offset(2, 2), lines.offset(3, 1), lines.offset(4, 2)]).toEqual([4, 7, 11]);
    expect([lines.lineText(1), lines.lineText(2), lines.lineText(3), lines.lineText(4)]).toEqual(['ab', 'cd', 'ef', 'gh']);
  });

  it('a --test-pack fixture\'s "# expect:" lines are found in a CR-only file', () => {
    expect(readExpectations('客服: 什么事\r# expect: demo/r @1\r客服: 好\r# expect: demo/r\r', ['demo/r']).expectations).toEqual([
      { ruleId: 'demo/r', line: 1, at: 2 },
      { ruleId: 'demo/r', line: undefined, at: 4 },
    ]);
  });

  it('replacement text takes the file\'s own line break', () => {
    const fixAt = (start: number, end: number, text: string): LintMessage => ({ ruleId: 'r', severity: 1, message: 'm', line: 1, column: 1, fix: { range: [start, end], text } });
    expect(applyFixes('a\rb\r', [fixAt(0, 1, 'x\ny')]).output).toBe('x\ry\rb\r');
    // In a file of mixed breaks, the break of the line the change stands on.
    expect(applyFixes('a\nb\r\nc\rd', [fixAt(2, 3, 'x\ny'), fixAt(5, 6, 'x\ny'), fixAt(7, 8, 'x\r\ny')]).output).toBe('a\nx\r\ny\r\nx\ry\rx\ry');
  });

  it('--fix keeps every line break of a CR-only or mixed file byte for byte', () => {
    for (const breaks of [['\r'], ['\r', '\n'], ['\r\n', '\r', '\n', '\r']]) {
      const dir = project({ 'script.txt': withBreaks(SCRIPT, breaks) });
      const fixed = fixFile(Linter.create({ cwd: dir }), join(dir, 'script.txt'), 'script.txt', { write: true });
      expect(fixed.result.messages, JSON.stringify(breaks)).toEqual([]);
      expect(readFileSync(join(dir, 'script.txt'), 'utf8'), JSON.stringify(breaks)).toBe(withBreaks(FIXED, breaks));
    }
  });

  it('the CLI reports a CR-only file at the lines an editor shows', () => {
    const dir = tempDir({ 'lf.txt': CALL, 'cr.txt': withBreaks(CALL, ['\r']) });
    const run = runCli(['-f', 'compact', 'cr.txt', 'lf.txt'], { cwd: dir });
    const out = run.stdout.split('\n');
    expect(out.filter((l) => l.startsWith('cr.txt:')).map((l) => l.slice(3))).toEqual(out.filter((l) => l.startsWith('lf.txt:')).map((l) => l.slice(3)));
    expect(out.filter((l) => l.startsWith('cr.txt:')).length).toBe(lf.messages.length);
  });
});

describe('the line breaks a parser found, kept for the LineIndex of the same text', () => {
  const speakers = new SpeakerResolver(new Map([['客服', 'agent'], ['客户', 'customer']]), foldTable(DEFAULT_NORMALIZE));
  /** Line and column of every offset, counted from the text itself. */
  function counted(text: string): string[] {
    const lf = text.replace(/\r(?!\n)/g, '\n');
    const out: string[] = [];
    let line = 1;
    let column = 1;
    for (let i = 0; i <= lf.length; i++) {
      out.push(`${line}:${column}`);
      if (lf[i] === '\n') {
        line++;
        column = 1;
      } else column++;
    }
    return out;
  }
  const positions = (lines: LineIndex, length: number): string[] => Array.from({ length: length + 1 }, (_, i) => {
    const { line, column } = lines.position(i);
    return `${line}:${column}`;
  });

  const texts: [string, string][] = [
    ['a call', '客服: 您好\n客户: 你好\n客服: 再见\n'],
    ['without a last line break', '客服: 您好\n客户: 你好'],
    ['empty lines, first and last', '\n\n客服: 您好\n\n客户: 你好\n\n'],
    ['front matter (the parser starts after it)', '---\nagent: 王芳\n---\n客服: 您好\n客户: 你好\n'],
    ['header lines', '通话ID: 123\n日期: 2026-12-03\n客服: 您好\n'],
    ['CRLF', '客服: 您好\r\n客户: 你好\r\n'],
    ['a lone CR (another text is split)', '客服: 您好\r客户: 你好\r\n客服: 再见'],
    ['one line', '客服: 您好'],
    ['nothing', ''],
    ['more lines than the first buffer', '客服: 好\n'.repeat(700)],
  ];
  for (const [name, text] of texts) {
    it(`places offsets as counting does: ${name}`, () => {
      const parsed = parsePlainText(withLfBreaks(text), speakers);
      expect(positions(new LineIndex(parsed.text), text.length)).toEqual(counted(text));
      // And once another text was split, the same text's LineIndex searches its own.
      parsePlainText('客服: 别的\n', speakers);
      expect(positions(new LineIndex(text), text.length)).toEqual(counted(text));
    });
  }

  it('a text of more lines than are kept has its LineIndex search them', () => {
    const text = '客服: 好\n'.repeat((1 << 16) + 3);
    const parsed = parsePlainText(text, speakers);
    expect(keptLineBreakCount(parsed.text)).toBe(-1);
    const lines = new LineIndex(parsed.text);
    expect([lines.position(0), lines.position(text.length - 1), lines.position(text.length)]).toEqual([
      { line: 1, column: 1 }, { line: (1 << 16) + 3, column: 6 }, { line: (1 << 16) + 4, column: 1 }]);
  });

  it('a text longer than SHARED_UNITS keeps none (it would stay alive until the next text is split)', () => {
    const line = `客服: ${'好'.repeat(995)}\n`;
    const text = line.repeat(Math.ceil((SHARED_UNITS + 1) / line.length));
    const parsed = parsePlainText(text, speakers);
    expect(parsed.text.length).toBeGreaterThan(SHARED_UNITS);
    expect(keptLineBreakCount(parsed.text)).toBe(-1);
    expect(new LineIndex(parsed.text).position(text.length - 2)).toEqual({ line: text.length / line.length, column: 999 });
  });

  it('SRT and WebVTT keep theirs too; a split not run to its end keeps none', () => {
    const srt = '1\n00:00:01,000 --> 00:00:02,000\n客服: 您好\n\n2\n00:00:03,000 --> 00:00:04,000\n客户: 你好\n';
    parseTranscript(srt, 'call.srt', speakers);
    expect(keptLineBreakCount(srt)).toBe(7);
    const lines = new LineIndex(srt);
    expect(positions(lines, srt.length)).toEqual(counted(srt));
    const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n客服: 您好\n';
    parseTranscript(vtt, 'call.vtt', speakers);
    expect(keptLineBreakCount(vtt)).toBe(4);
    const stopped = '客服: 您好\n客户: 你好\n';
    expect(() => forEachLineSpan(stopped, 0, (start) => {
      if (start > 0) throw new Error('stop');
    })).toThrow('stop');
    expect(keptLineBreakCount(stopped)).toBe(-1);
    expect(keptLineBreakCount(vtt)).toBe(-1);
  });
});
