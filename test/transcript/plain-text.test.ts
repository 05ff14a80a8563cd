import { describe, expect, it } from 'vitest';
import { DEFAULT_NORMALIZE, foldTable } from '../../src/text/fold-table.js';
import { parsePlainText } from '../../src/transcript/plain-text.js';
import { SpeakerResolver } from '../../src/transcript/speakers.js';
import { decode } from '../../src/transcript/decode.js';
import { linterFor, packWith } from '../helpers.js';

const speakers = new SpeakerResolver(new Map([['客服', 'agent'], ['客户', 'customer'], ['Agent', 'agent']]), foldTable(DEFAULT_NORMALIZE));
const textOf = (source: string, segments: { start: number; end: number }[]) => segments.map((s) => source.slice(s.start, s.end)).join('|');

describe('plain-text transcripts', () => {
  it('labels with half- and full-width colons, Traditional labels, timestamps, continuations and comments', () => {
    const source = '# call 42\n[00:01:23] 客服: 您好\n00:01:30.450 客戶：我想查\n  账单\nAgent 2: hi\n';
    const t = parsePlainText(source, speakers);
    expect(t.turns.map((turn) => [turn.role, turn.label, textOf(source, turn.segments), turn.start])).toEqual([
      ['agent', '客服', '您好', 83],
      ['customer', '客戶', '我想查|账单', 90.45],
      ['agent', 'Agent 2', 'hi', undefined],
    ]);
    expect(t.comments.map((c) => [c.line, c.text])).toEqual([[1, 'call 42']]);
  });

  it('a label seen before is known where it stands, up to a directive cut from the line, and before space or a line break', () => {
    // Lines are read in place (no string per line): a label remembered with its space must not reach past a line's
    // end or a trailing directive, nor take the next line's first character for the space after its colon.
    const source = '客服: 您好\n客服: # transcript-lint-disable-line foo\n客服:\t\n客服: 好\n客户:  \u3000\n[00:00:01]  客户: 嗯\n' +
      '[00:00:02]客户:\n  \n\u3000客服: 好\r\n客服:\n客服:好 # transcript-lint-disable-line x\n客服 : 好\n客服:\u00a0好';
    const t = parsePlainText(source, speakers);
    expect(t.turns.map((turn) => [turn.label, turn.segments.map((s) => [s.start, s.end]), turn.start])).toEqual([
      ['客服', [[4, 6]], undefined], ['客服', [[10, 10]], undefined], ['客服', [[50, 50]], undefined], ['客服', [[55, 56]], undefined],
      ['客户', [[63, 63]], undefined], ['客户', [[80, 81]], 1], ['客户', [[95, 95]], 2], ['客服', [[104, 105]], undefined],
      ['客服', [[110, 110]], undefined], ['客服', [[114, 115]], undefined], ['客服', [[154, 155]], undefined], ['客服', [[159, 161]], undefined],
    ]);
    expect(t.comments.map((c) => [c.line, c.span.start, c.span.end])).toEqual([[2, 11, 45], [11, 116, 148]]);
  });

  it('a line of white space only, whichever space, adds nothing to the turn; a line that starts with one is read', () => {
    const blanks = ['\u3000', '\u00a0 ', '\ufeff', '\u2028\u2029', '\u205f\t', '\u000b\u000c', ''];
    const source = `客服: 您好\n${blanks.join('\n')}\n  账单\n\u3000客户: 嗯\n\ufeff客服: 好\n`;
    const t = parsePlainText(source, speakers);
    expect(t.turns.map((turn) => [turn.role, textOf(source, turn.segments)])).toEqual([['agent', '您好|账单'], ['customer', '嗯'], ['agent', '好']]);
  });

  it('every comment line and every directive at a line\'s end is found, a "#" in the words is text', () => {
    const source = '# call 42\n客服: 您好\n  # 转接前\n客户: 单号#123 # transcript-lint-disable-line\n客服: 好的\n# end\n#\n客服: 再见 #不是指令\n';
    const t = parsePlainText(source, speakers);
    expect(t.comments.map((c) => [c.line, c.text])).toEqual([[1, 'call 42'], [3, '转接前'], [4, 'transcript-lint-disable-line'], [6, 'end'], [7, '']]);
    expect(t.turns.map((turn) => textOf(source, turn.segments))).toEqual(['您好', '单号#123', '好的', '再见 #不是指令']);
  });

  it('a label seen before parses again as it would alone: more space after its colon, a longer label, odd timestamps', () => {
    const lines = ['[00:00:01] 客服: 您好', '[00:00:02] 客服:  \u3000请讲', '[00:00:03] 客服:好', '[00:00:04] 客服小王: 在', '[00:00:05]\t客服 : 嗯', '[00:00:06]客服: 对', '[00:61:00] 客服: 不'];
    const source = lines.join('\n') + '\n';
    const each = lines.map((line) => parsePlainText(line + '\n', speakers).turns.map((turn) => [turn.role, turn.label, textOf(line, turn.segments), turn.start]));
    const together = parsePlainText(source, speakers);
    const offsets = lines.map((_, i) => lines.slice(0, i).join('\n').length + (i > 0 ? 1 : 0)); // where each line starts
    expect(together.turns.map((turn) => [turn.role, turn.label, textOf(source, turn.segments), turn.start])).toEqual(each.flat());
    expect(together.turns.map((turn) => turn.segments[0].start)).toEqual(offsets.map((at, i) => at + parsePlainText(lines[i] + '\n', speakers).turns[0].segments[0].start));
    expect(together.turns.map((turn) => turn.label)).toEqual(['客服', '客服', '客服', '客服小王', '客服', '客服', '客服']);
    expect(together.turns.map((turn) => textOf(source, turn.segments))).toEqual(['您好', '请讲', '好', '在', '嗯', '对', '不']);
  });

  it('a timestamp counts only at the head of a line, after spaces if any; a line starting with its label has none', () => {
    const source = '客服: [00:00:12] 您好\n\u3000[00:00:20] 客户: 嗯\n 00:30 客服: 好\n7 客户: 七\n客户: [00:70] 不\n';
    const t = parsePlainText(source, speakers);
    expect(t.turns.map((turn) => [turn.label, textOf(source, turn.segments), turn.start])).toEqual([
      ['客服', '[00:00:12] 您好', undefined],
      ['客户', '嗯', 20],
      ['客服', '好', 30],
      ['7 客户', '七', undefined],
      ['客户', '[00:70] 不', undefined],
    ]);
    expect(t.notices.filter((n) => n.message.includes('timestamp'))).toEqual([]);
  });

  it('CRLF line ends are not part of the text', () => {
    const source = '客服: 您好\r\n客户: 你好\r\n';
    expect(parsePlainText(source, speakers).turns.map((turn) => textOf(source, turn.segments))).toEqual(['您好', '你好']);
  });

  it('a colon inside a sentence is not a label; unknown labels are reported once', () => {
    const source = '客服: 请注意：明天办理\n班长: 好\n班长: 好\n';
    const t = parsePlainText(source, speakers);
    expect(t.turns.map((turn) => turn.role)).toEqual(['agent', 'other', 'other']);
    expect(t.notices.map((n) => n.message)).toEqual(['unknown speaker labels: 班长; their turns count as "other" (add them under "speakers:" in your pack)']);
  });

  it('thousands of unknown labels are named ten at a time, with how many more (50,000 made one warning of 700 KB)', () => {
    const source = `客服: 您好\n${Array.from({ length: 50_000 }, (_, i) => `说话人${i}: 嗯\n`).join('')}`;
    const [notice] = parsePlainText(source, speakers).notices;
    expect(notice.message).toBe(`unknown speaker labels: ${Array.from({ length: 10 }, (_, i) => `说话人${i}`).join(', ')} and 49,990 more; their turns count as "other" (add them under "speakers:" in your pack)`);
  });

  it('a BOM is dropped by decoding, so columns start after it', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('客服: 不知道')]);
    const linter = linterFor(packWith('rules:\n  r:\n    kind: banned\n    phrases: [不知道]\n'));
    const result = linter.lintText(decode(bytes).text);
    expect(result.messages.map((m) => `${m.line}:${m.column}`)).toEqual(['1:5']);
  });

  it('columns count characters (code points), not UTF-16 units', () => {
    const linter = linterFor(packWith('rules:\n  r:\n    kind: banned\n    phrases: [不知道]\n'));
    const result = linter.lintText('客服: 😀𠀀不知道');
    expect(result.messages.map((m) => `${m.line}:${m.column}-${m.endColumn}`)).toEqual(['1:7-10']);
  });
});
