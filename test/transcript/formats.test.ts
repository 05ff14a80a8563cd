import { describe, expect, it } from 'vitest';
import { DEFAULT_NORMALIZE, foldTable } from '../../src/text/fold-table.js';
import { parseAsrJson } from '../../src/transcript/asr-json.js';
import { MAX_LINE_LENGTH } from '../../src/transcript/builder.js';
import { detectFormat, parseTranscript } from '../../src/transcript/index.js';
import { parseSrt } from '../../src/transcript/srt.js';
import { SpeakerResolver } from '../../src/transcript/speakers.js';
import { parseWebVtt } from '../../src/transcript/webvtt.js';
import type { Transcript, Turn } from '../../src/types.js';
import { packIssues, packWith } from '../helpers.js';

const speakers = new SpeakerResolver(
  new Map([['客服', 'agent'], ['坐席', 'agent'], ['客户', 'customer']]),
  foldTable(DEFAULT_NORMALIZE),
  new Map([['0', 'agent'], ['1', 'customer']]),
);

/** Each turn as [role, label, text of its spans joined by |, start, end]. */
function turns(t: Transcript): [Turn['role'], string, string, number | undefined, number | undefined][] {
  return t.turns.map((turn) => [turn.role, turn.label, turn.segments.map((s) => t.text.slice(s.start, s.end)).join('|'), turn.start, turn.end]);
}

/** "line:column message" of each notice, as the file reads (through the JSON origin when there is one). */
function notices(t: Transcript): string[] {
  const file = t.origin?.text ?? t.text;
  return t.notices.map((n) => {
    const offset = n.inOrigin || !t.origin ? n.span.start : t.origin.offsets[n.span.start];
    const before = file.slice(0, offset);
    return `${before.split('\n').length}:${offset - before.lastIndexOf('\n')}${n.fatal ? ' fatal' : ''} ${n.message}`;
  });
}

describe('SRT', () => {
  it('cues with a speaker prefix, markup removed, cues without a speaker continue the turn', () => {
    const t = parseSrt('1\n00:00:01,000 --> 00:00:04,500\n客服：<i>您好</i>，请问\n\n2\n00:00:05,000 --> 00:00:06,000\n- 客户: 查账单\n\n3\n00:00:06,000 --> 00:00:09,250\n上个月的\n', speakers);
    expect(turns(t)).toEqual([
      ['agent', '客服', '您好|，请问', 1, 4.5],
      ['customer', '客户', '查账单|上个月的', 5, 9.25],
    ]);
    expect(t.notices).toEqual([]);
  });

  it('a speaker prefix after a no-break or ideographic space starts its turn, in SRT and WebVTT (it continued the turn before)', () => {
    const srt = parseSrt('1\n00:00:01,000 --> 00:00:02,000\n客服: 您好\n\n2\n00:00:03,000 --> 00:00:04,000\n\u00a0客户: 嗯\n\n3\n00:00:05,000 --> 00:00:06,000\n\u3000-\u00a0客服: 不知道\n', speakers);
    expect(turns(srt).map((turn) => turn.slice(0, 3))).toEqual([['agent', '客服', '您好'], ['customer', '客户', '嗯'], ['agent', '客服', '不知道']]);
    const vtt = parseWebVtt('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n客服: 您好\n\n00:00:03.000 --> 00:00:04.000\n\u202f客户: 嗯\n', speakers);
    expect(turns(vtt).map((turn) => turn.slice(0, 3))).toEqual([['agent', '客服', '您好'], ['customer', '客户', '嗯']]);
  });

  it('Windows line ends', () => {
    const t = parseSrt('1\r\n00:00:01,000 --> 00:00:02,000\r\n客服: 您好\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\n客户: 嗯\r\n', speakers);
    expect(turns(t)).toEqual([['agent', '客服', '您好', 1, 2], ['customer', '客户', '嗯', 3, 4]]);
  });

  it('a malformed timestamp is fatal at its place; the cue text is still kept', () => {
    const t = parseSrt('1\n00:00:01,000 --> 00:61:04,000\n客服: 您好\n', speakers);
    expect(notices(t)).toEqual(['2:18 fatal malformed timestamp "00:61:04,000"; write it as in "00:00:01,000 --> 00:00:04,000" (minutes and seconds 00–59)']);
    expect(turns(t)).toEqual([['agent', '客服', '您好', 1, undefined]]);
  });

  it('a cue without a timing line is reported', () => {
    expect(notices(parseSrt('1\n客服: 您好\n', speakers))).toEqual([
      '2:1 fatal expected a timing line here; an SRT cue is a number, a timing line "00:00:01,000 --> 00:00:04,000", then its text',
    ]);
  });
});

describe('WebVTT', () => {
  it('voice tags name speakers; header lines are metadata; NOTE blocks are comments', () => {
    const source = 'WEBVTT\nCall-Id: 42\n\nNOTE transcript-lint-disable-next-line x\n\nc1\n00:01.000 --> 00:04.000 align:start\n<v 客服>您好</v>\n\n00:05.000 --> 00:07.000\n<v.loud 客户>查账单<v 客服>好的\n还有吗\n';
    const t = parseWebVtt(source, speakers);
    expect(turns(t)).toEqual([
      ['agent', '客服', '您好', 1, 4],
      ['customer', '客户', '查账单', 5, 7],
      ['agent', '客服', '好的|还有吗', 5, 7],
    ]);
    expect(t.meta).toEqual({ 'Call-Id': '42' });
    expect(t.comments.map((c) => [c.line, c.text])).toEqual([[4, 'transcript-lint-disable-next-line x']]);
  });

  it('numbered voices from speech recognition go through the channels map', () => {
    expect(turns(parseWebVtt('WEBVTT\n\n00:01.000 --> 00:02.000\n<v Speaker 1>喂\n', speakers))).toEqual([['customer', 'Speaker 1', '喂', 1, 2]]);
  });

  it('unknown voices are reported once; a missing WEBVTT line is fatal', () => {
    const t = parseWebVtt('00:01.000 --> 00:02.000\n<v 张三>喂\n\n00:03.000 --> 00:04.000\n<v 张三>喂\n', speakers);
    expect(notices(t)).toEqual([
      '1:1 fatal a WebVTT file must start with the line "WEBVTT"',
      '2:4 unknown speaker labels: 张三; their turns count as "other" (add them under "speakers:" in your pack)',
    ]);
  });
});

describe('speech-recognition JSON', () => {
  const shapes: [string, string, unknown[]][] = [
    ['Whisper segments (speaker ids through channels:)', JSON.stringify({ language: 'zh', segments: [{ start: 0, end: 1.5, text: '您好', speaker: 'SPEAKER_00' }, { start: 2, end: 3, text: '查账单', speaker: 'SPEAKER_01' }] }),
      [['agent', 'SPEAKER_00', '您好', 0, 1.5], ['customer', 'SPEAKER_01', '查账单', 2, 3]]],
    ['Amazon Transcribe Call Analytics', JSON.stringify({ Transcript: [{ ParticipantRole: 'AGENT', Content: '您好', BeginOffsetMillis: 250, EndOffsetMillis: 1500 }, { ParticipantRole: 'CUSTOMER', Content: '查账单', BeginOffsetMillis: 2000, EndOffsetMillis: 3000 }] }),
      [['agent', 'AGENT', '您好', 0.25, 1.5], ['customer', 'CUSTOMER', '查账单', 2, 3]]],
    ['Amazon Transcribe audio_segments', JSON.stringify({ results: { audio_segments: [{ transcript: '您好', start_time: '0.5', end_time: '1.5', speaker_label: 'spk_0' }] } }),
      [['agent', 'spk_0', '您好', 0.5, 1.5]]],
    ['Alibaba dialogue list (milliseconds)', JSON.stringify([{ role: '坐席', words: '您好', begin: 0, end: 1500 }, { role: '客户', words: '查账单', begin: 2000, end: 3000 }]),
      [['agent', '坐席', '您好', 0, 1.5], ['customer', '客户', '查账单', 2, 3]]],
    ['channel-numbered sentences', JSON.stringify({ Result: { Sentences: [{ ChannelId: 1, Text: '喂', BeginTime: 0, EndTime: 500 }, { ChannelId: 0, Text: '您好', BeginTime: 600, EndTime: 1500 }] } }),
      [['customer', '1', '喂', 0, 0.5], ['agent', '0', '您好', 0.6, 1.5]]],
    ['a plain list', JSON.stringify([{ speaker: '客服', text: '您好', start: 0, end: 1 }]),
      [['agent', '客服', '您好', 0, 1]]],
  ];
  for (const [name, source, expected] of shapes) {
    it(name, () => {
      const t = parseAsrJson(source, speakers);
      expect(turns(t)).toEqual(expected);
      expect(t.notices).toEqual([]);
    });
  }

  it('offsets point into the string literal as written, escapes included', () => {
    const source = '[\n  {"speaker": "客服", "text": "\\u60a8\\u597d\\n\\"请问\\"", "start": 0}\n]';
    const t = parseAsrJson(source, speakers);
    expect(t.text).toBe('您好\n"请问"');
    const at = (i: number) => source.slice(t.origin!.offsets[i], t.origin!.offsets[i + 1]);
    expect([0, 1, 2, 3, 4].map(at)).toEqual(['\\u60a8', '\\u597d', '\\n', '\\"', '请']);
  });

  it('malformed JSON is fatal at the line and column of the mistake', () => {
    const t = parseAsrJson('[\n  {"speaker": "客服", "text": "您好"}\n  {"speaker": "客户"}\n]', speakers);
    expect(notices(t)).toEqual(['3:3 fatal malformed JSON: expected a comma (,) or a closing bracket (]) but found "{"']);
    expect(notices(parseAsrJson('{"segments": [{"text": "您好', speakers))).toEqual(['1:24 fatal malformed JSON: unterminated string: a closing quote (") is missing']);
    expect(notices(parseAsrJson('['.repeat(10_000), speakers))[0]).toMatch(/^1:258 fatal malformed JSON: nested more than 256 levels deep/);
  });

  it('JSON of another shape, malformed times and unknown speakers are reported where they stand', () => {
    expect(notices(parseAsrJson('{"name": "x"}', speakers))).toEqual([
      '1:1 fatal JSON that is not a recognized transcript; expected Whisper "segments", Amazon Transcribe "Transcript" or "audio_segments", Alibaba "Sentences" or a list of {speaker, text, start, end}',
    ]);
    const t = parseAsrJson('[{"speaker": "spk_7", "text": "您好", "start": "soon"},\n {"speaker": "spk_7", "text": "嗯", "start": 1}]', speakers);
    expect(notices(t)).toEqual([
      '1:46 fatal malformed timestamp "soon"; "start"/"end" must be numbers of seconds ≥ 0',
      '1:15 unknown speaker labels: spk_7; their turns count as "other" (add them under "speakers:" in your pack, or map channel numbers under "channels:")',
    ]);
  });
});

describe('choosing the format and reading metadata', () => {
  it('by extension, else by content', () => {
    expect(['a.srt', 'a.vtt', 'a.json', 'a.txt'].map((f) => detectFormat('', f))).toEqual(['srt', 'webvtt', 'json', 'plain']);
    expect(detectFormat('WEBVTT\n\n', 'call.txt')).toBe('webvtt');
    expect(detectFormat('1\n00:00:01,000 --> 00:00:02,000\n', 'call.txt')).toBe('srt');
    expect(detectFormat('[{"text": "您好"}]', 'call.txt')).toBe('json');
    expect(detectFormat('[00:00:01] 客服: 您好', 'call.txt')).toBe('plain');
  });

  it('front matter and header lines become metadata, even when a header key starts like a speaker label', () => {
    const front = parseTranscript('---\ncall-id: 42\nagent-id: "128"\n---\n客服: 您好\n', 'a.txt', speakers);
    expect(front.meta).toEqual({ 'call-id': '42', 'agent-id': '128' });
    expect(front.turns.map((t) => front.text.slice(t.segments[0].start, t.segments[0].end))).toEqual(['您好']);
    const header = parseTranscript('通话ID: 42\n坐席工号: 128\n\n坐席: 您好\n', 'a.txt', speakers);
    expect(header.meta).toEqual({ 通话ID: '42', 坐席工号: '128' });
    expect(header.turns.map((t) => t.role)).toEqual(['agent']);
  });

  it('a YAML tag in front matter is said at its line, not printed by Node as a process warning without the file', () => {
    // Until 2026-12-01 「(node:…) [TAG_RESOLVE_FAILED] YAMLWarning: Unresolved tag」 went to stderr for each such file.
    const warnings: string[] = [];
    const listen = (w: Error): number => warnings.push(w.message);
    process.on('warning', listen);
    try {
      const t = parseTranscript('---\ncall-id: 42\nagent: !!js/function "function () {}"\n---\n客服: 您好\n', 'a.txt', speakers);
      expect(t.meta).toEqual({ 'call-id': '42', agent: 'function () {}' });
      expect(notices(t)).toEqual(['3:8 front matter: the YAML tag !!js/function is not one transcript-lint reads; its value is taken as text (remove the tag)']);
    } finally {
      process.off('warning', listen);
    }
    return new Promise<void>((resolve) => setImmediate(() => {
      expect(warnings).toEqual([]);
      resolve();
    }));
  });

  it('front matter whose alias stands inside its own anchor is said and ignored; the call is linted (it was an internal error, the file not linted)', () => {
    const t = parseTranscript('---\ncall-id: 42\nagent: &a [x, *a]\n---\n客服: 您好\n', 'a.txt', speakers);
    expect(t.meta).toEqual({});
    expect(notices(t)).toEqual(['1:1 front matter is not valid YAML (the alias *a stands inside the value of its own anchor); call metadata ignored']);
    expect(turns(t)).toEqual([['agent', '客服', '您好', undefined, undefined]]);
  });

  it('plain text: a byte-order mark at a line\'s start (transcripts joined with cat, a mark saved twice) is no word: the label after it starts the turn (the line was words of the turn before, in the other speaker\'s name)', () => {
    const t = parseTranscript('\uFEFF客服: 您好\n\uFEFF客户: 不知道你们\n\uFEFF\uFEFF[00:00:05] 客服: 好的\n', 'a.txt', speakers);
    expect(notices(t)).toEqual([]);
    expect(turns(t)).toEqual([
      ['agent', '客服', '您好', undefined, undefined],
      ['customer', '客户', '不知道你们', undefined, undefined],
      ['agent', '客服', '好的', 5, undefined],
    ]);
  });

  it('plain text: a label after a no-break, fixed-width or zero-width space (copied from a web page or a word processor) starts its turn (the line was words of the turn before, in the other speaker\'s name)', () => {
    const t = parseTranscript('客服: 您好\n\u00a0客户: 不知道你们\n\u202f客服: 好的\n\u2007\u200b[00:00:05]\u00a0客户: 嗯\n', 'a.txt', speakers);
    expect(notices(t)).toEqual([]);
    expect(turns(t)).toEqual([
      ['agent', '客服', '您好', undefined, undefined],
      ['customer', '客户', '不知道你们', undefined, undefined],
      ['agent', '客服', '好的', undefined, undefined],
      ['customer', '客户', '嗯', 5, undefined],
    ]);
  });

  it('a key that is a list or a mapping, in front matter or a pack, is said at its place, not printed by Node as a process warning without the file', () => {
    // Until 2026-12-02 「(node:…) Warning: Keys with collection values will be stringified」 went to stderr.
    const warnings: string[] = [];
    const listen = (w: Error): number => warnings.push(w.message);
    process.on('warning', listen);
    try {
      const t = parseTranscript('---\n? [a, b]\n: x\nagent: 张三\n---\n客服: 您好\n', 'a.txt', speakers);
      expect(t.meta).toEqual({ agent: '张三' });
      expect(notices(t)).toEqual(['2:3 front matter: a key that is a list or a mapping is no metadata field; write a plain key such as "agent:"']);
      expect(packIssues(packWith('phrases:\n  ? [a, b]\n  : [x]\nrules: {}\n'))[0]).toMatch(/^6:3 /);
    } finally {
      process.off('warning', listen);
    }
    return new Promise<void>((resolve) => setImmediate(() => {
      expect(warnings).toEqual([]);
      resolve();
    }));
  });

  it('a recognizer\'s output for a silent call (an empty segment list) is a warning like an empty file, not an unknown shape', () => {
    for (const json of ['{"text": "", "segments": [], "language": "zh"}', '{"results": {"transcripts": [{"transcript": ""}], "items": [], "audio_segments": []}}', '{"Transcript": []}', '[]']) {
      expect(notices(parseTranscript(json, 'a.json', speakers)), json).toEqual(['1:1 no speaker turns found; nothing was linted']);
    }
    // Another list holds no segments, and a list of something else is still not a transcript.
    expect(notices(parseTranscript('{"segments": [], "words": [{"text": "您好"}]}', 'a.json', speakers))).toEqual(['1:1 no speaker turns found; nothing was linted']);
    expect(notices(parseTranscript('{"items": [1, 2]}', 'a.json', speakers))[0]).toMatch(/fatal JSON that is not a recognized transcript/);
  });

  it('an empty file is a warning; a line longer than the limit is refused without being parsed', () => {
    expect(notices(parseTranscript('', 'a.txt', speakers))).toEqual(['1:1 empty file; nothing to lint']);
    expect(notices(parseTranscript('', 'a.json', speakers))).toEqual(['1:1 empty file; nothing to lint']);
    const huge = parseTranscript(`客服: 您好\n客户: ${'啊'.repeat(MAX_LINE_LENGTH + 1)}\n`, 'a.srt', speakers);
    expect(notices(huge)).toEqual([`2:1 fatal line 2 is 1,000,005 characters long (the limit is 1,000,000); this is not a line-based transcript, so it was not linted`]);
    expect(huge.turns).toEqual([]);
    // Far into a long file, after more than the limit of ordinary lines; a line of exactly the limit is not refused.
    const calls = '客服: 您好\n'.repeat(200_000);
    const late = parseTranscript(`${calls}客户: ${'啊'.repeat(MAX_LINE_LENGTH)}\n${calls}客户: ${'啊'.repeat(MAX_LINE_LENGTH - 3)}`, 'a.txt', speakers);
    expect(notices(late)).toEqual([`200001:1 fatal line 200001 is 1,000,004 characters long (the limit is 1,000,000); this is not a line-based transcript, so it was not linted`]);
    const atLimit = parseTranscript(`${calls}客户: ${'啊'.repeat(MAX_LINE_LENGTH - 4)}\n${calls}`, 'a.txt', speakers);
    expect(notices(atLimit)).toEqual([]);
    expect(atLimit.turns).toHaveLength(400_001);
  });

  it('an end before its start is a warning at the end, in every format, and the turn counts as one without an end', () => {
    const cases: [string, string, string][] = [
      ['a.txt', '[00:00:10 - 00:00:05] 客服: 请稍等\n', '1:13 turn ends (00:00:05) before it starts (00:00:10); its end is not used'],
      ['a.srt', '1\n00:00:10,000 --> 00:00:05,000\n客服: 请稍等\n', '2:18 cue ends (00:00:05,000) before it starts (00:00:10,000); its end is not used'],
      ['a.vtt', 'WEBVTT\n\n00:00:10.000 --> 00:00:05.000\n<v 客服>请稍等\n', '3:18 cue ends (00:00:05.000) before it starts (00:00:10.000); its end is not used'],
      ['a.json', '[{"speaker": "客服", "text": "请稍等", "start": 10, "end": 5}]', '1:55 segment ends ("end": 5) before it starts ("start": 10); its end is not used'],
    ];
    for (const [name, text, notice] of cases) {
      const t = parseTranscript(text, name, speakers);
      expect(notices(t), name).toEqual([notice]);
      expect(turns(t), name).toEqual([['agent', '客服', '请稍等', 10, undefined]]);
    }
  });

  it('plain text: a malformed timestamp is fatal at its place', () => {
    expect(notices(parseTranscript('[00:75:10] 客服: 您好\n[1:2] 客户: 嗯\n', 'a.txt', speakers))).toEqual([
      '1:2 fatal malformed timestamp "00:75:10": minutes and seconds run from 00 to 59',
      '2:1 fatal malformed timestamp "[1:2]"; write it as [hh:mm:ss] or [mm:ss.mmm]',
    ]);
  });

  it('plain text: a bracket the time pattern cannot read to its end is a malformed timestamp, and the turn keeps its label (it was read as words of the turn before, in the other speaker\'s name)', () => {
    const text = '[00:00:12] 客服: 好的，请您稍等。\n[0:00:14:5] 客户: 不知道你们搞什么\n[99999999999:00:00] 客户: 嗯\n[00:00:05.1234] 客服: 谢谢\n[00:00:20 - ] 客服: 再见\n';
    const t = parseTranscript(text, 'a.txt', speakers);
    expect(notices(t)).toEqual([
      '2:1 fatal malformed timestamp "[0:00:14:5]"; write it as [hh:mm:ss] or [mm:ss.mmm]',
      '3:1 fatal malformed timestamp "[99999999999:00:00]"; write it as [hh:mm:ss] or [mm:ss.mmm]',
      '4:1 fatal malformed timestamp "[00:00:05.1234]"; write it as [hh:mm:ss] or [mm:ss.mmm]',
      '5:1 fatal malformed timestamp "[00:00:20 - ]"; write it as [hh:mm:ss] or [mm:ss.mmm]',
    ]);
    expect(turns(t)).toEqual([
      ['agent', '客服', '好的，请您稍等。', 12, undefined],
      ['customer', '客户', '不知道你们搞什么', undefined, undefined],
      ['customer', '客户', '嗯', undefined, undefined],
      ['agent', '客服', '谢谢', undefined, undefined],
      ['agent', '客服', '再见', undefined, undefined],
    ]);
  });
});
