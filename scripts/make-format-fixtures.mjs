// Writes fixtures/formats (one call in every supported format and encoding) and the bad-input examples that can
// live in git. Encoded files cannot be edited by hand: change the call here and run `node scripts/make-format-fixtures.mjs`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js';
import { encoderFor, utf16be, utf16le } from '../bench/legacy-encoders.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const formats = join(root, 'fixtures', 'formats');
const bad = join(root, 'fixtures', 'bad-input');
mkdirSync(formats, { recursive: true });
mkdirSync(bad, { recursive: true });
const write = (dir, name, content) => writeFileSync(join(dir, name), content);

/** The call: [start s, end s, role, text]. The agent puts the caller on hold at 16 s and comes back at 60 s. */
const CALL = [
  [0, 4.5, 'agent', '您好，康泰鑫客服128号为您服务，请问有什么可以帮您？'],
  [5, 8.5, 'customer', '我的账单好像不对，这个月多扣了钱。'],
  [9, 13, 'agent', '麻烦您等待一下，我帮您查看，好吗？'],
  [14, 15, 'customer', '好的。'],
  [16, 17.5, 'agent', '请稍等。'],
  [60, 66, 'agent', '让您久等了。这个我不知道，您去营业厅问吧。'],
  [68, 71, 'customer', '"营业厅"在哪里？'],
  [72, 74, 'agent', '请问还有什么可以帮助您？'],
  [75, 76, 'customer', '没有了。'],
  [78, 80.5, 'agent', '感谢您的来电，再见！'],
];
const LABEL = { agent: '客服', customer: '客户' };
const clock = (s, sep = '.') => {
  const ms = Math.round(s * 1000);
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3600000))}:${pad(Math.floor(ms / 60000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${sep}${pad(ms % 1000, 3)}`;
};
const plain = (call, timestamps) => call.map(([s, , role, text]) => `${timestamps ? `[${clock(s).slice(0, 8)}] ` : ''}${LABEL[role]}: ${text}`).join('\n') + '\n';

const FRONT = '---\ncall-id: KT-20240312-0042\nagent-id: "128"\ndate: 2024-03-12\n---\n';
write(formats, 'call-utf8.txt', FRONT + plain(CALL, true));
write(formats, 'call-utf8-bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('通话ID: KT-20240312-0043\n坐席工号: 128\n\n' + plain(CALL, false))]));
write(formats, 'call-gbk.txt', encoderFor('gb18030')(plain(CALL, true)));
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
write(formats, 'call-big5.txt', encoderFor('big5')(toTraditional(plain(CALL, true).replace(/客户/g, '客戶'))));
write(formats, 'call-utf16le.txt', Uint8Array.from([0xff, 0xfe, ...utf16le(plain(CALL, true))]));
write(formats, 'call-utf16be-no-bom.txt', utf16be(plain(CALL, true)));

write(formats, 'call.srt', CALL.map(([s, e, role, text], i) => `${i + 1}\n${clock(s, ',')} --> ${clock(e, ',')}\n${LABEL[role]}：${text}\n`).join('\n'));
write(formats, 'call.vtt', 'WEBVTT\nKind: captions\nLanguage: zh-CN\nCall-Id: KT-20240312-0044\n\nNOTE recorded on line 3\n\n' +
  CALL.map(([s, e, role, text], i) => `cue-${i + 1}\n${clock(s).slice(3)} --> ${clock(e).slice(3)}\n<v ${LABEL[role]}>${text}</v>\n`).join('\n'));

// Python's json.dump writes non-ASCII as \u escapes by default: positions must still point at the right place.
const pythonJson = (value) => JSON.stringify(value, null, 2).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
write(formats, 'whisper.json', pythonJson({
  text: CALL.map((c) => c[3]).join(''),
  language: 'zh',
  segments: CALL.map(([start, end, role, text], id) => ({ id, start, end, text, speaker: role === 'agent' ? 'SPEAKER_00' : 'SPEAKER_01' })),
}) + '\n');
write(formats, 'amazon-call-analytics.json', JSON.stringify({
  JobStatus: 'COMPLETED', LanguageCode: 'zh-CN', Channel: 'VOICE', AccountId: '123456789012',
  Participants: [{ ParticipantRole: 'AGENT' }, { ParticipantRole: 'CUSTOMER' }],
  Transcript: CALL.map(([s, e, role, text], i) => ({
    Id: `seg-${i}`, ParticipantRole: role.toUpperCase(), Content: text,
    BeginOffsetMillis: Math.round(s * 1000), EndOffsetMillis: Math.round(e * 1000), Sentiment: 'NEUTRAL',
  })),
}) + '\n');
write(formats, 'alibaba-dialogue.json', JSON.stringify(CALL.map(([s, e, role, text]) => ({
  role: role === 'agent' ? '坐席' : '客户', words: text, begin: Math.round(s * 1000), end: Math.round(e * 1000),
})), null, 1) + '\n');
write(formats, 'channels.json', JSON.stringify({
  TaskId: 'c5f1e2d3', StatusText: 'SUCCESS',
  Result: { Sentences: CALL.map(([s, e, role, text]) => ({ ChannelId: role === 'agent' ? 0 : 1, Text: text, BeginTime: Math.round(s * 1000), EndTime: Math.round(e * 1000) })) },
}, null, 2) + '\n');
write(formats, 'speaker-list.json', JSON.stringify(CALL.map(([start, end, role, text]) => ({ speaker: LABEL[role], text, start, end })), null, 2) + '\n');
write(formats, 'transcript-lint.yaml', '# Speech-recognition JSON numbers its channels and speakers: say which is the agent.\nextends: zh-callcenter\nchannels: { "0": agent, "1": customer }\n');

// Bad input users can try (broken links and unreadable files are made by the tests in temporary folders).
write(bad, 'binary.txt', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
const call = Buffer.from(plain(CALL.slice(0, 3), false));
write(bad, 'truncated.txt', call.subarray(0, call.length - 3));
write(bad, 'malformed.json', '[\n  {"speaker": "客服", "text": "您好，请问有什么可以帮您？", "start": 0}\n  {"speaker": "客户", "text": "查账单", "start": 3}\n]\n');
write(bad, 'empty.txt', '');
