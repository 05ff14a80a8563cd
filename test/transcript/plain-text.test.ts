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

  it('CRLF line ends are not part of the text', () => {
    const source = '客服: 您好\r\n客户: 你好\r\n';
    expect(parsePlainText(source, speakers).turns.map((turn) => textOf(source, turn.segments))).toEqual(['您好', '你好']);
  });

  it('a colon inside a sentence is not a label; unknown labels are reported once', () => {
    const source = '客服: 请注意：明天办理\n班长: 好\n班长: 好\n';
    const t = parsePlainText(source, speakers);
    expect(t.turns.map((turn) => turn.role)).toEqual(['agent', 'other', 'other']);
    expect(t.notices.map((n) => n.message)).toEqual(['unknown speaker labels: 班长; their turns count as "other"']);
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
