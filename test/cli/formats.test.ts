// One command over a folder mixing every format and encoding, and over bad input: each good file linted with
// lines and columns into the file as it opens, each bad file reported by name, the run going on, exit 2.
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeReadError } from '../../src/engine/linter.js';
import { describeFolderError } from '../../src/runner/walk.js';
import { runCli, tempDir, SPEAKERS } from '../helpers.js';

const MIXED = ['-c', 'fixtures/formats/transcript-lint.yaml', 'fixtures/formats', 'fixtures/bad-input'];

/** Compact lines of one rule, "file:line:column". */
function placesOf(stdout: string, ruleId: string): string[] {
  return stdout.split('\n').filter((l) => l.endsWith(`[${ruleId}]`)).map((l) => l.split(': ')[0].replace(/:(error|warning)$/, ''));
}

describe('a folder mixing formats and encodings, and bad input', () => {
  const run = runCli([...MIXED, '-f', 'compact']);

  it('exits 2 because some files could not be linted', () => {
    expect(run.status).toBe(2);
  });

  it('finds 不知道 in every good file, at the line and column where the file says it', () => {
    expect(placesOf(run.stdout, 'zh-callcenter/banned-bu-zhidao')).toEqual([
      'fixtures/formats/alibaba-dialogue.json:34:22',
      'fixtures/formats/amazon-call-analytics.json:1:940',
      'fixtures/formats/call-big5.txt:6:25',
      'fixtures/formats/call-gbk.txt:6:25',
      'fixtures/formats/call-utf16be-no-bom.txt:6:25',
      'fixtures/formats/call-utf16le.txt:6:25',
      'fixtures/formats/call-utf8-bom.txt:9:14',
      'fixtures/formats/call-utf8.txt:11:25',
      'fixtures/formats/call.srt:23:13',
      'fixtures/formats/call.vtt:30:16',
      'fixtures/formats/channels.json:38:27',
      'fixtures/formats/speaker-list.json:34:23',
      'fixtures/formats/whisper.json:44:70', // inside "\u8fd9\u4e2a\u6211\u4e0d\u77e5\u9053…": at \u4e0d
    ]);
  });

  it('measures the hold in every file with timestamps', () => {
    expect(placesOf(run.stdout, 'zh-callcenter/hold-return-in-time')).toHaveLength(12);
    expect(run.stdout).toContain('fixtures/formats/call.srt:19:5: warning 等候超过25秒须转回客户说明');
    expect(run.stdout).toContain('（客户等候 42.5 秒后才得到回应；至多 25 秒）');
  });

  it('reports each bad file by name, line and column', () => {
    expect(run.stdout).toContain('fixtures/bad-input/binary.txt:0:0: error binary file (NUL bytes, first at byte 8); transcripts are text — is this a recording or a document rather than its transcript?\n');
    expect(run.stdout).toContain('fixtures/bad-input/empty.txt:1:1: warning empty file; nothing to lint\n');
    expect(run.stdout).toContain('fixtures/bad-input/malformed.json:3:3: error malformed JSON: expected a comma (,) or a closing bracket (]) but found "{"\n');
    expect(run.stdout).toContain('fixtures/bad-input/truncated.txt:3:21: error truncated multi-byte UTF-8 sequence at the end of the file (byte 200)');
  });

  it('stylish: rules without timestamps are named once per run (not under each file), and the summary counts failures', () => {
    const stylish = runCli(MIXED);
    expect(stylish.stdout).toContain('  3 files could not be linted (or not completely): see the fatal problems above\n');
    expect(stylish.stdout.split('not evaluated')).toHaveLength(2);
    expect(stylish.stdout).toContain('  not evaluated on 1 file without timestamps: zh-callcenter/hold-return-in-time\n');
    expect(runCli([...MIXED, '--quiet']).stdout).not.toContain('not evaluated');
  });

  it('stylish and json say why a rule was not evaluated: a timed call that ends on the complaint is not one without timestamps', () => {
    const dir = tempDir({
      'ends-on-complaint.txt': '[00:00:01] 客服: 您好，客服128号为您服务，请问有什么可以帮您？\n[00:00:05] 客户: 你们的服务太差了，我要投诉！\n',
      'unanswered-chat.txt': '[10:00:00] 客户: 在吗？有人吗\n',
    });
    const stylish = runCli(['--no-config-lookup', '--pack', 'zh-chat', 'ends-on-complaint.txt', 'unanswered-chat.txt'], { cwd: dir }).stdout;
    expect(stylish).toContain('  not evaluated on 1 file where the transcript ends before the reply the rule waits for: zh-callcenter/apology-after-complaint, zh-callcenter/reassure-after-complaint\n');
    expect(stylish).toContain('  not evaluated on 1 file where the speaker the rule checks never speaks: zh-callcenter/greet-first, zh-chat/first-response, zh-chat/reply-time\n');
    expect(stylish).not.toContain('without timestamps');
    const [json] = JSON.parse(runCli(['--no-config-lookup', 'ends-on-complaint.txt', '-f', 'json'], { cwd: dir }).stdout) as { notEvaluated: string[]; notEvaluatedReasons: Record<string, string> }[];
    expect(json.notEvaluated).toEqual(['zh-callcenter/apology-after-complaint', 'zh-callcenter/reassure-after-complaint']);
    expect(json.notEvaluatedReasons).toEqual({ 'zh-callcenter/apology-after-complaint': 'no-reply', 'zh-callcenter/reassure-after-complaint': 'no-reply' });
  });

  it('json: results carry call metadata and the rules not evaluated', () => {
    const results = JSON.parse(runCli([...MIXED, '-f', 'json']).stdout) as { filePath: string; meta?: Record<string, string>; notEvaluated?: string[]; fatalErrorCount: number }[];
    const byName = new Map(results.map((r) => [r.filePath, r]));
    expect(byName.get('fixtures/formats/call-utf8.txt')?.meta).toEqual({ 'call-id': 'KT-20240312-0042', 'agent-id': '128', date: '2024-03-12' });
    expect(byName.get('fixtures/formats/call-utf8-bom.txt')).toMatchObject({ meta: { 通话ID: 'KT-20240312-0043', 坐席工号: '128' }, notEvaluated: ['zh-callcenter/hold-return-in-time'] });
    expect(byName.get('fixtures/formats/call.vtt')?.meta).toMatchObject({ 'Call-Id': 'KT-20240312-0044' });
    expect(results.filter((r) => r.fatalErrorCount).map((r) => r.filePath)).toEqual([
      'fixtures/bad-input/binary.txt', 'fixtures/bad-input/malformed.json', 'fixtures/bad-input/truncated.txt',
    ]);
  });
});

const PACK = `name: demo\n${SPEAKERS}rules:\n  idk:\n    kind: banned\n    phrases: [不知道]\n`;

describe('bad input made on the spot', () => {
  it('broken links, folder loops, binary and huge files are reported; the good file is still linted', () => {
    const dir = tempDir({ 'demo.yaml': PACK, 'calls/good.txt': '客服: 这个我不知道\n', 'calls/huge.txt': `客服: ${'啊'.repeat(1_100_000)}\n` });
    symlinkSync('missing.txt', join(dir, 'calls/gone.txt'));
    symlinkSync('..', join(dir, 'calls/loop'));
    symlinkSync('good.txt', join(dir, 'calls/same-call.txt'));
    writeFileSync(join(dir, 'calls/photo.txt'), Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]));
    const run = runCli(['--pack', './demo.yaml', 'calls', '-f', 'compact'], { cwd: dir });
    expect(run.status).toBe(2);
    // In path order, problems met while walking among the files. same-call.txt is a link to good.txt: linted once, under good.txt.
    expect(run.stdout.split('\n').filter(Boolean).map((line) => line.replace(/ \[demo\/idk\]$/, '').replace(/(good\.txt:1:8: error) .*/, '$1'))).toEqual([
      'calls/gone.txt:0:0: error broken symbolic link (it points to "missing.txt", which does not exist); fix or remove the link',
      'calls/good.txt:1:8: error',
      'calls/huge.txt:1:1: error line 1 is 1,100,004 characters long (the limit is 1,000,000); this is not a line-based transcript, so it was not linted',
      'calls/loop:0:0: error folder loop: this link points to "..", a folder that contains it; it was not followed',
      'calls/photo.txt:0:0: error binary file (NUL bytes, first at byte 4); transcripts are text — is this a recording or a document rather than its transcript?',
      '5 problems',
    ]);
  });

  it('a broken link named on the command line is reported, not taken for a missing pattern', () => {
    const dir = tempDir({ 'demo.yaml': PACK });
    symlinkSync('nowhere.srt', join(dir, 'call.srt'));
    const run = runCli(['--pack', './demo.yaml', 'call.srt', '-f', 'compact'], { cwd: dir });
    expect([run.status, run.stdout.split('\n')[0]]).toEqual([2, 'call.srt:0:0: error broken symbolic link (it points to "nowhere.srt", which does not exist); fix or remove the link']);
  });

  it('an unreadable file is reported with what to do (mapped from the error code; tests may run as root)', () => {
    expect(describeReadError(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe('permission denied; make the file readable for this user (and its folders searchable, x)');
    expect(describeFolderError(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe('permission denied; make the folder readable and searchable (r and x) for this user');
    expect(describeFolderError(Object.assign(new Error('x'), { code: 'ENOTDIR' }))).toBe('a part of the path is a file, not a folder; check the path');
    expect(describeReadError(Object.assign(new Error('x'), { code: 'ELOOP' }))).toBe('symbolic links point at each other in a loop; fix or remove the link');
    if (process.getuid?.() === 0) return;
    const dir = tempDir({ 'demo.yaml': PACK, 'locked.txt': '客服: 您好\n' });
    chmodSync(join(dir, 'locked.txt'), 0o000);
    const run = runCli(['--pack', './demo.yaml', 'locked.txt', '-f', 'compact'], { cwd: dir });
    expect([run.status, run.stdout.split('\n')[0]]).toEqual([2, 'locked.txt:0:0: error permission denied; make the file readable for this user (and its folders searchable, x)']);
  });

  it('--encoding forces an encoding; an unknown one stops the run before any file', () => {
    const dir = tempDir({ 'demo.yaml': PACK });
    mkdirSync(join(dir, 'calls'));
    writeFileSync(join(dir, 'calls/a.txt'), Uint8Array.from([0xbf, 0xcd, 0xb7, 0xfe, 0x3a, 0x20, 0xb2, 0xbb, 0xd6, 0xaa, 0xb5, 0xc0])); // 客服: 不知道 in GBK
    expect(runCli(['--pack', './demo.yaml', '--encoding', 'gbk', 'calls', '-f', 'compact'], { cwd: dir }).stdout).toMatch(/^calls\/a\.txt:1:5: error /);
    const unknown = runCli(['--pack', './demo.yaml', '--encoding', 'klingon', 'calls', '-f', 'compact'], { cwd: dir });
    expect([unknown.status, unknown.stdout, unknown.stderr]).toEqual([2, '', 'transcript-lint: unknown encoding "klingon"; use one of utf-8, utf-16le, utf-16be, gb18030, gbk, big5\n']);
  });
});

// A file in which no speaker is recognised could not be linted: an error, counted, exit 2 — it was a warning and
// exit 0, and a nightly job counted the file as linted and clean. Every format alike; an empty file stays a warning.
describe('a file in which no speaker is recognised', () => {
  const dir = tempDir({
    'good.txt': '客服: 您好，客服128号为您服务，请问有什么可以帮您？\n客户: 查话费\n客服: 好的，请稍等\n',
    'plain.txt': '今天的账单不对\n多扣了五十元\n',
    'labels.txt': '[00:00:01] 甲: 您好\n[00:00:03] 乙: 我查话费\n',
    'numbered.json': '{"segments": [{"start": 0, "end": 2, "text": "您好", "speaker": "SPEAKER_00"}, {"start": 3, "end": 5, "text": "我查话费", "speaker": "SPEAKER_01"}]}',
    'plain.json': '[{"text": "您好", "start": 0, "end": 2}, {"text": "我查话费", "start": 3, "end": 5}]',
    'cues.srt': '1\n00:00:01,000 --> 00:00:02,000\n您好\n\n2\n00:00:03,000 --> 00:00:04,000\n我查话费\n',
    'cues.vtt': 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n您好\n\n00:00:03.000 --> 00:00:04.000\n我查话费\n',
    'empty.txt': '',
  });
  const files = ['good.txt', 'plain.txt', 'labels.txt', 'numbered.json', 'plain.json', 'cues.srt', 'cues.vtt', 'empty.txt'];

  it('is an error saying what the first lines look like and what to do; the run goes on, the summary counts it, exit 2', () => {
    const run = runCli(['--no-config-lookup', ...files, '-f', 'compact'], { cwd: dir });
    expect(run.status).toBe(2);
    const errors = run.stdout.split('\n').filter((l) => l.includes('error no speaker label recognised'));
    expect(errors.map((l) => l.split(':')[0])).toEqual(['cues.srt', 'cues.vtt', 'labels.txt', 'numbered.json', 'plain.json', 'plain.txt']);
    const of = (name: string): string => errors.find((l) => l.startsWith(`${name}:`))!;
    expect(of('plain.txt')).toContain('its first lines have no "label:" before the words ("今天的账单不对", "多扣了五十元"); start each turn with a label such as "客服:"');
    expect(of('plain.txt')).toContain('or name your labels under "speakers:" in a config');
    expect(of('labels.txt')).toContain('start with labels no pack knows ("[00:00:01] 甲: 您好", "[00:00:03] 乙: 我查话费")');
    expect(of('labels.txt')).toContain('speakers: { agent: [甲], customer: [乙] }');
    expect(of('numbered.json')).toContain('its segments name speakers no pack knows ("SPEAKER_00: 您好", "SPEAKER_01: 我查话费"); map the speaker or channel ids to roles in a config, e.g. channels: { "0": agent, "1": customer }');
    expect(of('plain.json')).toContain('its segments name no speaker ("您好", "我查话费"); give each segment its speaker (diarize the audio');
    expect(of('cues.vtt')).toContain('<v 客服> voice tag');
    // The error names the labels: no warning beside it that their turns "count as other", as if they had been linted.
    expect(run.stdout).not.toMatch(/^(labels\.txt|numbered\.json):.*unknown speaker labels/m);
    // The good file is linted, the empty one keeps its warning.
    expect(run.stdout).toContain('good.txt:3:5: error');
    expect(run.stdout).toContain('empty.txt:1:1: warning empty file; nothing to lint');
    const stylish = runCli(['--no-config-lookup', ...files], { cwd: dir });
    expect(stylish.status).toBe(2);
    expect(stylish.stdout).toContain('  6 files could not be linted (or not completely): see the fatal problems above\n');
  });

  it('with every report in a file (a cron job, a Kubernetes shard), standard error names each file that could not be linted: the run said nothing and exited 2', () => {
    const run = runCli(['--no-config-lookup', 'good.txt', 'plain.txt', 'labels.txt', '-f', 'jsonl', '-o', 'shard.jsonl'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n').filter(Boolean);
    expect(lines.map((l) => l.split(': error ')[0])).toEqual(['transcript-lint: labels.txt:1:15', 'transcript-lint: plain.txt:1:1']);
    expect(lines[0]).toContain('error no speaker label recognised, so nothing was linted');
    // Lint problems stay in the report; a report on the terminal already names the file, so nothing is repeated.
    expect(runCli(['--no-config-lookup', 'good.txt', 'plain.txt', '-f', 'compact', '-f', 'json:r.json'], { cwd: dir }).stderr).toBe('');
    expect(runCli(['--no-config-lookup', 'good.txt', '-f', 'json:r.json'], { cwd: dir })).toMatchObject({ status: 1, stderr: '' });
    // Data on stdout (-f jsonl > nightly.jsonl): the log on stderr names them too.
    const piped = runCli(['--no-config-lookup', 'good.txt', 'plain.txt', '-f', 'jsonl'], { cwd: dir });
    expect(piped.stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect(piped.stderr).toMatch(/^transcript-lint: plain\.txt:1:1: error no speaker label recognised/);
  });

  it('json and the library API: a fatal error, no score; a speaker map makes the file lintable', () => {
    const [result] = JSON.parse(runCli(['--no-config-lookup', 'labels.txt', '-f', 'json'], { cwd: dir }).stdout) as { fatalErrorCount: number; errorCount: number; notLinted: unknown; score?: unknown }[];
    expect(result).toMatchObject({ fatalErrorCount: 1, errorCount: 1, notLinted: { reason: 'no-turns' } });
    expect(result.score).toBeUndefined();
    const mapped = tempDir({ 'labels.txt': '甲: 您好，客服128号为您服务，请问有什么可以帮您？\n乙: 查话费\n', 'transcript-lint.yaml': 'extends: zh-callcenter\nspeakers: { agent: [甲], customer: [乙] }\n' });
    const run = runCli(['labels.txt', '-f', 'json'], { cwd: mapped });
    const [linted] = JSON.parse(run.stdout) as { fatalErrorCount: number; notLinted?: unknown }[];
    expect([linted.fatalErrorCount, linted.notLinted]).toEqual([0, undefined]);
  });
});
